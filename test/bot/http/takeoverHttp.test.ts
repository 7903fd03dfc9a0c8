/**
 * The admin takeover over HTTP against the real server, driven the way Teams drives it, with the TXT record
 * published on a real DNS server on loopback and Microsoft stood in for by its https stub (test/helpers/microsoftStub.ts,
 * through MICROSOFT_LOGIN_URL) or switched off (MICROSOFT_LOOKUPS=off): the whole flow from "my domain is already in
 * use" to the value from Microsoft, the record, the step in Microsoft, and either "you're now the admin" (Microsoft
 * confirms) or the requester's word noted as such (Microsoft cannot be asked); cards updated in place,
 * Action.Execute, "check for me later" with the background re-check (also across a restart, where Microsoft later
 * confirms), and steps forged by someone else.
 * @remarks TAKEOVER_RECHECK_SECONDS is a day, so the re-check timer never fires during a test: each test runs a
 * round itself with `recheckTakeovers()`. The real client keeps Microsoft's answers for minutes, so each test asks
 * Microsoft about a domain of its own, as it should be when the question is first asked.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { viewCard } from '../../../devtools/cardText.js';
import { formatDate } from '../../../cards/formatDate.js';
import { LocalConnector, type ConnectorActivity } from '../../../devtools/localConnector.js';
import { format, stringsFor, type Strings } from '../../../locales/strings.js';
import { recordSignup } from '../../../services/signup/signup.js';
import { startDnsServer, type TestDnsServer } from '../../helpers/dnsServer.js';
import { startHttpBot, type HttpBot } from '../../helpers/httpBot.js';
import { cardText, conversation, type HttpConversation } from '../../helpers/httpConversation.js';
import { startMicrosoftStub, type MicrosoftStub } from '../../helpers/microsoftStub.js';

const en = stringsFor('en');
const nl = stringsFor('nl');
/** A day: the timer never fires during a test. */
const RECHECK_SECONDS = 86_400;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

let connector: LocalConnector;
let dns: TestDnsServer;
let microsoft: MicrosoftStub;
beforeAll(async () => {
  connector = await LocalConnector.start();
  dns = await startDnsServer();
  microsoft = await startMicrosoftStub();
});
afterAll(async () => {
  await connector.close();
  await dns.close();
  await microsoft.close();
});

/** Microsoft switched off (MICROSOFT_LOOKUPS=off, as startHttpBot has it by default). */
function botEnv(): Record<string, string> {
  return { DNS_SERVERS: dns.servers.join(','), TAKEOVER_RECHECK_SECONDS: String(RECHECK_SECONDS) };
}

/** Microsoft asked, at its stub. */
function botEnvWithMicrosoft(): Record<string, string> {
  return { ...botEnv(), MICROSOFT_LOOKUPS: 'on', MICROSOFT_LOGIN_URL: microsoft.loginUrl, MICROSOFT_GRAPH_URL: microsoft.graphUrl };
}

/** Two colleagues signed up for Power BI (free: no licenses to settle), which created an unmanaged organization. */
async function seedUnmanaged(bot: HttpBot, domain: string): Promise<void> {
  for (const name of ['ann', 'bob']) {
    await recordSignup(bot.app.directory, { address: { address: `${name}@${domain}`, domain }, service: 'Power BI' }, new Date());
  }
}

/** Teams' member look-up answers with this person's name and work address. */
function teamsMember(userId: string, name: string, email: string): void {
  connector.members.set(userId, { id: userId, name, email });
}

