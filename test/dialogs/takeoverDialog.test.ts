/**
 * TakeoverDialog and the takeover card's buttons, in both languages: every way in, the domain and kind questions,
 * the value from Microsoft (pasted in the card or the chat, cleaned up or refused with where to find it), each DNS
 * outcome against a real DNS server on loopback, the step in Microsoft confirmed (or not) by a stand-in for
 * Microsoft, the requester's word when Microsoft cannot be asked, licenses, expiry, and presses that are not the
 * requester's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { formatDate } from '../../cards/formatDate.js';
import { format, stringsFor } from '../../locales/strings.js';
import type { Directory } from '../../services/ports/directory.js';
import type { TakeoverRequest } from '../../services/models/takeoverRequest.js';
import { recordSignup } from '../../services/signup/signup.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dnsServer.js';
import { fakeMicrosoft, type FakeMicrosoft } from '../helpers/fakeMicrosoft.js';
import { contoso, organization, unmanagedTailspin } from '../helpers/fixtures.js';
import { press, useTestBots, type Reply, type TestBot, type TestBotOptions, titleOf } from '../helpers/testBot.js';

const startBot = useTestBots();
const DOMAIN = 'tailspin.example';
const DAY_MS = 24 * 60 * 60 * 1000;
/** What Microsoft's wizard shows Sam, and what Contoso's Domains page shows Megan. */
const VALUE = 'MS=ms48151623';
const CONTOSO_VALUE = 'MS=ms10203040';

const unmanagedWingtip = organization({ id: 'org-wingtip', displayName: 'wingtip.example', domains: ['wingtip.example'], managed: false });

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer();
});
afterAll(() => dns.close());
beforeEach(() => dns.clear());

/** A bot whose Microsoft shows Tailspin as unmanaged (viral), in its own tenant. */
async function start(options: TestBotOptions = {}): Promise<TestBot & { microsoft: FakeMicrosoft }> {
  const microsoft = fakeMicrosoft();
  microsoft.knows(options.organizations ?? []);
  microsoft.viral(DOMAIN, unmanagedTailspin.tenantId);
  return { ...(await startBot({ microsoft, ...options })), microsoft: (options.microsoft as FakeMicrosoft | undefined) ?? microsoft };
}

/** The request id a button of the card sends. */
function requestIdOf(replies: Reply[], buttonTitle: string): string {
  return (press(replies, buttonTitle).value as { request: string }).request;
}

/** Every line and button of the replies, as a person reads them. */
function allOf(replies: Reply[]): string {
  return replies.map((reply) => reply.all).join('\n');
}

/** A colleague who signed up through self-service, optionally for a service. */
async function signUp(directory: Directory, name: string, service?: string): Promise<void> {
  await recordSignup(directory, { address: { address: `${name}@${DOMAIN}`, domain: DOMAIN }, ...(service ? { service } : {}) }, new Date());
}

async function stored(directory: Directory, id: string): Promise<TakeoverRequest> {
  const request = await directory.findTakeover(id);
  if (!request) throw new Error(`no takeover ${id}`);
  return request;
}

