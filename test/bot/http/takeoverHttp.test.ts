/**
 * The admin takeover over HTTP against the real server, driven the way Teams drives it, with the TXT
 * record published on a real DNS server on loopback: the whole flow from "my domain is already in use" to
 * "you're now the admin", cards updated in place, Action.Execute, "check for me later" with the
 * background re-check (also across a restart), and a verify forged by someone else.
 * @remarks TAKEOVER_RECHECK_SECONDS is a day, so the re-check timer never fires during a test: each test
 * runs a round itself with `recheckTakeovers()`.
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

const en = stringsFor('en');
const nl = stringsFor('nl');
/** A day: the timer never fires during a test. */
const RECHECK_SECONDS = 86_400;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

let connector: LocalConnector;
let dns: TestDnsServer;
beforeAll(async () => {
  connector = await LocalConnector.start();
  dns = await startDnsServer();
});
afterAll(async () => {
  await connector.close();
  await dns.close();
});

function botEnv(): Record<string, string> {
  return { DNS_SERVERS: dns.servers.join(','), TAKEOVER_RECHECK_SECONDS: String(RECHECK_SECONDS) };
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

/** "My domain is already in use" up to the record card: check the pre-filled domain, take it over, become its admin. */
async function askForRecord(chat: HttpConversation, t: Strings, inUse: string, domain: string): Promise<ConnectorActivity[]> {
  const asked = await chat.say(inUse);
  expect(cardText(asked)).toContain(t.domainInUse.askDomain);
  expect(domainField(asked)).toBe(domain);

  const status = await chat.press(asked, t.domainInUse.check);
  expect(cardText(status)).toContain(format(t.domainInUse.unmanagedTitle, { domain }));
  expect(cardText(status)).toContain(format(t.domainInUse.unmanagedMembers, { count: 2 }));

  const kinds = await chat.press(status, format(t.domainInUse.takeOver, { domain }));
  expect(cardText(kinds)).toContain(format(t.takeover.kindTitle, { domain }));

  const record = await chat.press(kinds, t.takeover.chooseInternal);
  expect(cardText(record)).toContain(format(t.takeover.recordTitle, { domain }));
  return record;
}

/** The value of the card's domain field, as the bot pre-filled it. */
function domainField(replies: ConnectorActivity[]): string | undefined {
  const inputs = replies.flatMap((reply) => reply.attachments ?? []).flatMap((attachment) => viewCard(attachment.content).inputs);
  return inputs.find((input) => input.id === 'domain')?.value;
}

/** The TXT value the record card asks for: its own line, in the card's code block. */
function tokenOf(record: ConnectorActivity[]): string {
  const token = /^MS=ms\d{8}$/m.exec(cardText(record))?.[0];
  if (!token) throw new Error(`no token on the record card:\n${cardText(record)}`);
  return token;
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

describe('the admin takeover over HTTP, in Teams', () => {
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
    ['en', 'en-US', en, 'it says my domain is already in use', 'sign me up for Power BI with', 'who is my admin?', 'northwind.example'],
    ['nl', 'nl-NL', nl, 'ik krijg de melding dat mijn domein al in gebruik is', 'meld me aan voor Power BI met', 'wie is mijn beheerder?', 'bakkerij.example'],
  ] as const)('in %s: from "domain already in use" to admin, and a colleague then hears who the admin is', async (language, locale, t, inUse, signUp, whoIsMyAdmin, domain) => {
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
    const record = await askForRecord(chat, t, inUse, domain);

    dns.setTxt(domain, [[tokenOf(record)]]);
    const done = await chat.press(record, t.takeover.verifyNow);
    expect(cardText(done)).toContain(format(t.takeover.doneTitle, { domain }));
    expect(cardText(done)).toContain(format(t.takeover.doneInternal, { domain, count: 2 }));
    const organization = await bot.app.directory.findByDomain(domain);
    expect(organization).toMatchObject({ managed: true, admins: [{ name: 'Alex Wilber', email: `alex@${domain}` }] });

    const colleagueId = `${language}-bob`;
    teamsMember(colleagueId, 'Bob', `bob@${domain}`);
    const answer = await conversation(bot, connector, { locale, userId: colleagueId }).say(whoIsMyAdmin);
    expect(cardText(answer)).toContain(format(t.whoIsMyAdmin.knownAdminsTitle, { org: organization!.displayName }));
    expect(cardText(answer)).toContain(`Alex Wilber: alex@${domain}`);
  });

  it('updates the pressed card in place when the press names its message, as Teams does', async () => {
    const domain = 'inplace.example';
    await seedUnmanaged(bot, domain);
    teamsMember('inplace-admin', 'Isa', `isa@${domain}`);
    const chat = conversation(bot, connector, { locale: 'en-US', userId: 'inplace-admin', replyToCard: true });
    const record = await askForRecord(chat, en, 'it says my domain is already in use', domain);
    const recordId = messageWith(record, en.takeover.verifyNow).id;

    const notYet = await chat.press(record, en.takeover.verifyNow);
    expect(notYet.map((activity) => activity.id)).toEqual([recordId]);
    expect(cardText(notYet)).toContain(format(en.takeover.statusNoRecord, { domain }));

    dns.setTxt(domain, [[tokenOf(record)]]);
    const done = await chat.press(notYet, en.takeover.verifyNow);
    expect(done.map((activity) => activity.id)).toEqual([recordId]);
    expect(cardText(done)).toContain(format(en.takeover.doneTitle, { domain }));
    // The record message was posted once and then replaced twice.
    expect(connector.activities.filter((activity) => activity.id === recordId)).toHaveLength(3);
  });

  it('answers the same press as a new message where the channel names no message to update', async () => {
    const domain = 'newmessage.example';
    await seedUnmanaged(bot, domain);
    teamsMember('newmessage-admin', 'Noor', `noor@${domain}`);
    const chat = conversation(bot, connector, { locale: 'en-US', userId: 'newmessage-admin' });
    const record = await askForRecord(chat, en, 'it says my domain is already in use', domain);
    const recordId = messageWith(record, en.takeover.verifyNow).id;

    const notYet = await chat.press(record, en.takeover.verifyNow);
    expect(notYet).toHaveLength(1);
    expect(notYet[0]!.id).not.toBe(recordId);
    expect(cardText(notYet)).toContain(format(en.takeover.statusNoRecord, { domain }));
  });

  it('answers an Action.Execute invoke with the new card in the HTTP response', async () => {
    const domain = 'execute.example';
    await seedUnmanaged(bot, domain);
    teamsMember('execute-admin', 'Eve', `eve@${domain}`);
    const chat = conversation(bot, connector, { locale: 'en-US', userId: 'execute-admin' });
    const record = await askForRecord(chat, en, 'it says my domain is already in use', domain);
    const request = requestIdOf(record, en.takeover.verifyNow);
    const recordId = messageWith(record, en.takeover.verifyNow).id;

    const notYet = await chat.execute('verifyTakeover', { request }, recordId);
    expect(notYet).toMatchObject({ status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD }, replies: [] });
    expect(viewCard((notYet.body as { value: unknown }).value).lines).toContain(format(en.takeover.statusNoRecord, { domain }));

    dns.setTxt(domain, [[tokenOf(record)]]);
    const done = await chat.execute('verifyTakeover', { request }, recordId);
    expect(done).toMatchObject({ status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD }, replies: [] });
    expect(viewCard((done.body as { value: unknown }).value).lines).toContain(format(en.takeover.doneTitle, { domain }));
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: true, admins: [{ name: 'Eve' }] });
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

  it('checks later when asked, tells the requester in their chat once, and Continue completes the takeover', async () => {
    const domain = 'later.example';
    await seedUnmanaged(bot, domain);
    teamsMember('later-admin', 'Lotte', `lotte@${domain}`);
    const chat = conversation(bot, connector, { locale: 'nl-NL', userId: 'later-admin', replyToCard: true });
    const record = await askForRecord(chat, nl, 'ik krijg de melding dat mijn domein al in gebruik is', domain);

    const willRecheck = await chat.press(record, nl.takeover.checkLater);
    const { expiresAt } = (await bot.app.directory.findTakeover(requestIdOf(record, nl.takeover.verifyNow)))!;
    expect(cardText(willRecheck)).toContain(format(nl.takeover.statusWillRecheck, { domain, minutes: RECHECK_SECONDS / 60, date: formatDate(nl, expiresAt) }));
    expect(await sentDuring(chat.id, () => bot.app.recheckTakeovers())).toEqual([]);

    dns.setTxt(domain, [[tokenOf(record)]]);
    const found = await sentDuring(chat.id, () => bot.app.recheckTakeovers());
    expect(found).toHaveLength(1);
    expect(cardText(found)).toContain(format(nl.takeover.recheckFound, { domain }));
    expect(viewCard(found[0]!.attachments![0]!.content).buttons.map((button) => button.title)).toEqual([nl.takeover.continue]);
    expect(await sentDuring(chat.id, () => bot.app.recheckTakeovers())).toEqual([]);

    const done = await chat.press(found, nl.takeover.continue);
    expect(cardText(done)).toContain(format(nl.takeover.doneTitle, { domain }));
    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: true, admins: [{ name: 'Lotte' }] });
    expect(await sentDuring(chat.id, () => bot.app.recheckTakeovers())).toEqual([]);
  });

  it('refuses a verify forged by someone else in the same chat, and the organization stays unmanaged', async () => {
    const domain = 'forged.example';
    await seedUnmanaged(bot, domain);
    teamsMember('forged-admin', 'Femke', `femke@${domain}`);
    teamsMember('forged-intruder', 'Ivo', `ivo@${domain}`);
    const chat = conversation(bot, connector, { locale: 'nl-NL', userId: 'forged-admin', replyToCard: true });
    const record = await askForRecord(chat, nl, 'ik krijg de melding dat mijn domein al in gebruik is', domain);
    const request = requestIdOf(record, nl.takeover.verifyNow);
    // The record is there, so only who sends the verify stands between the intruder and the organization.
    dns.setTxt(domain, [[tokenOf(record)]]);

    const intruder = conversation(bot, connector, { locale: 'nl-NL', userId: 'forged-intruder', replyToCard: true, conversationId: chat.id });
    const pressed = await intruder.press(record, nl.takeover.verifyNow);
    expect(cardText(pressed)).toContain(nl.takeover.notYours);
    expect(pressed.map((activity) => activity.id)).not.toContain(messageWith(record, nl.takeover.verifyNow).id);
    const executed = await intruder.execute('verifyTakeover', { request });
    expect(executed.status).toBe(200);
    expect((executed.body as { type?: unknown }).type).not.toBe(ADAPTIVE_CARD);
    expect(cardText(executed.replies)).toContain(nl.takeover.notYours);

    expect(await bot.app.directory.findByDomain(domain)).toMatchObject({ managed: false, admins: [] });
    expect(await bot.app.directory.findTakeover(request)).toMatchObject({ status: 'pending', attempts: [] });
  });
});