/** "My domain is already in use" up to the card asking for the value: check the pre-filled domain, take it over, become its admin. */
async function askForValue(chat: HttpConversation, t: Strings, inUse: string, domain: string): Promise<ConnectorActivity[]> {
  const asked = await chat.say(inUse);
  expect(cardText(asked)).toContain(t.domainInUse.askDomain);
  expect(domainField(asked)).toBe(domain);

  const status = await chat.press(asked, t.domainInUse.check);
  expect(cardText(status)).toContain(format(t.domainInUse.unmanagedTitle, { domain }));
  expect(cardText(status)).toContain(format(t.domainInUse.unmanagedMembers, { count: 2 }));

  const kinds = await chat.press(status, format(t.domainInUse.takeOver, { domain }));
  expect(cardText(kinds)).toContain(format(t.takeover.kindTitle, { domain }));

  const card = await chat.press(kinds, t.takeover.chooseInternal);
  expect(cardText(card)).toContain(format(t.takeover.valueTitle, { domain }));
  expect(cardText(card)).not.toMatch(/^MS=ms\d{8}$/m);
  return card;
}

/** Up to the record card: the value Microsoft's wizard shows, pasted in the value card's field. */
async function askForRecord(chat: HttpConversation, t: Strings, inUse: string, domain: string, value: string): Promise<ConnectorActivity[]> {
  const record = await chat.press(await askForValue(chat, t, inUse, domain), t.takeover.useValue, { value: `"${value}"` });
  expect(cardText(record)).toContain(format(t.takeover.recordTitle, { domain }));
  expect(cardText(record)).toMatch(new RegExp(`^${value}$`, 'm'));
  return record;
}

/** The value of the card's domain field, as the bot pre-filled it. */
function domainField(replies: ConnectorActivity[]): string | undefined {
  const inputs = replies.flatMap((reply) => reply.attachments ?? []).flatMap((attachment) => viewCard(attachment.content).inputs);
  return inputs.find((input) => input.id === 'domain')?.value;
}

/** The takeover request a button of the card acts on (its `request` data). */
function requestIdOf(replies: ConnectorActivity[], title: string): string {
  const button = replies.flatMap((reply) => reply.attachments ?? []).flatMap((attachment) => viewCard(attachment.content).buttons).find((b) => b.title === title);
  const request = (button?.data as { request?: unknown } | undefined)?.request;
  if (typeof request !== 'string') throw new Error(`no button "${title}" with a request id`);
  return request;
}

/** The message that carries the card with this button. */
function messageWith(replies: ConnectorActivity[], title: string): ConnectorActivity {
  const message = replies.find((reply) => (reply.attachments ?? []).some((attachment) => viewCard(attachment.content).buttons.some((b) => b.title === title)));
  if (!message?.id) throw new Error(`no message with a button "${title}"`);
  return message;
}

/** What the connector received in this conversation during `work`. */
async function sentDuring(conversationId: string, work: () => Promise<void>): Promise<ConnectorActivity[]> {
  const since = connector.activities.length;
  await work();
  return connector.activities.slice(since).filter((activity) => activity.conversation?.id === conversationId);
}

