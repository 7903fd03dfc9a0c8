import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { contoso, fabrikam, unmanagedTailspin } from '../helpers/fixtures.js';
import { press, useTestBots } from '../helpers/testBot.js';
import { ADMIN_ROLES } from '../../services/models/adminRoles.js';
import { microsoftSays, microsoftUnreachable } from '../helpers/microsoftSays.js';

const en = stringsFor('en');
const nl = stringsFor('nl');
const start = useTestBots();

describe('AmIAdminDialog', () => {
  it('gives the exact permission error in English, the Admin tile test and the worldwide admin center', async () => {
    const { say } = await start({ locale: 'en-US' });
    const answer = await say('am I an admin?');
    expect(answer[0]?.all).toContain("You don't have permission to access this page or perform this action");
    expect(answer[0]?.all).toContain(en.amIAdmin.tile);
    expect(answer[0]?.all).toContain('https://admin.microsoft.com');
  });

  it('gives the exact permission error in Dutch', async () => {
    const { say } = await start({ locale: 'nl-NL' });
    const answer = await say('ben ik beheerder?');
    expect(answer[0]?.all).toContain('Je hebt geen toestemming om toegang te krijgen tot deze pagina of deze actie uit te voeren');
    expect(answer[0]?.all).toContain(nl.amIAdmin.tile);
  });

  it.each([
    ['en-US', en, 'how do i get into the admin center'],
    ['nl-NL', nl, 'hoe kom ik in het beheercentrum'],
  ] as const)('switches to the 21Vianet and legacy Germany addresses on request (%s)', async (locale, t, question) => {
    const { say } = await start({ locale });
    const worldwide = await say(question);
    const china = await say(press(worldwide, t.amIAdmin.cloudButtons.china21Vianet));
    expect(china[0]?.all).toContain('https://portal.partner.microsoftonline.cn');
    expect(china[0]?.all).toContain(t.amIAdmin.cloudNote.china21Vianet);
    const germany = await say(press(china, t.amIAdmin.cloudButtons.germanyLegacy));
    expect(germany[0]?.all).toContain('https://portal.office.de');
    expect(germany[0]?.all).toContain(t.amIAdmin.cloudNote.germanyLegacy);
  });

  it.each([
    ['en-US', en, 'where do I sign in to the admin center? we are in China, 21Vianet', 'https://portal.partner.microsoftonline.cn'],
    ['nl-NL', nl, 'hoe kom ik in het beheercentrum van ons oude Office 365 Duitsland?', 'https://portal.office.de'],
  ] as const)('answers with the cloud the question names (%s)', async (locale, t, question, url) => {
    const { say } = await start({ locale });
    const answer = await say(question);
    expect(answer[0]?.card?.lines[0]).toBe(t.amIAdmin.title);
    expect(answer[0]?.all).toContain(url);
  });

  it("uses the organization's cloud from the directory", async () => {
    const { say } = await start({ locale: 'nl-NL', organizations: [fabrikam], tenantId: 'tenant-fabrikam' });
    expect((await say('ben ik admin'))[0]?.all).toContain('https://portal.partner.microsoftonline.cn');
  });

  it('says yes to someone the directory records as an admin', async () => {
    const { say } = await start({ locale: 'en-US', organizations: [contoso], tenantId: 'tenant-contoso', from: { aadObjectId: 'aad-megan' } });
    expect((await say('do i have admin rights?'))[0]?.all).toContain(format(en.amIAdmin.recordedAdmin, { org: 'Contoso' }));
  });

  it('does not say yes to a colleague who is not recorded', async () => {
    const { say } = await start({ locale: 'en-US', organizations: [contoso], tenantId: 'tenant-contoso', from: { aadObjectId: 'aad-someone' } });
    expect((await say('do i have admin rights?'))[0]?.all).not.toContain(format(en.amIAdmin.recordedAdmin, { org: 'Contoso' }));
  });

  it('tells a member of an unmanaged organization nobody is admin yet', async () => {
    const { say } = await start({ locale: 'en-US', organizations: [unmanagedTailspin], tenantId: 'tenant-tailspin' });
    const answer = await say('am i an admin');
    expect(answer[0]?.all).toContain(format(en.amIAdmin.unmanaged, { org: 'tailspin.example' }));
    expect(answer[0]?.card?.buttons.map((b) => b.title)).toContain(en.topics.takeover);
  });

  it('leads on to "who is my admin?"', async () => {
    const { say } = await start({ locale: 'en-US' });
    const next = await say(press(await say('am i an admin'), en.amIAdmin.notAdminNext));
    expect(next[0]?.card?.lines[0]).toBe(en.whoIsMyAdmin.askTitle);
  });
});

