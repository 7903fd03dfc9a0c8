/**
 * "Am I an admin?" and "who is my admin?" with the facts issue 22 found wrong, in both languages: the US Government
 * clouds (GCC on the worldwide admin center, GCC High and DoD on their own), "No; X is" where the bot knows (saying
 * whether that is from its records or from Microsoft), and someone still chatting from an organization that an
 * external takeover emptied.
 */
import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { ADMIN_ROLES } from '../../services/models/adminRoles.js';
import { contoso, unmanagedTailspin } from '../helpers/fixtures.js';
import { microsoftSays } from '../helpers/microsoftSays.js';
import { press, titleOf, useTestBots } from '../helpers/testBot.js';

const start = useTestBots();

describe.each([
  ['en', 'en-US', "how do I find out if I'm an admin? we use GCC High", "I'm in the US government cloud, am I an admin?", 'am I an admin?', 'who is my admin?'],
  ['nl', 'nl-NL', 'wij zitten in GCC High, hoe weet ik of ik beheerder ben?', 'we zitten in de Amerikaanse overheidscloud, ben ik beheerder?', 'ben ik beheerder?', 'wie is mijn beheerder?'],
] as const)('AmIAdminDialog facts in %s', (language, locale, gccHighQuestion, usGovernmentQuestion, amIAdmin, whoIsMyAdmin) => {
  const t = stringsFor(language);
  const s = t.amIAdmin;

  it('gives a GCC High user the two checks with the GCC High admin center', async () => {
    const { say } = await start({ locale });
    const answer = await say(gccHighQuestion);
    expect(titleOf(answer)).toBe(s.title);
    expect(answer[0]?.all).toContain(format(s.signIn, { url: 'https://portal.office365.us' }));
    expect(answer[0]?.all).toContain(s.tile);
    expect(answer[0]?.all).toContain(s.cloudNote.usGovGccHigh);
  });

  it('keeps to the cloud the user named when they ask again without naming it', async () => {
    const { say } = await start({ locale });
    await say(gccHighQuestion);
    await say(whoIsMyAdmin);
    const again = await say(amIAdmin);
    expect(titleOf(again)).toBe(s.title);
    expect(again[0]?.all).toContain(format(s.signIn, { url: 'https://portal.office365.us' }));
    expect(again[0]?.all).not.toContain(format(s.signIn, { url: 'https://admin.microsoft.com' }));
  });

  it('asks which US Government cloud, and gives each its own admin center', async () => {
    const { say } = await start({ locale });
    const which = await say(usGovernmentQuestion);
    expect(titleOf(which)).toBe(s.usGovernmentTitle);
    const dod = await say(press(which, s.cloudButtons.usGovDod));
    expect(dod[0]?.all).toContain(format(s.signIn, { url: 'https://portal.apps.mil' }));
    expect(dod[0]?.all).toContain(s.tile);
    const again = await say(press(dod, s.usGovernmentButton));
    const gcc = await say(press(again, s.cloudButtons.usGovGcc));
    expect(gcc[0]?.all).toContain(format(s.signIn, { url: 'https://admin.microsoft.com' }));
    expect(gcc[0]?.all).toContain(s.cloudNote.usGovGcc);
  });

  it('offers the US Government clouds on the worldwide answer', async () => {
    const { say } = await start({ locale });
    const answer = await say(amIAdmin);
    const which = await say(press(answer, s.usGovernmentButton));
    const high = await say(press(which, s.cloudButtons.usGovGccHigh));
    expect(high[0]?.all).toContain(format(s.signIn, { url: 'https://portal.office365.us' }));
  });

  it('says "No; X is" to someone in the organization who is not its recorded admin, and that it comes from the records', async () => {
    const { say } = await start({ locale, organizations: [contoso], tenantId: 'tenant-contoso', from: { aadObjectId: 'aad-someone' } });
    const answer = await say(amIAdmin);
    expect(answer[0]?.all).toContain(format(s.recordedOthersOne, { org: 'Contoso', admins: 'Megan Bowen (megan@contoso.com)' }));
    // The checks still show it for sure.
    expect(answer[0]?.all).toContain(s.tile);
  });

  it('says "No; X is" from Microsoft when Microsoft lists no role for the user and names the Global Administrators', async () => {
    const microsoft = microsoftSays({
      graph: { 'tenant-contoso': { roles: { [ADMIN_ROLES.globalAdministrator]: [{ id: 'aad-megan', displayName: 'Megan Bowen', email: 'megan@contoso.com' }] } } },
    });
    const { say } = await start({ locale, organizations: [contoso], tenantId: 'tenant-contoso', from: { aadObjectId: 'aad-someone' }, microsoft });
    const answer = await say(amIAdmin);
    expect(answer[0]?.all).toContain(t.microsoft.myRoles.none);
    expect(answer[0]?.all).toContain(format(t.microsoft.myRoles.globalAdmins, { admins: 'Megan Bowen' }));
    expect(answer[0]?.all).not.toContain(s.recordedOthersOne.split('{')[0]);
  });

  describe('after an external takeover emptied the organization someone chats from', () => {
    // Contoso took tailspin.example over; the old unmanaged organization is left without domains.
    const emptied = { ...unmanagedTailspin, domains: [], deleteAfter: '2026-12-20T00:00:00.000Z', domainsMovedTo: [{ domain: 'tailspin.example', orgId: contoso.id, at: '2026-12-10T09:00:00.000Z' }] };
    const grown = { ...contoso, domains: ['contoso.com', 'tailspin.example'] };
    const fromOldTenant = { locale, organizations: [emptied, grown], tenantId: 'tenant-tailspin' };
    const moved = format(t.whoIsMyAdmin.movedByTakeover, { domain: 'tailspin.example', org: 'Contoso', date: language === 'en' ? '10 December 2026' : '10 december 2026' });

    it('answers "who is my admin?" with where the domain went and the new organization\'s admins, not "no admin"', async () => {
      const { say } = await start(fromOldTenant);
      const answer = await say(whoIsMyAdmin);
      expect(answer[0]?.text).toBe(moved);
      expect(answer.map((reply) => reply.all).join('\n')).not.toContain(format(t.whoIsMyAdmin.unmanagedTitle, { org: 'tailspin.example' }));
      expect(answer[1]?.all).toContain('Contoso');
    });

    it('answers "am I an admin?" for the new organization', async () => {
      const { say } = await start(fromOldTenant);
      const answer = await say(amIAdmin);
      expect(answer[0]?.text).toBe(moved);
      expect(answer[1]?.all).not.toContain(format(s.unmanaged, { org: 'tailspin.example' }));
      expect(answer[1]?.all).toContain(format(s.recordedOthersOne, { org: 'Contoso', admins: 'Megan Bowen (megan@contoso.com)' }));
    });
  });
});