describe('the admin takeover over HTTP, in Teams, with Microsoft switched off', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await startHttpBot(botEnv());
  });
  afterAll(async () => {
    await bot.stop();
  });
  afterEach(() => {
    dns.clear();
  });

  it.each([
    ['en', 'en-US', en, 'it says my domain is already in use', 'sign me up for Power BI with', 'who is my admin?', 'northwind.example', 'MS=ms31415926'],
    ['nl', 'nl-NL', nl, 'ik krijg de melding dat mijn domein al in gebruik is', 'meld me aan voor Power BI met', 'wie is mijn beheerder?', 'bakkerij.example', 'MS=ms27182818'],
  ] as const)('in %s: from "domain already in use" to the requester\'s word noted, and a colleague hears it as theirs', async (language, locale, t, inUse, signUp, whoIsMyAdmin, domain, value) => {
    // Two colleagues sign up in Teams, which creates the unmanaged organization that holds the domain.
    for (const name of ['ann', 'bob']) {
      const colleague = conversation(bot, connector, { locale, userId: `${language}-${name}` });
      const preview = await colleague.say(`${signUp} ${name}@${domain}`);
      await colleague.press(preview, t.signup.confirm);
    }
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: false });

    const adminId = `${language}-admin`;
    teamsMember(adminId, 'Alex Wilber', `alex@${domain}`);
    const chat = conversation(bot, connector, { locale, userId: adminId, replyToCard: true });
    const record = await askForRecord(chat, t, inUse, domain, value);

    dns.setTxt(domain, [[value]]);
    const step = await chat.press(record, t.takeover.checkDns);
    expect(cardText(step)).toContain(format(t.takeover.microsoftTitle, { domain }));
    expect(cardText(step)).toContain(t.takeover.microsoftNextInternal);
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: false, admins: [] });

    const reported = await chat.press(step, t.takeover.finishedInMicrosoft);
    expect(cardText(reported)).toContain(format(t.takeover.reportedTitle, { domain }));
    expect(cardText(reported)).toContain(t.takeover.reportedBecause.off);
    expect(cardText(reported)).not.toContain(format(t.takeover.doneTitle, { domain }));
    const organization = await bot.app.directory.findByDomain(domain);
    expect(organization).toMatchObject({ managed: true, admins: [{ name: 'Alex Wilber', email: `alex@${domain}`, reportedByUser: true }] });
    expect(await bot.app.directory.findTakeover(requestIdOf(step, t.takeover.finishedInMicrosoft))).toMatchObject({ status: 'reportedByUser', confirmedBy: 'user', value });

    const colleagueId = `${language}-bob`;
    teamsMember(colleagueId, 'Bob', `bob@${domain}`);
    const answer = await conversation(bot, connector, { locale, userId: colleagueId }).say(whoIsMyAdmin);
    expect(cardText(answer)).toContain(format(t.whoIsMyAdmin.knownAdminsTitle, { org: organization!.displayName }));
    expect(cardText(answer)).toContain(`Alex Wilber: alex@${domain}`);
    expect(cardText(answer)).toContain(format(t.whoIsMyAdmin.reportedAdmin, { name: 'Alex Wilber', date: formatDate(t, organization!.admins[0]!.since) }));
  });

  it('takes the value pasted in the chat as a whole record line, and answers garbage with where to find a value', async () => {
    const domain = 'pasted.example';
    await seedUnmanaged(bot, domain);
    teamsMember('pasted-admin', 'Pia', `pia@${domain}`);
    const chat = conversation(bot, connector, { locale: 'nl-NL', userId: 'pasted-admin' });
    await askForValue(chat, nl, 'ik krijg de melding dat mijn domein al in gebruik is', domain);

    const garbage = await chat.say('qwerty');
    expect(garbage[0]?.text).toBe(`${nl.takeover.valueProblems.notAValue} ${nl.takeover.valueLooksLike} ${nl.takeover.whereToFindInternal}`);
    const record = await chat.say(`@ 3600 IN TXT "MS=ms16180339"`);
    expect(cardText(record)).toContain(format(nl.takeover.recordTitle, { domain }));
    expect(cardText(record)).toMatch(/^MS=ms16180339$/m);
  });

  it('updates the pressed card in place when the press names its message, as Teams does', async () => {
    const domain = 'inplace.example';
    await seedUnmanaged(bot, domain);
    teamsMember('inplace-admin', 'Isa', `isa@${domain}`);
    const chat = conversation(bot, connector, { locale: 'en-US', userId: 'inplace-admin', replyToCard: true });
    const record = await askForRecord(chat, en, 'it says my domain is already in use', domain, 'MS=ms14142135');
    const recordId = messageWith(record, en.takeover.checkDns).id;

    const notYet = await chat.press(record, en.takeover.checkDns);
    expect(notYet.map((activity) => activity.id)).toEqual([recordId]);
    expect(cardText(notYet)).toContain(format(en.takeover.statusNoRecord, { domain }));

    dns.setTxt(domain, [['MS=ms14142135']]);
    const step = await chat.press(notYet, en.takeover.checkDns);
    expect(step.map((activity) => activity.id)).toEqual([recordId]);
    expect(cardText(step)).toContain(format(en.takeover.microsoftTitle, { domain }));
    // One message: posted as the value card, then replaced by the record, its check and the step in Microsoft.
    expect(connector.activities.filter((activity) => activity.id === recordId)).toHaveLength(4);
  });

  it('answers the same press as a new message where the channel names no message to update', async () => {
    const domain = 'newmessage.example';
    await seedUnmanaged(bot, domain);
    teamsMember('newmessage-admin', 'Noor', `noor@${domain}`);
    const chat = conversation(bot, connector, { locale: 'en-US', userId: 'newmessage-admin' });
    const record = await askForRecord(chat, en, 'it says my domain is already in use', domain, 'MS=ms17320508');
    const recordId = messageWith(record, en.takeover.checkDns).id;

    const notYet = await chat.press(record, en.takeover.checkDns);
    expect(notYet).toHaveLength(1);
    expect(notYet[0]!.id).not.toBe(recordId);
    expect(cardText(notYet)).toContain(format(en.takeover.statusNoRecord, { domain }));
  });

  it('answers an Action.Execute invoke with the new card in the HTTP response', async () => {
    const domain = 'execute.example';
    await seedUnmanaged(bot, domain);
    teamsMember('execute-admin', 'Eve', `eve@${domain}`);
    const chat = conversation(bot, connector, { locale: 'en-US', userId: 'execute-admin' });
    const card = await askForValue(chat, en, 'it says my domain is already in use', domain);
    const request = requestIdOf(card, en.takeover.useValue);
    const cardId = messageWith(card, en.takeover.useValue).id;

    const record = await chat.execute('submitTakeoverValue', { request, value: 'MS=ms22360679' }, cardId);
    expect(record).toMatchObject({ status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD } });
    expect(viewCard((record.body as { value: unknown }).value).lines).toContain('MS=ms22360679');

    const notYet = await chat.execute('verifyTakeover', { request }, cardId);
    expect(notYet).toMatchObject({ status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD }, replies: [] });
    expect(viewCard((notYet.body as { value: unknown }).value).lines).toContain(format(en.takeover.statusNoRecord, { domain }));

    dns.setTxt(domain, [['MS=ms22360679']]);
    const step = await chat.execute('verifyTakeover', { request }, cardId);
    expect(viewCard((step.body as { value: unknown }).value).lines).toContain(en.takeover.statusRecordFound);
    const reported = await chat.execute('finishedInMicrosoft', { request }, cardId);
    expect(reported).toMatchObject({ status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD }, replies: [] });
    expect(viewCard((reported.body as { value: unknown }).value).lines).toContain(format(en.takeover.reportedTitle, { domain }));
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: true, admins: [{ name: 'Eve', reportedByUser: true }] });
  });

  it('refuses an Action.Execute invoke without an action with 400, and the flow waiting in the chat goes on', async () => {
    const domain = 'malformed.example';
    await seedUnmanaged(bot, domain);
    const chat = conversation(bot, connector, { locale: 'en-US', userId: 'malformed-admin' });
    expect(cardText(await chat.say('it says my domain is already in use'))).toContain(en.domainInUse.askDomain);

    const malformed = await sentDuring(chat.id, async () => {
      const response = await bot.post({
        type: 'invoke',
        name: 'adaptiveCard/action',
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        locale: 'en-US',
        conversation: { id: chat.id },
        from: { id: 'malformed-admin' },
        recipient: { id: 'bot' },
        value: {},
      });
      expect(response).toMatchObject({ status: 400, json: { statusCode: 400, type: 'application/vnd.microsoft.error' } });
    });
    expect(malformed).toEqual([]);
    // The domain question is still waiting for its answer.
    expect(cardText(await chat.say(domain))).toContain(format(en.domainInUse.unmanagedTitle, { domain }));
  });

  it('checks later when asked, tells the requester in their chat once that the record is there, with the step in Microsoft', async () => {
    const domain = 'later.example';
    await seedUnmanaged(bot, domain);
    teamsMember('later-admin', 'Lotte', `lotte@${domain}`);
    const chat = conversation(bot, connector, { locale: 'nl-NL', userId: 'later-admin', replyToCard: true });
    const record = await askForRecord(chat, nl, 'ik krijg de melding dat mijn domein al in gebruik is', domain, 'MS=ms26457513');

    const willRecheck = await chat.press(record, nl.takeover.checkLater);
    const { expiresAt } = (await bot.app.directory.findTakeover(requestIdOf(record, nl.takeover.checkDns)))!;
    expect(cardText(willRecheck)).toContain(format(nl.takeover.statusWillRecheck, { domain, minutes: RECHECK_SECONDS / 60, date: formatDate(nl, expiresAt) }));
    expect(await sentDuring(chat.id, () => bot.app.recheckTakeovers())).toEqual([]);

    dns.setTxt(domain, [['MS=ms26457513']]);
    const found = await sentDuring(chat.id, () => bot.app.recheckTakeovers());
    expect(found).toHaveLength(1);
    expect(cardText(found)).toContain(format(nl.takeover.recheckFound, { domain }));
    expect(cardText(found)).toContain(nl.takeover.microsoftNextInternal);
    expect(viewCard(found[0]!.attachments![0]!.content).buttons.map((button) => button.title)).toEqual([nl.takeover.finishedInMicrosoft, nl.takeover.checkLater, nl.common.cancel]);
    // Microsoft cannot be asked: the background has nothing more to say, and the requester's word is what counts.
    expect(await sentDuring(chat.id, () => bot.app.recheckTakeovers())).toEqual([]);

    const reported = await chat.press(found, nl.takeover.finishedInMicrosoft);
    expect(cardText(reported)).toContain(format(nl.takeover.reportedTitle, { domain }));
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: true, admins: [{ name: 'Lotte', reportedByUser: true }] });
  });

  it('refuses steps forged by someone else in the same chat, and the organization stays unmanaged', async () => {
    const domain = 'forged.example';
    await seedUnmanaged(bot, domain);
    teamsMember('forged-admin', 'Femke', `femke@${domain}`);
    teamsMember('forged-intruder', 'Ivo', `ivo@${domain}`);
    const chat = conversation(bot, connector, { locale: 'nl-NL', userId: 'forged-admin', replyToCard: true });
    const record = await askForRecord(chat, nl, 'ik krijg de melding dat mijn domein al in gebruik is', domain, 'MS=ms28284271');
    const request = requestIdOf(record, nl.takeover.checkDns);
    // The record is there, so only who sends the step stands between the intruder and the organization.
    dns.setTxt(domain, [['MS=ms28284271']]);
    const step = await chat.press(record, nl.takeover.checkDns);

    const intruder = conversation(bot, connector, { locale: 'nl-NL', userId: 'forged-intruder', replyToCard: true, conversationId: chat.id });
    const pressed = await intruder.press(step, nl.takeover.finishedInMicrosoft);
    expect(cardText(pressed)).toContain(nl.takeover.notYours);
    expect(pressed.map((activity) => activity.id)).not.toContain(messageWith(step, nl.takeover.finishedInMicrosoft).id);
    for (const verb of ['finishedInMicrosoft', 'submitTakeoverValue']) {
      const executed = await intruder.execute(verb, { request, value: 'MS=ms11111111' });
      expect(executed.status).toBe(200);
      expect((executed.body as { type?: unknown }).type).not.toBe(ADAPTIVE_CARD);
      expect(cardText(executed.replies)).toContain(nl.takeover.notYours);
    }

    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: false, admins: [] });
    expect(await bot.app.directory.findTakeover(request)).toMatchObject({ status: 'waitingForMicrosoft', value: 'MS=ms28284271' });
  });
});