describe.each([
  ['en', 'en-US', 'how do I become the admin of our tenant?', 'how do I take over tailspin.example?', 'who is my admin?', 'it says tailspin.example is already in use', 'cancel', 'check', 'done', 'internal'],
  ['nl', 'nl-NL', 'hoe word ik beheerder van onze tenant?', 'hoe neem ik tailspin.example over?', 'wie is mijn beheerder?', 'hij zegt dat tailspin.example al in gebruik is', 'annuleren', 'controleer', 'klaar', 'intern'],
] as const)('TakeoverDialog in %s', (language, locale, askTakeover, askTakeoverNamed, whoIsMyAdmin, inUseNamed, cancelWord, checkWord, doneWord, internalWord) => {
  const t = stringsFor(language);
  const s = t.takeover;
  /** Sam, with an address on the domain: can become a user there, so the internal takeover is offered. */
  const sam: TestBotOptions = { locale, organizations: [unmanagedTailspin], email: `sam@${DOMAIN}` };

  /** From the question naming the domain to the card that asks for the value Microsoft shows. */
  async function valueCard(say: TestBot['say']): Promise<Reply[]> {
    return say(press(await say(askTakeoverNamed), s.chooseInternal));
  }

  /** The value card, the value pasted in its field, and the record card for it. */
  async function recordCard(say: TestBot['say'], value = VALUE): Promise<Reply[]> {
    return say(press(await valueCard(say), s.useValue, { value }));
  }

  /** Up to the step in Microsoft: the value pasted, published and found in DNS. */
  async function microsoftStep(bot: TestBot, value = VALUE): Promise<Reply[]> {
    const record = await recordCard(bot.say, value);
    dns.setTxt(DOMAIN, [[value]]);
    const step = await bot.say(press(record, s.checkDns));
    expect(titleOf(step)).toBe(format(s.microsoftTitle, { domain: DOMAIN }));
    return step;
  }

  it('explains the takeover, asks for the domain pre-filled from the Teams address, and asks for the value Microsoft shows, never one of its own', async () => {
    const { say, directory } = await start(sam);
    await signUp(directory, 'ann');
    const asked = await say(askTakeover);
    expect(titleOf(asked)).toBe(s.title);
    expect(asked[0]?.all).toContain(s.points[0]);
    expect(asked[0]?.card?.inputs).toEqual([{ id: 'domain', label: s.domainLabel, value: DOMAIN }]);

    const kind = await say(press(asked, s.next));
    expect(titleOf(kind)).toBe(format(s.kindTitle, { domain: DOMAIN }));
    expect(kind[0]?.all).toContain(format(s.internalText, { domain: DOMAIN }));
    expect(kind[0]?.all).toContain(s.externalNeedsAdmin);
    expect(kind[0]?.card?.buttons.map((button) => button.title)).toEqual([s.chooseInternal, t.common.cancel]);

    const card = await say(press(kind, s.chooseInternal));
    const lines = card[0]?.card?.lines ?? [];
    expect(titleOf(card)).toBe(format(s.valueTitle, { domain: DOMAIN }));
    expect(lines).toContain(format(s.valueIntroInternal, { domain: DOMAIN }));
    expect(lines).toContain(format(s.valueStepsInternal[1]!, { url: 'https://admin.microsoft.com' }));
    // Where to find it, behind the toggle.
    expect(lines).toContain(s.valueHelpInternal[0]);
    expect(card[0]?.card?.inputs).toEqual([{ id: 'value', label: s.valueLabel, value: '' }]);
    expect(card[0]?.card?.buttons.map((button) => button.title)).toEqual([s.useValue, t.common.cancel]);
    // No value of the bot's own: only the example of what one looks like.
    expect(lines.filter((line) => /MS=ms\d{8}/.test(line.replaceAll('MS=ms12345678', '')))).toEqual([]);

    const request = await stored(directory, requestIdOf(card, s.useValue));
    expect(request).toMatchObject({ domain: DOMAIN, kind: 'internal', status: 'waitingForValue' });
    expect(request.value).toBeUndefined();
    expect(lines).toContain(format(s.recordExpires, { date: formatDate(t, request.expiresAt) }));
    expect((await directory.findByDomain(DOMAIN))?.managed).toBe(false);
  });

  it('takes the value pasted in the card, and shows the TXT record to add with exactly that value', async () => {
    const { say, directory } = await start({ ...sam, dnsServers: dns.servers });
    const card = await valueCard(say);
    const record = await say(press(card, s.useValue, { value: `  "${VALUE}" ` }));
    const lines = record[0]?.card?.lines ?? [];
    expect(titleOf(record)).toBe(format(s.recordTitle, { domain: DOMAIN }));
    expect(lines).toContain(s.statusValueReceived);
    expect(lines).toContain(`${s.factType}: TXT`);
    expect(lines.find((line) => line.startsWith(`${s.factHost}: `))).toMatch(/: @/);
    expect(lines.find((line) => line.startsWith(`${s.factTtl}: `))).toMatch(/: 3600\b/);
    expect(lines).toContain(VALUE);
    expect(lines).toContain(format(s.recordKind, { kind: s.kindNames.internal }));
    expect(record[0]?.card?.buttons.map((button) => button.title)).toEqual([s.checkDns, s.checkLater, t.common.cancel]);
    expect(await stored(directory, requestIdOf(card, s.useValue))).toMatchObject({ status: 'waitingForDns', value: VALUE });
  });

  it.each([
    ['the value', VALUE],
    ['the value in quotes', `"${VALUE}"`],
    ['a whole record line', `@ 3600 IN TXT "${VALUE}"`],
    ['a zone file line', `${DOMAIN}. TXT ${VALUE}`],
  ])('takes %s pasted in the chat', async (_case, pasted) => {
    const { say, directory } = await start(sam);
    const card = await valueCard(say);
    const record = await say(pasted);
    expect(titleOf(record)).toBe(format(s.recordTitle, { domain: DOMAIN }));
    expect(record[0]?.card?.lines).toContain(VALUE);
    expect(await stored(directory, requestIdOf(card, s.useValue))).toMatchObject({ status: 'waitingForDns', value: VALUE });
  });

  it.each([
    ['garbage in the field', 'button', 'hello there', 'notAValue'],
    ['an empty field', 'button', '', 'empty'],
    ['the value without MS=', 'button', 'ms48151623', 'noMsPrefix'],
    ['a word typed', 'typed', 'asdfgh', 'notAValue'],
    ['a digit short, typed', 'typed', 'MS=ms4815162', 'wrongDigits'],
    ['an SPF record, typed', 'typed', 'v=spf1 include:spf.protection.outlook.com -all', 'spfRecord'],
  ] as const)('answers %s with what a value looks like and where to find it, and the card keeps waiting', async (_case, how, pasted, problem) => {
    const { say, directory } = await start(sam);
    const card = await valueCard(say);
    const answer = await say(how === 'button' ? press(card, s.useValue, { value: pasted }) : pasted);
    expect(answer[0]?.text).toBe(`${s.valueProblems[problem]} ${s.valueLooksLike} ${s.whereToFindInternal}`);
    expect(titleOf(answer.slice(1))).toBe(format(s.valueTitle, { domain: DOMAIN }));
    expect(await stored(directory, requestIdOf(card, s.useValue))).toMatchObject({ status: 'waitingForValue' });
    // The card still takes the value.
    expect(titleOf(await say(VALUE))).toBe(format(s.recordTitle, { domain: DOMAIN }));
  });

  it('answers a question typed at the value card, and the card keeps waiting for the value', async () => {
    const { say } = await start(sam);
    await valueCard(say);
    const side = await say(language === 'en' ? 'how long does it take before DNS is updated?' : 'hoe lang duurt het voordat de DNS is bijgewerkt?');
    expect(titleOf(side)).toBe(t.facts.dnsTrouble.title);
    expect(titleOf(await say(VALUE))).toBe(format(s.recordTitle, { domain: DOMAIN }));
  });

  it('takes a value pasted in the chat after the flow was left, for the takeover on the card', async () => {
    const { say, directory } = await start(sam);
    const card = await valueCard(say);
    await say(whoIsMyAdmin);
    const record = await say(`Microsoft shows ${VALUE}`);
    expect(titleOf(record)).toBe(format(s.recordTitle, { domain: DOMAIN }));
    expect(await stored(directory, requestIdOf(card, s.useValue))).toMatchObject({ value: VALUE });
  });

  const checks: { outcome: string; publish(): void; explanation: string[] }[] = [
    { outcome: 'noRecord', publish: () => undefined, explanation: [format(s.statusNoRecord, { domain: DOMAIN })] },
    {
      outcome: 'wrongValue',
      publish: () => dns.setTxt(DOMAIN, [[VALUE.slice('MS='.length)]]),
      explanation: [format(s.statusWrongValue, { domain: DOMAIN, value: VALUE }), `• ${VALUE.slice('MS='.length)}`, format(s.mistakes.missingPrefix, { value: VALUE })],
    },
    {
      outcome: 'wrongHost',
      publish: () => dns.setTxt(`${DOMAIN}.${DOMAIN}`, [[VALUE]]),
      explanation: [format(s.statusWrongHost, { domain: DOMAIN, host: `${DOMAIN}.${DOMAIN}` })],
    },
    { outcome: 'dnsFailure', publish: () => dns.setBehaviour(DOMAIN, 'servfail'), explanation: [s.statusDnsFailure] },
  ];

  describe.each(checks)('when the DNS check finds $outcome', ({ publish, explanation }) => {
    it('says what it found above the same record, changes nothing, and moves to the step in Microsoft once the record is there', async () => {
      const { say, directory } = await start({ ...sam, dnsServers: dns.servers });
      const record = await recordCard(say);
      publish();
      const checked = await say(press(record, s.checkDns));
      for (const line of explanation) expect(checked[0]?.card?.lines).toContain(line);
      expect(titleOf(checked)).toBe(format(s.recordTitle, { domain: DOMAIN }));
      expect(checked[0]?.card?.lines).toContain(VALUE);
      expect(await stored(directory, requestIdOf(record, s.checkDns))).toMatchObject({ status: 'waitingForDns' });

      dns.clear();
      dns.setTxt(DOMAIN, [['v=spf1 -all'], [VALUE]]);
      const found = await say(press(checked, s.checkDns));
      expect(titleOf(found)).toBe(format(s.microsoftTitle, { domain: DOMAIN }));
      expect((await directory.findByDomain(DOMAIN))?.managed).toBe(false);
    });
  });

  it('when the record is visible, says to go back to the wizard and choose Verify, and offers "I\'ve finished in Microsoft"', async () => {
    const bot = await start({ ...sam, dnsServers: dns.servers });
    const step = await microsoftStep(bot);
    expect(step[0]?.card?.lines).toContain(s.statusRecordFound);
    expect(step[0]?.card?.lines).toContain(format(s.microsoftNextInternal, {}));
    expect(step[0]?.card?.lines).toContain(format(s.microsoftHelpInternal[0]!, {}));
    expect(step[0]?.card?.buttons.map((button) => button.title)).toEqual([s.finishedInMicrosoft, s.checkLater, t.common.cancel]);
    expect(allOf(step)).not.toContain(s.doneTitle.slice(0, 12));
    expect(await stored(bot.directory, requestIdOf(step, s.finishedInMicrosoft))).toMatchObject({ status: 'waitingForMicrosoft' });
    expect((await bot.directory.findByDomain(DOMAIN))?.managed).toBe(false);
  });

  it('"I\'ve finished" while Microsoft still shows the organization unmanaged: not the admin yet, with why, and the card keeps its buttons', async () => {
    const bot = await start({ ...sam, dnsServers: dns.servers });
    const step = await microsoftStep(bot);
    const notYet = await bot.say(press(step, s.finishedInMicrosoft));
    const lines = notYet[0]?.card?.lines ?? [];
    expect(titleOf(notYet)).toBe(format(s.microsoftTitle, { domain: DOMAIN }));
    expect(lines).toContain(format(s.statusNotConfirmed.unmanaged, { domain: DOMAIN }));
    for (const cause of s.notConfirmedCausesInternal) expect(lines).toContain(cause);
    expect(notYet[0]?.card?.buttons.map((button) => button.title)).toEqual([s.finishedInMicrosoft, s.checkLater, t.common.cancel]);
    expect(allOf(notYet)).not.toContain(format(s.doneTitle, { domain: DOMAIN }));
    expect(bot.microsoft.asked).toEqual([`domain:${DOMAIN}`]);
    expect(await bot.directory.findByDomain(DOMAIN)).toMatchObject({ managed: false, admins: [] });
  });

  it('says "you\'re the admin now" only when Microsoft shows the organization managed, records it, and colleagues see it', async () => {
    const bot = await start({ ...sam, tenantId: unmanagedTailspin.tenantId, dnsServers: dns.servers });
    await signUp(bot.directory, 'ann', 'Power BI');
    const colleague = { id: 'colleague', name: 'Kim' };
    expect(titleOf(await bot.say({ text: whoIsMyAdmin, from: colleague }))).toBe(format(t.whoIsMyAdmin.unmanagedTitle, { org: DOMAIN }));
    const step = await microsoftStep(bot);
    await bot.say(press(step, s.finishedInMicrosoft));
    bot.microsoft.managed(DOMAIN);

    const done = await bot.say(press(step, s.finishedInMicrosoft));
    expect(titleOf(done)).toBe(format(s.doneTitle, { domain: DOMAIN }));
    expect(done[0]?.all).toContain(format(s.confirmedInternal, { domain: DOMAIN }));
    // Ann is the one member besides Sam, the new admin.
    expect(done[0]?.all).toContain(format(s.doneInternalOne, { domain: DOMAIN }));
    expect(done[0]?.all).toContain(format(s.nextSteps[0]!, { url: 'https://admin.microsoft.com' }));
    expect(await bot.directory.findByDomain(DOMAIN)).toMatchObject({ managed: true, admins: [{ name: 'Sam Tester', email: `sam@${DOMAIN}` }] });
    expect((await bot.directory.findByDomain(DOMAIN))?.admins[0]?.reportedByUser).toBeUndefined();
    expect(await stored(bot.directory, requestIdOf(step, s.finishedInMicrosoft))).toMatchObject({ status: 'completed', confirmedBy: 'microsoft' });

    const answer = await bot.say({ text: whoIsMyAdmin, from: colleague });
    expect(titleOf(answer)).toBe(format(t.whoIsMyAdmin.knownAdminsTitle, { org: DOMAIN }));
    expect(answer[0]?.all).toContain('Sam Tester');
    expect(answer[0]?.all).not.toContain(t.whoIsMyAdmin.reportedAdmin.slice(6, 20));
  });

  it.each(['unreachable', 'off'] as const)('when Microsoft is %s: notes it as the requester\'s word, and colleagues hear "says they became the admin on"', async (mode) => {
    let now = new Date('2026-12-06T09:00:00.000Z');
    const bot = await start({ ...sam, tenantId: unmanagedTailspin.tenantId, dnsServers: dns.servers, now: () => now });
    const step = await microsoftStep(bot);
    bot.microsoft.mode = mode;
    now = new Date('2026-12-06T10:00:00.000Z');

    const reported = await bot.say(press(step, s.finishedInMicrosoft));
    expect(titleOf(reported)).toBe(format(s.reportedTitle, { domain: DOMAIN }));
    expect(reported[0]?.all).toContain(s.reportedBecause[mode]);
    expect(reported[0]?.all).toContain(format(s.reportedText, { date: formatDate(t, now.toISOString()) }));
    // Only a Microsoft that could not be reached is asked again later; one switched off never answers.
    const watching = format(s.reportedWatching, { date: formatDate(t, new Date(now.getTime() + 7 * DAY_MS).toISOString()) });
    if (mode === 'unreachable') expect(reported[0]?.all).toContain(watching);
    else expect(reported[0]?.all).not.toContain(watching);
    expect(allOf(reported)).not.toContain(format(s.doneTitle, { domain: DOMAIN }));
    expect(await bot.directory.findByDomain(DOMAIN)).toMatchObject({ managed: true, admins: [{ name: 'Sam Tester', reportedByUser: true, since: now.toISOString() }] });
    expect(await stored(bot.directory, requestIdOf(step, s.finishedInMicrosoft))).toMatchObject({ status: 'reportedByUser', confirmedBy: 'user' });

    const answer = await bot.say({ text: whoIsMyAdmin, from: { id: 'colleague', name: 'Kim' } });
    expect(answer[0]?.all).toContain(format(t.whoIsMyAdmin.reportedAdmin, { name: 'Sam Tester', date: formatDate(t, now.toISOString()) }));
    if (language === 'en') expect(answer[0]?.all).toContain('Sam Tester says they became the admin on 6 December 2026');
    else expect(answer[0]?.all).toContain('Sam Tester zegt op 6 december 2026 beheerder te zijn geworden');
  });

  it('turns the requester\'s word into what Microsoft confirms in the background, and colleagues then see a plain admin', async () => {
    const bot = await start({ ...sam, tenantId: unmanagedTailspin.tenantId, dnsServers: dns.servers });
    const step = await microsoftStep(bot);
    bot.microsoft.mode = 'unreachable';
    await bot.say(press(step, s.finishedInMicrosoft));
    bot.microsoft.mode = 'on';
    bot.microsoft.managed(DOMAIN);

    const news = await bot.takeovers.recheckDue();
    expect(news.map((item) => item.kind)).toEqual(['confirmedLater']);
    expect((await bot.directory.findByDomain(DOMAIN))?.admins).toEqual([expect.not.objectContaining({ reportedByUser: true })]);
    const answer = await bot.say({ text: whoIsMyAdmin, from: { id: 'colleague', name: 'Kim' } });
    expect(answer[0]?.all).toContain('Sam Tester');
    expect(answer[0]?.all).not.toContain(t.whoIsMyAdmin.reportedAdmin.slice(6, 20));
    // Pressed again: the card of a confirmed takeover.
    expect(titleOf(await bot.say(press(step, s.finishedInMicrosoft)))).toBe(format(s.doneTitle, { domain: DOMAIN }));
  });

  it(`takes "${doneWord}" typed at the step in Microsoft as "I've finished", and "${checkWord}" at the record as "Check DNS"`, async () => {
    const bot = await start({ ...sam, dnsServers: dns.servers });
    const record = await recordCard(bot.say);
    const notYet = await bot.say(checkWord);
    expect(notYet[0]?.card?.lines).toContain(format(s.statusNoRecord, { domain: DOMAIN }));
    dns.setTxt(DOMAIN, [[VALUE]]);
    expect(titleOf(await bot.say(checkWord))).toBe(format(s.microsoftTitle, { domain: DOMAIN }));
    expect((await bot.say(doneWord))[0]?.card?.lines).toContain(format(s.statusNotConfirmed.unmanaged, { domain: DOMAIN }));
    bot.microsoft.managed(DOMAIN);
    expect(titleOf(await bot.say(doneWord))).toBe(format(s.doneTitle, { domain: DOMAIN }));
    expect(await stored(bot.directory, requestIdOf(record, s.checkDns))).toMatchObject({ status: 'completed' });
  });

  it(`answers "${doneWord}" before any value with the card that asks for it`, async () => {
    const { say } = await start(sam);
    await valueCard(say);
    await say(whoIsMyAdmin);
    const again = await say(doneWord);
    expect(titleOf(again)).toBe(format(s.valueTitle, { domain: DOMAIN }));
    expect(again[0]?.card?.lines).toContain(s.statusNeedsValue);
  });

  it('offers no external takeover when the question says people signed up for a plan with SharePoint (Office 365 A1)', async () => {
    const bot = await start({ locale, organizations: [unmanagedTailspin, contoso], email: 'megan@contoso.com', tenantId: 'tenant-contoso' });
    const asked =
      language === 'en'
        ? 'our teachers signed up for Office 365 A1 with their tailspin.example addresses, how do I take over tailspin.example?'
        : 'hoe neem ik tailspin.example over? onze docenten hebben zich met hun adres geregistreerd voor Office 365 A1';
    const kind = await bot.say(asked);
    expect(kind[0]?.card?.buttons.map((button) => button.title)).not.toContain(format(s.chooseExternal, { org: 'Contoso' }));
    expect(kind[0]?.all).not.toContain(format(s.externalText, { domain: DOMAIN, org: 'Contoso' }));
  });

  it('offers only the external takeover to an admin of another organization without an address on the domain, and moves the domain once Microsoft shows it in their tenant', async () => {
    const bot = await start({ locale, organizations: [unmanagedTailspin, contoso], email: 'megan@contoso.com', tenantId: 'tenant-contoso', dnsServers: dns.servers });
    await signUp(bot.directory, 'ann', 'Power BI');
    const kind = await bot.say(askTakeoverNamed);
    expect(kind[0]?.all).toContain(format(s.externalText, { domain: DOMAIN, org: 'Contoso' }));
    expect(kind[0]?.all).toContain(format(s.internalNeedsAddress, { domain: DOMAIN }));
    expect(kind[0]?.card?.buttons.map((button) => button.title)).toEqual([format(s.chooseExternal, { org: 'Contoso' }), t.common.cancel]);

    const card = await bot.say(press(kind, format(s.chooseExternal, { org: 'Contoso' })));
    expect(card[0]?.card?.lines).toContain(format(s.valueIntroExternal, { domain: DOMAIN, org: 'Contoso' }));
    expect(card[0]?.card?.lines).toContain(format(s.valueStepsExternal[0]!, { domain: DOMAIN, org: 'Contoso', url: 'https://admin.microsoft.com' }));
    const record = await bot.say(press(card, s.useValue, { value: CONTOSO_VALUE }));
    expect(record[0]?.card?.lines).toContain(format(s.recordKind, { kind: format(s.kindNames.external, { org: 'Contoso' }) }));
    dns.setTxt(DOMAIN, [[CONTOSO_VALUE]]);
    const step = await bot.say(press(record, s.checkDns));
    expect(step[0]?.card?.lines).toContain(format(s.microsoftNextExternal, { domain: DOMAIN }));
    // The ForceTakeover note, behind the toggle.
    expect(step[0]?.card?.lines).toContain(format(s.microsoftHelpExternal[1]!, { domain: DOMAIN }));

    const otherTenant = await bot.say(press(step, s.finishedInMicrosoft));
    expect(otherTenant[0]?.card?.lines).toContain(format(s.statusNotConfirmed.otherTenant, { domain: DOMAIN }));
    expect((await bot.directory.findByDomain(DOMAIN))?.id).toBe(unmanagedTailspin.id);
    expect(bot.microsoft.asked).toEqual([`tenantOf:${DOMAIN}`]);

    bot.microsoft.tenants.set(DOMAIN, 'tenant-contoso');
    const done = await bot.say(press(step, s.finishedInMicrosoft));
    expect(titleOf(done)).toBe(format(s.doneExternalTitle, { domain: DOMAIN, org: 'Contoso' }));
    expect(done[0]?.all).toContain(format(s.confirmedExternal, { domain: DOMAIN }));
    expect(done[0]?.all).toContain(format(s.doneExternal, { domain: DOMAIN, org: 'Contoso' }));
    // Only a forced takeover deletes the emptied organization (docs/facts.md 6b); nothing here says it was.
    expect(done[0]?.all).not.toMatch(/deleted|verwijderd/);
    expect((await bot.directory.findByDomain(DOMAIN))?.id).toBe(contoso.id);
    expect((await bot.directory.findMember(`ann@${DOMAIN}`))?.orgId).toBe(contoso.id);
  });

  it('offers no internal takeover to someone without an address on the domain, and says why and how to get one', async () => {
    const { say, directory } = await start({ locale, organizations: [unmanagedTailspin], email: 'raj@gmail.com' });
    const kind = await say(askTakeoverNamed);
    expect(titleOf(kind)).toBe(format(s.kindTitle, { domain: DOMAIN }));
    expect(kind[0]?.all).toContain(s.kindNoWayYet);
    expect(kind[0]?.all).toContain(format(s.internalNeedsAddress, { domain: DOMAIN }));
    expect(kind[0]?.all).toContain(format(s.externalNotRecorded, { domain: DOMAIN }));
    expect(kind[0]?.card?.buttons.map((button) => button.title)).not.toContain(s.chooseInternal);
    expect(kind[0]?.card?.buttons.map((button) => button.title)).toContain(t.topics.signup);
    // "yes" or "internal" typed now starts nothing.
    await say(internalWord);
    expect(await directory.takeoversFor(DOMAIN)).toEqual([]);
  });

  it('takes an address on the domain given in chat (a signup through the bot) as the way in', async () => {
    const { say, directory, microsoft } = await start({ locale, email: 'raj@gmail.com', dnsServers: dns.servers });
    await say(press(await say(language === 'en' ? 'sign me up with raj@rajdesign.example' : 'meld me aan met raj@rajdesign.example'), t.signup.confirm));
    // Raj signed up at Microsoft too: it shows the new organization unmanaged.
    microsoft.viral('rajdesign.example');
    const asked = await say(askTakeover);
    const kind = await say(press(asked, s.next));
    expect(kind[0]?.card?.buttons.map((button) => button.title)).toContain(s.chooseInternal);
    const card = await say(press(kind, s.chooseInternal));
    expect(titleOf(card)).toBe(format(s.valueTitle, { domain: 'rajdesign.example' }));
    // Teams' address stays the one on record; the one given in chat only shows Raj can be a user on the domain.
    expect(await directory.takeoversFor('rajdesign.example')).toEqual([expect.objectContaining({ status: 'waitingForValue', requester: expect.objectContaining({ email: 'raj@gmail.com' }) })]);
  });

  it('does not count the new admin among "the other members", though they signed up with another address than Teams gives', async () => {
    const microsoft = fakeMicrosoft();
    microsoft.viral('rajdesign.example');
    const { say } = await start({ locale, email: 'raj@gmail.com', dnsServers: dns.servers, microsoft });
    await say(press(await say(language === 'en' ? 'sign me up with raj@rajdesign.example' : 'meld me aan met raj@rajdesign.example'), t.signup.confirm));
    const card = await say(press(await say(press(await say(askTakeover), s.next)), s.chooseInternal));
    const record = await say(press(card, s.useValue, { value: VALUE }));
    dns.setTxt('rajdesign.example', [[VALUE]]);
    const step = await say(press(record, s.checkDns));
    microsoft.managed('rajdesign.example');
    const done = await say(press(step, s.finishedInMicrosoft));
    expect(done[0]?.all).toContain(format(s.doneInternalAlone, { domain: 'rajdesign.example' }));
  });

  it('keeps checking in the background when asked to: DNS first, then Microsoft', async () => {
    const bot = await start({ ...sam, dnsServers: dns.servers });
    const record = await recordCard(bot.say);
    const later = await bot.say(press(record, s.checkLater));
    const request = await stored(bot.directory, requestIdOf(record, s.checkDns));
    expect(later[0]?.card?.lines).toContain(format(s.statusWillRecheck, { domain: DOMAIN, minutes: 5, date: formatDate(t, request.expiresAt) }));
    expect(later[0]?.card?.lines).toContain(VALUE);
    expect(request).toMatchObject({ status: 'waitingForDns', recheck: true });

    dns.setTxt(DOMAIN, [[VALUE]]);
    expect((await bot.takeovers.recheckDue()).map((news) => news.kind)).toEqual(['recordFound']);
    const step = await bot.say(press(record, s.checkLater));
    expect(step[0]?.card?.lines).toContain(format(s.statusWillRecheckMicrosoft, { domain: DOMAIN, minutes: 5 }));
    bot.microsoft.managed(DOMAIN);
    expect((await bot.takeovers.recheckDue()).map((news) => news.kind)).toEqual(['completed']);
    expect(await bot.directory.findByDomain(DOMAIN)).toMatchObject({ managed: true, admins: [{ name: 'Sam Tester' }] });
  });

  it('resumes the same request when the takeover is started again, and a typed check goes to the one on the card', async () => {
    const { say, directory } = await start({ ...sam, organizations: [unmanagedTailspin, unmanagedWingtip], dnsServers: dns.servers });
    const first = await recordCard(say);
    const again = await say(askTakeoverNamed);
    expect(again[0]?.card?.lines).toContain(format(s.resumed, { domain: DOMAIN }));
    expect(again[0]?.card?.lines).toContain(VALUE);
    expect(requestIdOf(again, s.checkDns)).toBe(requestIdOf(first, s.checkDns));
    expect(await directory.openTakeovers()).toHaveLength(1);

    dns.setTxt(DOMAIN, [[VALUE]]);
    expect(titleOf(await say(checkWord))).toBe(format(s.microsoftTitle, { domain: DOMAIN }));
  });

  it('shows the value card again, as the latest, when a takeover waiting for its value is resumed', async () => {
    const { say } = await start(sam);
    const first = await valueCard(say);
    await say(whoIsMyAdmin);
    const again = await say(askTakeover);
    expect(titleOf(again)).toBe(format(s.valueTitle, { domain: DOMAIN }));
    expect(again[0]?.card?.lines).toContain(format(s.resumed, { domain: DOMAIN }));
    expect(requestIdOf(again, s.useValue)).toBe(requestIdOf(first, s.useValue));
    expect(titleOf(await say(VALUE))).toBe(format(s.recordTitle, { domain: DOMAIN }));
  });

  it('cancels the request, and a later press says it has ended without checking DNS or asking Microsoft', async () => {
    const bot = await start({ ...sam, dnsServers: dns.servers });
    const step = await microsoftStep(bot);
    dns.clear();
    const cancelled = await bot.say(press(step, t.common.cancel));
    expect(titleOf(cancelled)).toBe(format(s.cancelledTitle, { domain: DOMAIN }));
    expect(cancelled[0]?.all).toContain(s.cancelledText);

    bot.microsoft.managed(DOMAIN);
    const ended = await bot.say(press(step, s.finishedInMicrosoft));
    expect(ended[0]?.all).toContain(format(s.endedText, { domain: DOMAIN }));
    expect(dns.queries).toEqual([]);
    expect(bot.microsoft.asked).toEqual([]);
    expect((await bot.directory.findByDomain(DOMAIN))?.managed).toBe(false);
    // Starting again is for an organization Microsoft still shows unmanaged.
    bot.microsoft.viral(DOMAIN, unmanagedTailspin.tenantId);
    expect(titleOf(await bot.say(press(ended, s.startAgain)))).toBe(format(s.kindTitle, { domain: DOMAIN }));
  });

  it.each([
    ['buy', s.buyLicenses, s.licensesPending],
    ['postpone', s.postponeLicenses, s.licensesPostponed],
  ] as const)('asks about licenses members need as Microsoft\'s purchase step, and the final card reminds of the choice (%s)', async (_decision, button, reminder) => {
    const bot = await start({ ...sam, dnsServers: dns.servers });
    await signUp(bot.directory, 'ann', 'Dynamics 365 for Financials');
    await signUp(bot.directory, 'bob', 'Dynamics 365 for Financials');
    await signUp(bot.directory, 'carla', 'Power BI');
    const step = await microsoftStep(bot);
    bot.microsoft.managed(DOMAIN);
    const licenses = await bot.say(press(step, s.finishedInMicrosoft));
    expect(titleOf(licenses)).toBe(format(s.licensesTitle, { domain: DOMAIN }));
    expect(licenses[0]?.card?.lines).toContain(`Dynamics 365 for Financials: ${format(s.licensesCount, { count: 2 })}`);
    expect(licenses[0]?.all).toContain(s.licensesChoice);
    expect(licenses[0]?.all).not.toContain('Power BI');
    expect((await bot.directory.findByDomain(DOMAIN))?.managed).toBe(false);

    const done = await bot.say(press(licenses, button));
    expect(titleOf(done)).toBe(format(s.doneTitle, { domain: DOMAIN }));
    expect(done[0]?.all).toContain(format(reminder, { licenses: 'Dynamics 365 for Financials (2)' }));
    expect((await bot.directory.findByDomain(DOMAIN))?.managed).toBe(true);
  });

  it('shows the final card again for a press of an old card, counted as one answer only', async () => {
    const bot = await start({ ...sam, dnsServers: dns.servers });
    const step = await microsoftStep(bot);
    bot.microsoft.managed(DOMAIN);
    expect((await bot.say(press(step, s.finishedInMicrosoft)))[0]?.all).toContain(t.feedback.question);
    const again = await bot.say(press(step, s.finishedInMicrosoft));
    expect(titleOf(again)).toBe(format(s.doneTitle, { domain: DOMAIN }));
    expect(again[0]?.all).not.toContain(t.feedback.question);
    const org = await bot.directory.findByDomain(DOMAIN);
    expect((await bot.tickets.figuresFor(org?.id ?? '', 0)).answered).toBe(1);
  });

  it('says a request has expired after 7 days, without checking DNS, and starts a new one', async () => {
    let now = new Date('2026-03-01T09:00:00.000Z');
    const { say, directory } = await start({ ...sam, dnsServers: dns.servers, now: () => now });
    const record = await recordCard(say);
    dns.setTxt(DOMAIN, [[VALUE]]);
    now = new Date(now.getTime() + 8 * DAY_MS);

    const expired = await say(press(record, s.checkDns));
    expect(titleOf(expired)).toBe(s.expiredTitle);
    expect(expired[0]?.all).toContain(format(s.expiredText, { domain: DOMAIN }));
    expect(dns.queries).toEqual([]);
    expect(await stored(directory, requestIdOf(record, s.checkDns))).toMatchObject({ status: 'expired' });

    const kind = await say(press(expired, s.startAgain));
    const fresh = await say(press(kind, s.chooseInternal));
    expect(titleOf(fresh)).toBe(format(s.valueTitle, { domain: DOMAIN }));
    expect(fresh[0]?.all).not.toContain(format(s.resumed, { domain: DOMAIN }));
    expect(requestIdOf(fresh, s.useValue)).not.toBe(requestIdOf(record, s.checkDns));
  });

  it("refuses another user's press of the takeover card's buttons, and changes nothing", async () => {
    const bot = await start({ ...sam, dnsServers: dns.servers });
    const card = await valueCard(bot.say);
    const eve = { id: 'intruder', name: 'Eve' };
    expect((await bot.say({ ...press(card, s.useValue, { value: VALUE }), from: eve })).map((reply) => reply.text)).toEqual([s.notYours]);
    const record = await bot.say(press(card, s.useValue, { value: VALUE }));
    dns.setTxt(DOMAIN, [[VALUE]]);
    const step = await bot.say(press(record, s.checkDns));
    // Microsoft shows the takeover, so only the refusal keeps Eve from being recorded as the admin.
    bot.microsoft.managed(DOMAIN);
    const before = await stored(bot.directory, requestIdOf(step, s.finishedInMicrosoft));

    for (const button of [s.finishedInMicrosoft, s.checkLater, t.common.cancel]) {
      const refused = await bot.say({ ...press(step, button), from: eve });
      expect(refused.map((reply) => reply.text)).toEqual([s.notYours]);
    }
    expect(await stored(bot.directory, requestIdOf(step, s.finishedInMicrosoft))).toEqual(before);
    expect((await bot.directory.findByDomain(DOMAIN))?.managed).toBe(false);
    expect(bot.microsoft.asked).toEqual([]);
    // The requester's own press still works.
    expect(titleOf(await bot.say(press(step, s.finishedInMicrosoft)))).toBe(format(s.doneTitle, { domain: DOMAIN }));
  });

  it('"cancel" typed after a takeover card shows the open takeover\'s card, whose Cancel stops it', async () => {
    const { say, directory } = await start(sam);
    const record = await recordCard(say);
    const reminded = await say(cancelWord);
    expect(reminded[0]?.text).toBe(format(s.cancelOnCard, { domain: DOMAIN }));
    expect(titleOf(reminded.slice(1))).toBe(format(s.recordTitle, { domain: DOMAIN }));
    const cancelled = await say(press(reminded.slice(1), t.common.cancel));
    expect(titleOf(cancelled)).toBe(format(s.cancelledTitle, { domain: DOMAIN }));
    expect(await stored(directory, requestIdOf(record, s.checkDns))).toMatchObject({ status: 'cancelled' });
    expect((await say(cancelWord)).map((reply) => reply.text)).toEqual([t.common.nothingToCancel]);
  });

  it('answers a forged request id: an unknown one, and one that is not a request id at all', async () => {
    const { say } = await start(sam);
    expect((await say({ value: { verb: 'finishedInMicrosoft', request: randomUUID() } })).map((reply) => reply.text)).toEqual([s.unknownRequest]);
    expect((await say({ value: { verb: 'submitTakeoverValue', request: randomUUID(), value: VALUE } })).map((reply) => reply.text)).toEqual([s.unknownRequest]);
    const broken = await say({ value: { verb: 'verifyTakeover', request: '../../org-tailspin' } });
    expect(broken[0]?.all).toContain(t.common.unknownAction);
  });

  it('goes on with a request stored by the version that invented its value: it asks for the value from Microsoft', async () => {
    const { say, directory } = await start(sam);
    await directory.transaction((tx) =>
      tx.saveTakeover({
        id: randomUUID(),
        domain: DOMAIN,
        orgId: unmanagedTailspin.id,
        kind: 'internal',
        requester: { userId: 'user-1', name: 'Sam Tester', email: `sam@${DOMAIN}`, conversation: {} },
        token: 'MS=ms11112222',
        status: 'verified',
        attempts: [],
        recheck: false,
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 7 * DAY_MS).toISOString(),
      } as unknown as TakeoverRequest),
    );
    const card = await say(askTakeoverNamed);
    expect(titleOf(card)).toBe(format(s.valueTitle, { domain: DOMAIN }));
    expect(allOf(card)).not.toContain('MS=ms11112222');
    expect(titleOf(await say(VALUE))).toBe(format(s.recordTitle, { domain: DOMAIN }));
  });

  // The questions before the value card.

  it('takes the domain from the message, and starts at the kind question from the "Take over" button of the domain-in-use answer', async () => {
    const { say } = await start(sam);
    const kind = await say(askTakeoverNamed);
    expect(titleOf(kind)).toBe(format(s.kindTitle, { domain: DOMAIN }));
    await say(cancelWord);
    const inUse = await say(inUseNamed);
    expect(titleOf(await say(press(inUse, format(t.domainInUse.takeOver, { domain: DOMAIN }))))).toBe(format(s.kindTitle, { domain: DOMAIN }));
  });

  it('starts at the kind question from "How do I become the admin?" for a member of an unmanaged organization', async () => {
    const { say } = await start({ ...sam, tenantId: unmanagedTailspin.tenantId });
    const answer = await say(whoIsMyAdmin);
    expect(titleOf(answer)).toBe(format(t.whoIsMyAdmin.unmanagedTitle, { org: DOMAIN }));
    expect(titleOf(await say(press(answer, t.whoIsMyAdmin.becomeAdmin)))).toBe(format(s.kindTitle, { domain: DOMAIN }));
  });

  it.each([
    ['con toso.com', 'spaces'],
    ['tailspin', 'noDot'],
    ['-tailspin.example', 'invalid'],
  ] as const)('explains what is wrong with "%s" and asks again, briefly', async (typed, problem) => {
    const { say } = await start({ locale, organizations: [unmanagedTailspin] });
    await say(askTakeover);
    const retry = await say(typed);
    expect(retry[0]?.text).toBe(t.domainProblems[problem]);
    expect(retry[1]?.all).toContain(s.askDomain);
    expect(retry[1]?.all).not.toContain(s.points[0]);
    expect(titleOf(await say(DOMAIN))).toBe(format(s.kindTitle, { domain: DOMAIN }));
  });

  it('refuses a managed domain and shows its admin masked, never in full', async () => {
    const { say, directory } = await start({ locale, organizations: [contoso] });
    await say(askTakeover);
    const refused = await say('contoso.com');
    expect(refused[0]?.text).toBe(s.notPossible);
    const all = allOf(refused);
    expect(all).toContain('m***@contoso.com');
    expect(all).not.toContain('megan@contoso.com');
    expect(await directory.openTakeovers()).toEqual([]);
  });

  it("for a domain no organization it knows holds, gives the steps of Microsoft's own wizard", async () => {
    const { say, directory } = await start({ locale, organizations: [contoso] });
    await say(askTakeover);
    const steps = await say('northwind.example');
    expect(titleOf(steps)).toBe(format(s.elsewhereTitle, { domain: 'northwind.example' }));
    expect(steps[0]?.all).toContain('https://admin.microsoft.com');
    expect(steps[0]?.all).toContain(s.elsewhereNoOption);
    expect(steps[0]?.all).toContain(t.microsoft.checked);
    expect(await directory.openTakeovers()).toEqual([]);
  });

  it('says so when Microsoft could not be asked about a domain no organization it knows holds', async () => {
    const bot = await start({ locale, organizations: [contoso] });
    bot.microsoft.mode = 'unreachable';
    await bot.say(askTakeover);
    const steps = await bot.say('northwind.example');
    expect(titleOf(steps)).toBe(format(s.elsewhereTitle, { domain: 'northwind.example' }));
    expect(steps[0]?.all).toContain(t.microsoft.fromDirectory);
  });

  it('tells a member of a managed organization that it has admins to ask, without asking for the domain first', async () => {
    const { say, directory } = await start({ locale, organizations: [contoso], tenantId: 'tenant-contoso', email: 'sam@contoso.com' });
    const answer = await say(askTakeover);
    expect(titleOf(answer)).toBe(format(t.domainInUse.memberTitle, { domain: 'contoso.com' }));
    expect(await directory.openTakeovers()).toEqual([]);
  });

  it("takes over the domain just talked about, not the user's own, and takes a yes for the pre-filled domain", async () => {
    const { say } = await start({ locale, organizations: [contoso, unmanagedTailspin], email: 'sara@contoso.com' });
    expect(titleOf(await say(inUseNamed))).toBe(format(t.domainInUse.unmanagedTitle, { domain: DOMAIN }));
    expect((await say(askTakeover))[0]?.card?.inputs[0]?.value).toBe(DOMAIN);
    expect(titleOf(await say(language === 'en' ? 'yes that one' : 'ja klopt'))).toBe(format(s.kindTitle, { domain: DOMAIN }));
  });

  it('takes an admin naming their own domain while another is talked about as taking over that other one', async () => {
    const { say } = await start({ locale, organizations: [unmanagedTailspin], email: 'alex@northwindit.example' });
    expect(titleOf(await say(inUseNamed))).toBe(format(t.domainInUse.unmanagedTitle, { domain: DOMAIN }));
    const fromOwn =
      language === 'en'
        ? "I'm global admin of our own tenant northwindit.example, can I do the external takeover from there?"
        : 'ik ben globale beheerder van onze eigen tenant northwindit.example, kan ik de externe overname van daaruit doen?';
    const answer = await say(fromOwn);
    expect(answer.map((reply) => reply.all).join('\n')).not.toContain('northwindit.example');
    expect(titleOf(answer)).toBe(format(s.kindTitle, { domain: DOMAIN }));
  });

  it("never pre-fills a personal mail service's domain", async () => {
    const { say } = await start({ locale, email: 'raj@gmail.com' });
    expect((await say(askTakeover))[0]?.card?.inputs[0]?.value).toBe('');
  });

  it('offers only the internal takeover when a member uses a plan with SharePoint, and takes the choice typed', async () => {
    const { say, directory } = await start({ locale, organizations: [unmanagedTailspin, contoso], email: `megan@${DOMAIN}`, from: { id: 'aad-megan-2', name: 'Megan' } });
    await signUp(directory, 'ann', 'Office 365 A1');
    const kind = await say(askTakeoverNamed);
    expect(kind[0]?.all).toContain(s.internalOnly);
    const card = await say(internalWord);
    expect(titleOf(card)).toBe(format(s.valueTitle, { domain: DOMAIN }));
  });

  it('starts no takeover from text at the kind question that only contains a choice word', async () => {
    const { say, directory } = await start(sam);
    await say(askTakeoverNamed);
    expect(titleOf(await say(whoIsMyAdmin))).not.toBe(format(s.valueTitle, { domain: DOMAIN }));
    expect(titleOf(await say(language === 'en' ? 'hmm let me think about it first' : 'hmm, ik denk er eerst even over na'))).not.toBe(format(s.valueTitle, { domain: DOMAIN }));
    expect(await directory.takeoversFor(DOMAIN)).toEqual([]);
  });

  it.each(['button', 'typed'] as const)('cancels at the domain question and at the kind question (%s)', async (how) => {
    const { say, directory } = await start(sam);
    const cancel = (replies: Reply[]) => say(how === 'button' ? press(replies, t.common.cancel) : cancelWord);
    expect((await cancel(await say(askTakeover))).map((reply) => reply.text)).toEqual([t.common.cancelled]);
    expect((await cancel(await say(askTakeoverNamed))).map((reply) => reply.text)).toEqual([t.common.cancelled]);
    expect((await say(cancelWord)).map((reply) => reply.text)).toEqual([t.common.nothingToCancel]);
    expect(await directory.openTakeovers()).toEqual([]);
  });
});
