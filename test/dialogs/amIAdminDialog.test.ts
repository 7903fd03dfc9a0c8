import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { contoso, fabrikam, unmanagedTailspin } from '../helpers/fixtures.js';
import { press, useTestBots } from '../helpers/testBot.js';

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