describe('the admin takeover over HTTP, with Microsoft asked (its stub)', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await startHttpBot(botEnvWithMicrosoft());
  });
  afterAll(async () => {
    await bot.stop();
  });
  afterEach(() => {
    dns.clear();
  });

  /**
   * Up to the step in Microsoft for `domain`, in English, starting with the takeover itself ("domain already in use"
   * asks Microsoft too, and the real client keeps that answer for minutes: here the step in Microsoft asks first).
   */
  async function toMicrosoftStep(domain: string, userId: string, name: string, value: string): Promise<{ chat: HttpConversation; step: ConnectorActivity[] }> {
    // Before the takeover Microsoft shows the organization unmanaged (or cannot say): what the test sets after this is
    // what it shows once the requester finished there.
    microsoft.scenario.domains[domain] ??= { realm: 'viral' };
    await seedUnmanaged(bot, domain);
    teamsMember(userId, name, `${name.toLowerCase()}@${domain}`);
    const chat = conversation(bot, connector, { locale: 'en-US', userId, replyToCard: true });
    const kinds = await chat.say(`how do I take over ${domain}?`);
    expect(cardText(kinds)).toContain(format(en.takeover.kindTitle, { domain }));
    const card = await chat.press(kinds, en.takeover.chooseInternal);
    const record = await chat.press(card, en.takeover.useValue, { value });
    dns.setTxt(domain, [[value]]);
    const step = await chat.press(record, en.takeover.checkDns);
    expect(cardText(step)).toContain(format(en.takeover.microsoftTitle, { domain }));
    return { chat, step };
  }

  it('says the requester is not the admin yet while Microsoft still shows the organization unmanaged, and records nothing', async () => {
    const domain = 'stillviral.example';
    microsoft.scenario.domains[domain] = { realm: 'viral', tenantId: '0c8f5d2e-1a3b-4c5d-9e6f-7a8b9c0d1e2f' };
    const { chat, step } = await toMicrosoftStep(domain, 'viral-admin', 'Vera', 'MS=ms30102030');

    const notYet = await chat.press(step, en.takeover.finishedInMicrosoft);
    expect(cardText(notYet)).toContain(format(en.takeover.statusNotConfirmed.unmanaged, { domain }));
    expect(cardText(notYet)).toContain(en.takeover.notConfirmedCausesInternal[1]);
    expect(viewCard(notYet[0]!.attachments![0]!.content).buttons.map((button) => button.title)).toEqual([en.takeover.finishedInMicrosoft, en.takeover.checkLater, en.common.cancel]);
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: false, admins: [] });
    expect(microsoft.requestsTo('login', `/common/userrealm/`).some((request) => request.path.includes(domain))).toBe(true);
  });

  it('says "you\'re now the admin" when Microsoft shows the organization managed, and a colleague hears who the admin is', async () => {
    const domain = 'confirmed.example';
    const { chat, step } = await toMicrosoftStep(domain, 'confirmed-admin', 'Carmen', 'MS=ms40506070');
    microsoft.scenario.domains[domain] = { realm: 'managed', tenantId: '1d9a6e3f-2b4c-4d6e-8f7a-8b9c0d1e2f3a' };

    const done = await chat.press(step, en.takeover.finishedInMicrosoft);
    expect(cardText(done)).toContain(format(en.takeover.doneTitle, { domain }));
    expect(cardText(done)).toContain(format(en.takeover.confirmedInternal, { domain }));
    const organization = await bot.app.directory.findByDomain(domain);
    expect(organization).toMatchObject({ managed: true, admins: [{ name: 'Carmen', email: `carmen@${domain}` }] });
    expect(organization!.admins[0]!.reportedByUser).toBeUndefined();

    teamsMember('confirmed-bob', 'Bob', `bob@${domain}`);
    const answer = await conversation(bot, connector, { locale: 'en-US', userId: 'confirmed-bob' }).say('who is my admin?');
    expect(cardText(answer)).toContain(`Carmen: carmen@${domain}`);
    expect(cardText(answer)).not.toContain('says they became the admin');
  });

  it.each([
    ['en', 'en-US', en, 'it says my domain is already in use', 'flipped.example', 'MS=ms27182818'],
    ['nl', 'nl-NL', nl, 'er staat dat mijn domein al in gebruik is', 'omgezet.example', 'MS=ms16180339'],
  ] as const)('in %s: from "domain already in use" to "you\'re the admin now" only once Microsoft shows the domain managed', async (_language, locale, t, inUse, domain, value) => {
    microsoft.scenario.domains[domain] = { realm: 'viral' };
    await seedUnmanaged(bot, domain);
    teamsMember(`flip-${domain}`, 'Fleur', `fleur@${domain}`);
    const chat = conversation(bot, connector, { locale, userId: `flip-${domain}`, replyToCard: true });
    const record = await askForRecord(chat, t, inUse, domain, value);
    // The value the admin pasted, served by the loopback DNS.
    dns.setTxt(domain, [[value]]);
    const step = await chat.press(record, t.takeover.checkDns);
    expect(cardText(step)).toContain(format(t.takeover.microsoftTitle, { domain }));

    const notYet = await chat.press(step, t.takeover.finishedInMicrosoft);
    expect(cardText(notYet)).toContain(format(t.takeover.statusNotConfirmed.unmanaged, { domain }));
    expect(cardText(notYet)).not.toContain(format(t.takeover.doneTitle, { domain }));
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: false, admins: [] });

    microsoft.scenario.domains[domain] = { realm: 'managed' };
    const done = await chat.press(notYet, t.takeover.finishedInMicrosoft);
    expect(cardText(done)).toContain(format(t.takeover.doneTitle, { domain }));
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: true, admins: [{ name: 'Fleur', email: `fleur@${domain}` }] });
  });

  it('notes the requester\'s word when Microsoft does not answer', async () => {
    const domain = 'unreachable.example';
    const { chat, step } = await toMicrosoftStep(domain, 'unreachable-admin', 'Uma', 'MS=ms50607080');
    microsoft.scenario.domains[domain] = { realm: 'error500' };

    const reported = await chat.press(step, en.takeover.finishedInMicrosoft);
    expect(cardText(reported)).toContain(format(en.takeover.reportedTitle, { domain }));
    expect(cardText(reported)).toContain(en.takeover.reportedBecause.unreachable);
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: true, admins: [{ name: 'Uma', reportedByUser: true }] });
  });

  it('tells the requester in the background when Microsoft confirms a takeover they finished without saying so', async () => {
    const domain = 'background.example';
    const { chat, step } = await toMicrosoftStep(domain, 'background-admin', 'Bea', 'MS=ms60708090');
    expect(await bot.app.directory.findTakeover(requestIdOf(step, en.takeover.finishedInMicrosoft))).toMatchObject({ status: 'waitingForMicrosoft' });

    microsoft.scenario.domains[domain] = { realm: 'managed' };
    const told = await sentDuring(chat.id, () => bot.app.recheckTakeovers());
    expect(told).toHaveLength(1);
    expect(cardText(told)).toContain(format(en.takeover.doneTitle, { domain }));
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: true, admins: [{ name: 'Bea' }] });
    expect(await sentDuring(chat.id, () => bot.app.recheckTakeovers())).toEqual([]);
  });
});