describe('the takeover re-check across a restart', () => {
  it('finds the record with a new bot on the same store and messages the requester', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'helpdesk-takeover-restart-'));
    const dbFile = join(folder, 'helpdesk.json');
    const domain = 'restart.example';
    try {
      const first = await startHttpBot(botEnv(), dbFile);
      let chat: HttpConversation;
      let record: ConnectorActivity[];
      try {
        await seedUnmanaged(first, domain);
        teamsMember('restart-admin', 'Rik', `rik@${domain}`);
        chat = conversation(first, connector, { locale: 'en-US', userId: 'restart-admin', replyToCard: true });
        record = await askForRecord(chat, en, 'it says my domain is already in use', domain);
        await chat.press(record, en.takeover.checkLater);
      } finally {
        await first.stop();
      }

      const second = await startHttpBot(botEnv(), dbFile);
      try {
        dns.setTxt(domain, [[tokenOf(record)]]);
        const found = await sentDuring(chat.id, () => second.app.recheckTakeovers());
        expect(found).toHaveLength(1);
        expect(cardText(found)).toContain(format(en.takeover.recheckFound, { domain }));

        const again = conversation(second, connector, { locale: 'en-US', userId: 'restart-admin', replyToCard: true, conversationId: chat.id });
        const done = await again.press(found, en.takeover.continue);
        expect(cardText(done)).toContain(format(en.takeover.doneTitle, { domain }));
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
        const record = await askForRecord(chat, en, 'it says my domain is already in use', domain);
        request = requestIdOf(record, en.takeover.verifyNow);
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