/** With what Microsoft Graph says about the user's own roles (a hand-written stand-in for Microsoft's cloud). */
describe('AmIAdminDialog asking Microsoft', () => {
  const USER_ADMIN = { displayName: 'User Administrator', roleTemplateId: ADMIN_ROLES.userAdministrator };
  const EXCHANGE_ADMIN = { displayName: 'Exchange Administrator', roleTemplateId: '29232cdf-9323-42fd-ade2-1d097af3e4de' };

  describe.each([
    ['en', 'en-US', en, 'am I an admin?'],
    ['nl', 'nl-NL', nl, 'ben ik beheerder?'],
  ] as const)('in %s', (_language, locale, t, question) => {
    const m = t.microsoft;
    const asSam = { locale, organizations: [contoso], tenantId: 'tenant-contoso', from: { aadObjectId: 'aad-sam' } };

    it('says yes with the roles Microsoft shows and what they can do, keeping the checks behind a toggle', async () => {
      const microsoft = microsoftSays({ graph: { 'tenant-contoso': { userRoles: { 'aad-sam': [USER_ADMIN] } } } });
      const { say } = await start({ ...asSam, microsoft });
      const answer = await say(question);
      expect(answer[0]?.all).toContain(format(m.myRoles.yes, { roles: m.roles.userAdministrator }));
      expect(answer[0]?.all).toContain(m.roleDescriptions.userAdministrator);
      // The permission error and the tile are still there to see it in the portal.
      expect(answer[0]?.all).toContain(t.amIAdmin.tile);
      expect(microsoft.asked).toContain('rolesOf tenant-contoso aad-sam');
    });

    it('names a role it does not describe, and points to Microsoft\'s list of roles', async () => {
      const microsoft = microsoftSays({ graph: { 'tenant-contoso': { userRoles: { 'aad-sam': [EXCHANGE_ADMIN] } } } });
      const { say } = await start({ ...asSam, microsoft });
      const answer = await say(question);
      expect(answer[0]?.all).toContain(format(m.myRoles.yes, { roles: 'Exchange Administrator' }));
      expect(answer[0]?.card?.buttons).toContainEqual({ title: m.myRoles.rolesPage, data: undefined, url: m.myRoles.rolesPageUrl });
    });

    it('says Microsoft shows no admin role, even for someone the directory records as an admin', async () => {
      const microsoft = microsoftSays({ graph: { 'tenant-contoso': {} } });
      const { say } = await start({ ...asSam, from: { aadObjectId: 'aad-megan' }, microsoft });
      const answer = await say(question);
      expect(answer[0]?.all).toContain(m.myRoles.none);
      expect(answer[0]?.all).not.toContain(format(t.amIAdmin.recordedAdmin, { org: 'Contoso' }));
    });

    it('answers as before, with the consent link, when the organization has not granted consent', async () => {
      const microsoft = microsoftSays();
      const { say } = await start({ ...asSam, from: { aadObjectId: 'aad-megan' }, microsoft });
      const answer = await say(question);
      expect(answer[0]?.all).toContain(format(t.amIAdmin.recordedAdmin, { org: 'Contoso' }));
      expect(answer[0]?.card?.buttons).toContainEqual({ title: m.consent.button, data: undefined, url: microsoft.consentUrl('tenant-contoso') });
    });

    it('answers as before, without a word about Microsoft, when Microsoft cannot be reached', async () => {
      const { say } = await start({ ...asSam, microsoft: microsoftUnreachable() });
      const answer = await say(question);
      expect(answer[0]?.all).toContain(t.amIAdmin.tile);
      expect(answer[0]?.all).not.toContain(m.myRoles.none);
      expect(answer[0]?.card?.buttons.some((b) => b.url)).toBe(false);
    });
  });
});
