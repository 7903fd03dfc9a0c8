import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { understandingFile } from '../../understanding/phrases.js';
import { ORG_TYPES, type OrgType } from '../../services/models/organization.js';
import { ADMIN_ROLES } from '../../services/models/adminRoles.js';
import { microsoftSays, microsoftUnreachable } from '../helpers/microsoftSays.js';
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
      expect((await say(understandingFile(_language).choices.orgType.school[2]!))[0]?.all).toContain(t.whoIsMyAdmin.guidance.school);
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
      // The helpdesk's record, not Microsoft's word: the answer says so.
      expect(answer[0]?.all).toContain(t.microsoft.fromDirectory);
      const takeover = await say(press(answer, t.whoIsMyAdmin.becomeAdmin));
      expect(takeover[0]?.card?.lines[0]).toBe(format(t.takeover.kindTitle, { domain: 'tailspin.example' }));
    });

    it("uses the organization's configured type without asking", async () => {
      const { say } = await start({ locale, organizations: [schoolWithoutContact], tenantId: 'tenant-lyceum' });
      expect((await say(question))[0]?.all).toContain(t.whoIsMyAdmin.guidance.school);
    });
  });
});

/** With what Microsoft says (a hand-written stand-in for Microsoft's cloud): tables in both languages. */
describe('WhoIsMyAdminDialog asking Microsoft', () => {
  const GLOBAL = ADMIN_ROLES.globalAdministrator;
  const HELPDESK = ADMIN_ROLES.helpdeskAdministrator;
  const BILLING = ADMIN_ROLES.billingAdministrator;
  const people = {
    megan: { id: 'u-megan', displayName: 'Megan Bowen', email: 'megan@contoso.com' },
    alex: { id: 'u-alex', displayName: 'Alex Wilber', email: 'alex@contoso.com' },
    lee: { id: 'u-lee', displayName: 'Lee Gu', email: 'lee@contoso.com' },
    bea: { id: 'u-bea', displayName: 'Bea Billing', email: 'bea@contoso.com' },
  };
  const granted = { roles: { [GLOBAL]: [people.megan, people.alex], [HELPDESK]: [people.lee], [BILLING]: [people.bea] } };

  describe.each([
    ['en', 'en-US', en, 'who is my admin?', 'I forgot my password, who is my admin?', 'who is the admin for our licenses?'],
    ['nl', 'nl-NL', nl, 'wie is mijn beheerder?', 'ik ben mijn wachtwoord vergeten, wie is mijn beheerder?', 'wie is de beheerder voor onze licenties?'],
  ] as const)('in %s', (_language, locale, t, question, passwordQuestion, licenseQuestion) => {
    const m = t.microsoft;

    it('names the Global Administrators Microsoft lists, by name and address, with the helpdesk contact after them', async () => {
      const microsoft = microsoftSays({ graph: { 'tenant-contoso': granted } });
      const { say } = await start({ locale, organizations: [contoso], tenantId: 'tenant-contoso', microsoft });
      const answer = await say(question);
      expect(answer[0]?.card?.lines[0]).toBe(format(t.whoIsMyAdmin.knownAdminsTitle, { org: 'Contoso' }));
      expect(answer[0]?.all).toContain(m.admins.intro.general);
      expect(answer[0]?.all).toContain(`Megan Bowen: megan@contoso.com (${m.roles.globalAdministrator})`);
      expect(answer[0]?.all).toContain(`Alex Wilber: alex@contoso.com (${m.roles.globalAdministrator})`);
      expect(answer[0]?.all).not.toContain('Lee Gu');
      expect(answer[0]?.all).toContain('Contoso IT Service Desk');
      expect(microsoft.asked).toContain(`roleHolders tenant-contoso ${GLOBAL}`);
    });

    it('adds the Helpdesk, Password and Authentication Administrators for a password problem', async () => {
      const microsoft = microsoftSays({ graph: { 'tenant-contoso': granted } });
      const { say } = await start({ locale, organizations: [contoso], tenantId: 'tenant-contoso', microsoft });
      const answer = await say(passwordQuestion);
      expect(answer[0]?.all).toContain(m.admins.intro.password);
      expect(answer[0]?.all).toContain(`Lee Gu: lee@contoso.com (${m.roles.helpdeskAdministrator})`);
      expect(answer[0]?.all).not.toContain('Bea Billing');
      expect(microsoft.asked).toContain(
        `roleHolders tenant-contoso ${[GLOBAL, HELPDESK, ADMIN_ROLES.passwordAdministrator, ADMIN_ROLES.authenticationAdministrator].join(',')}`,
      );
    });

    it('adds the Billing and License Administrators for licenses', async () => {
      const microsoft = microsoftSays({ graph: { 'tenant-contoso': granted } });
      const { say } = await start({ locale, organizations: [contoso], tenantId: 'tenant-contoso', microsoft });
      // The question about licenses gets its own short answer first, whose "Who is my admin?" is about licenses.
      const fact = await say(licenseQuestion);
      const answer = await say(press(fact, t.topics.whoIsMyAdmin));
      expect(answer[0]?.all).toContain(m.admins.intro.licenses);
      expect(answer[0]?.all).toContain(`Bea Billing: bea@contoso.com (${m.roles.billingAdministrator})`);
      expect(answer[0]?.all).not.toContain('Lee Gu');
    });

    it('answers as before, with the consent link for the Microsoft 365 admin, when the organization has not granted consent', async () => {
      const microsoft = microsoftSays();
      const { say } = await start({ locale, organizations: [fabrikam], tenantId: 'tenant-fabrikam', microsoft });
      const answer = await say(question);
      expect(answer[0]?.card?.lines[0]).toBe(format(t.whoIsMyAdmin.knownAdminsTitle, { org: 'Fabrikam' }));
      expect(answer[0]?.all).toContain('Jan de Vries: jan@fabrikam.nl');
      expect(answer[0]?.all).toContain(m.consent.what);
      expect(answer[0]?.card?.buttons).toContainEqual({ title: m.consent.button, data: undefined, url: microsoft.consentUrl('tenant-fabrikam') });
    });

    it('answers as before, without a word about Microsoft, when Microsoft cannot be reached', async () => {
      const { say } = await start({ locale, organizations: [fabrikam], tenantId: 'tenant-fabrikam', microsoft: microsoftUnreachable() });
      const answer = await say(question);
      expect(answer[0]?.all).toContain('Jan de Vries: jan@fabrikam.nl');
      expect(answer[0]?.all).not.toContain(m.consent.button);
      expect(answer[0]?.card?.buttons.some((b) => b.url)).toBe(false);
    });

    it('asks nothing of Microsoft outside a Teams tenant', async () => {
      const microsoft = microsoftSays({ graph: { 'tenant-contoso': granted } });
      const { say } = await start({ locale, microsoft });
      expect((await say(question))[0]?.card?.lines[0]).toBe(t.whoIsMyAdmin.askTitle);
      expect(microsoft.asked).toEqual([]);
    });

    it.each<[string, string[], OrgType]>([
      ['an education plan', ['STANDARDWOFFPACK_FACULTY'], 'school'],
      ['Business Premium', ['O365_BUSINESS_PREMIUM'], 'smallBusiness'],
      ['E3', ['ENTERPRISEPACK'], 'enterprise'],
    ])('takes the organization type from its subscriptions (%s) instead of asking, and says it is a guess', async (_plan, skus, orgType) => {
      const microsoft = microsoftSays({ graph: { 'tenant-new': { skus } } });
      const { say } = await start({ locale, tenantId: 'tenant-new', microsoft });
      const answer = await say(question);
      expect(answer[0]?.all).toContain(t.whoIsMyAdmin.guidance[orgType]);
      expect(answer[0]?.all).toContain(format(m.admins.inferredOrgType, { orgType: t.orgTypes[orgType] }));
      // Wrong? The button to change it is right there.
      const asked = await say(press(answer, t.whoIsMyAdmin.changeOrgType));
      expect(asked[0]?.card?.lines[0]).toBe(t.whoIsMyAdmin.askTitle);
    });

    it('still asks when the subscriptions tell nothing, and the type the user gave wins over the subscriptions', async () => {
      const microsoft = microsoftSays({ graph: { 'tenant-new': { skus: ['POWER_BI_STANDARD'] } } });
      const { say } = await start({ locale, tenantId: 'tenant-new', microsoft });
      const asked = await say(question);
      expect(asked[0]?.card?.lines[0]).toBe(t.whoIsMyAdmin.askTitle);
      await say(press(asked, t.orgTypes.smallBusiness));
      microsoft.asked.splice(0);

      const { say: sayElsewhere } = await start({ locale, tenantId: 'tenant-new', microsoft: microsoftSays({ graph: { 'tenant-new': { skus: ['ENTERPRISEPACK'] } } }) });
      expect((await sayElsewhere(question))[0]?.all).toContain(t.whoIsMyAdmin.guidance.enterprise);
      // Same user, remembered type: the one they gave, not the subscriptions' guess.
      const again = await say(question);
      expect(again[0]?.all).toContain(t.whoIsMyAdmin.guidance.smallBusiness);
      expect(again[0]?.all).toContain(format(t.whoIsMyAdmin.remembered, { orgType: t.orgTypes.smallBusiness }));
    });

    it('answers someone chatting from the old tenant after an external takeover with the new organization', async () => {
      const microsoft = microsoftSays({ domains: { 'tailspin.example': { kind: 'managed', federated: false } }, tenants: { 'tailspin.example': 'tenant-fabrikam' } });
      const { say } = await start({ locale, organizations: [unmanagedTailspin, fabrikam], tenantId: 'tenant-tailspin', email: 'ann@tailspin.example', microsoft });
      const answer = await say(question);
      expect(answer[0]?.card?.lines[0]).toBe(format(t.whoIsMyAdmin.knownAdminsTitle, { org: 'Fabrikam' }));
      expect(answer[0]?.all).toContain('Jan de Vries: jan@fabrikam.nl');
      expect(answer[0]?.all).not.toContain(format(t.whoIsMyAdmin.unmanagedTitle, { org: 'tailspin.example' }));
    });
  });
});
