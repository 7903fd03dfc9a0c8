import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { ORG_TYPES } from '../../services/models/organization.js';
import { contoso, fabrikam, schoolWithoutContact, unmanagedTailspin } from '../helpers/fixtures.js';
import { press, useTestBots } from '../helpers/testBot.js';

const en = stringsFor('en');
const nl = stringsFor('nl');
const start = useTestBots();

describe('WhoIsMyAdminDialog', () => {
  describe.each([
    ['en', 'en-US', en, 'who is my admin?'],
    ['nl', 'nl-NL', nl, 'wie is mijn beheerder?'],
  ] as const)('in %s', (_language, locale, t, question) => {
    it.each(ORG_TYPES)('asks the organization type and answers with the %s guidance, the default rule and the fallback', async (orgType) => {
      const { say } = await start({ locale });
      const asked = await say(question);
      expect(asked[0]?.card?.lines).toEqual([t.whoIsMyAdmin.askTitle, t.whoIsMyAdmin.askText]);
      expect(asked[0]?.card?.buttons.map((b) => b.title)).toEqual(ORG_TYPES.map((type) => t.orgTypes[type]));

      const answer = await say(press(asked, t.orgTypes[orgType]));
      expect(answer).toHaveLength(1);
      expect(answer[0]?.all).toContain(t.whoIsMyAdmin.guidance[orgType]);
      expect(answer[0]?.all).toContain(t.whoIsMyAdmin.defaultRule);
      expect(answer[0]?.all).toContain(t.whoIsMyAdmin.fallback);
      expect(answer[0]?.all).toContain(t.whoIsMyAdmin.why);
    });

    it('remembers the organization type and answers directly next time, with a button to change it', async () => {
      const { say } = await start({ locale });
      await say(press(await say(question), t.orgTypes.school));
      const again = await say(question);
      expect(again[0]?.all).toContain(t.whoIsMyAdmin.guidance.school);
      expect(again[0]?.all).toContain(format(t.whoIsMyAdmin.remembered, { orgType: t.orgTypes.school }));

      const asked = await say(press(again, t.whoIsMyAdmin.changeOrgType));
      expect(asked[0]?.card?.lines[0]).toBe(t.whoIsMyAdmin.askTitle);
      await say(press(asked, t.orgTypes.enterprise));
      expect((await say(question))[0]?.all).toContain(t.whoIsMyAdmin.guidance.enterprise);
    });

    it('takes a typed label, synonym or number as the answer', async () => {
      const { say } = await start({ locale });
      await say(question);
      expect((await say(t.orgTypes.smallBusiness.toLowerCase()))[0]?.all).toContain(t.whoIsMyAdmin.guidance.smallBusiness);
      await say(press(await say(question), t.whoIsMyAdmin.changeOrgType));
      expect((await say(t.orgTypeSynonyms.school[2]!))[0]?.all).toContain(t.whoIsMyAdmin.guidance.school);
      await say(press(await say(question), t.whoIsMyAdmin.changeOrgType));
      expect((await say('2'))[0]?.all).toContain(t.whoIsMyAdmin.guidance.enterprise);
    });

    it('asks again, politely, when the answer is not one of the options', async () => {
      const { say } = await start({ locale });
      await say(question);
      const retry = await say('purple');
      expect(retry[0]?.text).toBe(t.common.pickAnOption);
      expect(retry[1]?.card?.lines[0]).toBe(t.whoIsMyAdmin.askTitle);
    });

    it("answers with the organization's helpdesk contact and admins, found by Teams tenant", async () => {
      const { say } = await start({ locale, organizations: [contoso], tenantId: 'tenant-contoso' });
      const answer = await say(question);
      expect(answer[0]?.card?.lines[0]).toBe(format(t.whoIsMyAdmin.contactTitle, { org: 'Contoso' }));
      expect(answer[0]?.all).toContain('Contoso IT Service Desk');
      expect(answer[0]?.all).toContain(`${t.whoIsMyAdmin.contactPhone}: +31 20 123 4567`);
      expect(answer[0]?.all).toContain('Megan Bowen: megan@contoso.com');
    });

    it('names the admins the directory knows when there is no helpdesk contact', async () => {
      const { say } = await start({ locale, organizations: [fabrikam], tenantId: 'tenant-fabrikam' });
      const answer = await say(question);
      expect(answer[0]?.card?.lines[0]).toBe(format(t.whoIsMyAdmin.knownAdminsTitle, { org: 'Fabrikam' }));
      expect(answer[0]?.all).toContain('Jan de Vries: jan@fabrikam.nl');
    });

    it('tells a member of an unmanaged organization there is no admin yet, and offers the takeover', async () => {
      const { say } = await start({ locale, organizations: [unmanagedTailspin], tenantId: 'tenant-tailspin' });
      const answer = await say(question);
      expect(answer[0]?.card?.lines[0]).toBe(format(t.whoIsMyAdmin.unmanagedTitle, { org: 'tailspin.example' }));
      const takeover = await say(press(answer, t.whoIsMyAdmin.becomeAdmin));
      expect(takeover[0]?.card?.lines[0]).toBe(format(t.takeover.kindTitle, { domain: 'tailspin.example' }));
    });

    it("uses the organization's configured type without asking", async () => {
      const { say } = await start({ locale, organizations: [schoolWithoutContact], tenantId: 'tenant-lyceum' });
      expect((await say(question))[0]?.all).toContain(t.whoIsMyAdmin.guidance.school);
    });
  });
});