describe('the takeover re-check across a restart', () => {
  it('finds the record with a new bot on the same store, and then Microsoft\'s confirmation, and messages the requester each time', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'helpdesk-takeover-restart-'));
    const dbFile = join(folder, 'helpdesk.json');
    const domain = 'restart.example';
    const value = 'MS=ms70809010';
    try {
      const first = await startHttpBot(botEnv(), dbFile);
      let chat: HttpConversation;
      try {
        await seedUnmanaged(first, domain);
        teamsMember('restart-admin', 'Rik', `rik@${domain}`);
        chat = conversation(first, connector, { locale: 'en-US', userId: 'restart-admin', replyToCard: true });
        const record = await askForRecord(chat, en, 'it says my domain is already in use', domain, value);
        await chat.press(record, en.takeover.checkLater);
      } finally {
        await first.stop();
      }

      const second = await startHttpBot(botEnvWithMicrosoft(), dbFile);
      try {
        microsoft.scenario.domains[domain] = { realm: 'managed' };
        dns.setTxt(domain, [[value]]);
        const found = await sentDuring(chat.id, () => second.app.recheckTakeovers());
        expect(found).toHaveLength(1);
        expect(cardText(found)).toContain(format(en.takeover.recheckFound, { domain }));

        const confirmed = await sentDuring(chat.id, () => second.app.recheckTakeovers());
        expect(confirmed).toHaveLength(1);
        expect(cardText(confirmed)).toContain(format(en.takeover.doneTitle, { domain }));
        expect(await second.app.directory.findByDomain(domain)).toMatchObject({ managed: true, admins: [{ name: 'Rik' }] });
      } finally {
        await second.stop();
      }
    } finally {
      dns.clear();
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('turns what the requester reported while Microsoft was off into what Microsoft confirms, once it can be asked', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'helpdesk-takeover-reported-'));
    const dbFile = join(folder, 'helpdesk.json');
    const domain = 'reported.example';
    const value = 'MS=ms80901020';
    try {
      const first = await startHttpBot(botEnv(), dbFile);
      let chat: HttpConversation;
      try {
        await seedUnmanaged(first, domain);
        teamsMember('reported-admin', 'Ruth', `ruth@${domain}`);
        chat = conversation(first, connector, { locale: 'nl-NL', userId: 'reported-admin', replyToCard: true });
        const record = await askForRecord(chat, nl, 'ik krijg de melding dat mijn domein al in gebruik is', domain, value);
        dns.setTxt(domain, [[value]]);
        const step = await chat.press(record, nl.takeover.checkDns);
        expect(cardText(await chat.press(step, nl.takeover.finishedInMicrosoft))).toContain(format(nl.takeover.reportedTitle, { domain }));
      } finally {
        await first.stop();
      }

      const second = await startHttpBot(botEnvWithMicrosoft(), dbFile);
      try {
        microsoft.scenario.domains[domain] = { realm: 'managed' };
        const confirmed = await sentDuring(chat.id, () => second.app.recheckTakeovers());
        expect(confirmed).toHaveLength(1);
        expect(cardText(confirmed)).toContain(format(nl.takeover.confirmedLaterTitle, { domain }));
        const organization = await second.app.directory.findByDomain(domain);
        expect(organization).toMatchObject({ managed: true, admins: [{ name: 'Ruth' }] });
        expect(organization!.admins[0]!.reportedByUser).toBeUndefined();
        expect(await sentDuring(chat.id, () => second.app.recheckTakeovers())).toEqual([]);
      } finally {
        await second.stop();
      }
    } finally {
      dns.clear();
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('the takeover re-check timer', () => {
  it('skips its ticks while a round still waits for DNS, so no backlog of rounds builds up', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'helpdesk-takeover-timer-'));
    const dbFile = join(folder, 'helpdesk.json');
    const domain = 'silent.example';
    try {
      const ticking = await startHttpBot({ ...botEnv(), TAKEOVER_RECHECK_SECONDS: '1' }, dbFile);
      let request: string;
      try {
        await seedUnmanaged(ticking, domain);
        teamsMember('timer-admin', 'Tim', `tim@${domain}`);
        const chat = conversation(ticking, connector, { locale: 'en-US', userId: 'timer-admin' });
        const record = await askForRecord(chat, en, 'it says my domain is already in use', domain, 'MS=ms90102030');
        request = requestIdOf(record, en.takeover.checkDns);
        // The DNS server never answers: a round takes about 5 s while the timer ticks every second.
        dns.setBehaviour(domain, 'timeout');
        await chat.press(record, en.takeover.checkLater);
        await until(() => dns.queries.includes(domain), 5_000);
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        dns.clear();
      } finally {
        await ticking.stop();
      }

      const reopened = await startHttpBot(botEnv(), dbFile);
      try {
        // One round ran, whatever DNS answered it in the end; ticks during it queued no more rounds.
        const attempts = (await reopened.app.directory.findTakeover(request))!.attempts;
        expect(attempts).toEqual([expect.objectContaining({ automatic: true })]);
      } finally {
        await reopened.stop();
      }
    } finally {
      dns.clear();
      await rm(folder, { recursive: true, force: true });
    }
  }, 20_000);
});

/** Resolves once `condition` holds; fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`until(): condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
