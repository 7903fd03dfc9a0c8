/**
 * A ticket the helpdesk channel does not take, over HTTP against the real server: a stand-in Bot Connector in front
 * of the local one answers the channel's posts as Teams does once the bot is removed from the team (403
 * BotNotInConversationRoster, Microsoft's "Status codes from bot conversational APIs"), or answers late. The ticket
 * records the failed post, the requester is told it is delayed, the retry job tries again with back-off, the admin
 * who chose the channel is told in their own chat after repeated failures, and nothing is ever said in the channel
 * that refused.
 * @remarks The app runs on a clock the test moves on, so that a retry is due without waiting for it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../../bot/app/createApp.js';
import { loadConfig } from '../../../bot/app/config.js';
import { createLogger } from '../../../bot/app/logger.js';
import { LocalConnector, type ConnectorActivity } from '../../../devtools/localConnector.js';
import { format, stringsFor, type Strings } from '../../../locales/strings.js';
import { contoso } from '../../helpers/fixtures.js';
import { poster, storeEnvFor } from '../../helpers/httpBot.js';
import { cardText, conversation, sentTo, type TeamChannel } from '../../helpers/httpConversation.js';
import { viewCard } from '../../../devtools/cardText.js';

const en = stringsFor('en');
const nl = stringsFor('nl');
const TENANT = contoso.tenantId!;
const HELPDESK: TeamChannel = { teamId: '19:it-team@thread.tacv2', channelId: '19:it-general@thread.tacv2' };
const MEGAN = { userId: '29:megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' };
const MINUTE = 60_000;

/** What Teams answers a bot that is no longer in the conversation (Microsoft's documented code and message). */
const NOT_IN_ROSTER = { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } };

interface ChannelRequest {
  method: string;
  /** The path with its conversation id decoded. */
  path: string;
  body: Record<string, unknown>;
}

/**
 * The Bot Connector as the bot sees it: the local connector behind, and in front the helpdesk channel's answers
 * (refusing, or late), and the creation of a personal chat (`POST /v3/conversations`), which the local one lacks.
 */
class StandInConnector {
  /** Answer posts to the helpdesk channel with 403 BotNotInConversationRoster. */
  refusing = false;
  /** Hold the next post to the helpdesk channel this long before passing it on. */
  holdNextMs = 0;
  /** Everything the bot asked of the helpdesk channel, and the personal chats it opened. */
  readonly channelRequests: ChannelRequest[] = [];
  readonly chatsOpened: Record<string, unknown>[] = [];
  private server!: Server;

  constructor(private readonly behind: LocalConnector) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.answer(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get serviceUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.split('/').map(decodeURIComponent).join('/');
    if (req.method === 'POST' && path === '/v3/conversations') {
      this.chatsOpened.push(body);
      const member = (body.members as { id: string }[])[0]!;
      return { status: 201, body: { id: `a:personal-${member.id}` } };
    }
    if (path.startsWith(`/v3/conversations/${HELPDESK.channelId}/`)) {
      this.channelRequests.push({ method: req.method ?? '', path, body });
      if (this.refusing) return { status: 403, body: NOT_IN_ROSTER };
      const hold = this.holdNextMs;
      this.holdNextMs = 0;
      if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
    }
    const passed = await fetch(`${this.behind.serviceUrl}${url.pathname}${url.search}`, {
      method: req.method,
      headers: { 'content-type': 'application/json' },
      ...(req.method === 'GET' ? {} : { body: text }),
    });
    return { status: passed.status, body: await passed.json() };
  }
}

let connector: LocalConnector;
let standIn: StandInConnector;
beforeAll(async () => {
  connector = await LocalConnector.start();
  standIn = new StandInConnector(connector);
  await standIn.start();
  connector.members.set(MEGAN.userId, { id: MEGAN.userId, name: MEGAN.name, email: 'megan@contoso.com', tenantId: TENANT });
  connector.members.set('lee', { id: 'lee', name: 'Lee Gu', email: 'lee@contoso.com', tenantId: TENANT });
});
afterAll(async () => {
  await standIn.close();
  await connector.close();
});

interface TestBot {
  app: RunningApp;
  /** Moves the bot's clock on. */
  wait(ms: number): void;
  stop(): Promise<void>;
}

async function startBot(env: Record<string, string> = {}, ticketPostDeadlineMs?: number): Promise<TestBot> {
  const folder = await mkdtemp(join(tmpdir(), 'helpdesk-post-retry-'));
  let clock = Date.parse('2026-12-07T09:00:00.000Z');
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', MICROSOFT_LOOKUPS: 'off', ...(await storeEnvFor(join(folder, 'helpdesk.json'))), ...env });
  const app = await startApp(config, createLogger('silent'), { now: () => new Date(clock), ticketPostDeadlineMs });
  return {
    app,
    wait: (ms) => (clock += ms),
    stop: async () => {
      await app.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** Megan, a known admin of Contoso, chooses the team's channel for tickets (the channel is reached through the stand-in); what she is told. */
async function chooseChannel(bot: TestBot, t: Strings, command: string): Promise<string[]> {
  const url = `http://127.0.0.1:${bot.app.port}`;
  const megan = conversation({ post: poster(url) }, connector, { locale: t === nl ? 'nl-NL' : 'en-US', tenantId: TENANT, channel: HELPDESK, serviceUrl: standIn.serviceUrl, ...MEGAN });
  const told = (await megan.say(command)).map((activity) => activity.text ?? '');
  expect(told[0]).toBe(format(t.tickets.channelSet, { org: contoso.displayName }));
  return told;
}

/** Lee asks for a person and sends the ticket from his personal chat; the answer he gets. */
async function leeSendsTicket(bot: TestBot, t: Strings, locale: string, question: string, talkToAPerson: string): Promise<ConnectorActivity[]> {
  const lee = conversation({ post: poster(`http://127.0.0.1:${bot.app.port}`) }, connector, { locale, userId: 'lee', tenantId: TENANT });
  await lee.say(question);
  return lee.press(await lee.say(talkToAPerson), t.tickets.send);
}

/** Everything the bot sent anywhere: no turn-error message among it. */
function turnErrorsSent(): ConnectorActivity[] {
  return connector.activities.filter((activity) => activity.text === en.common.turnError || activity.text === nl.common.turnError);
}

describe.each([
  ['en', 'on', en, 'en-US', 'use this channel for tickets', 'my password stopped working', 'talk to a person'],
  ['nl', 'off', nl, 'nl-NL', 'gebruik dit kanaal voor tickets', 'mijn wachtwoord werkt niet meer', 'ik wil een mens spreken'],
] as const)('a ticket the helpdesk channel refuses (%s, SDK tuning %s)', (_language, tuning, t, locale, command, question, talkToAPerson) => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startBot({ SDK_TUNING: tuning });
    await bot.app.directory.save(contoso);
    await chooseChannel(bot, t, command);
  });
  afterEach(async () => {
    standIn.refusing = false;
    await bot.stop();
  });

  it('is recorded as not posted, retried with back-off, told to the admin after repeated failures, and posted once the channel takes it', async () => {
    standIn.refusing = true;
    const sinceChannel = standIn.channelRequests.length;
    const answer = await leeSendsTicket(bot, t, locale, question, talkToAPerson);
    // Lee hears the ticket is saved and will be posted, not that it reached the helpdesk, nor that nothing is set up.
    expect(cardText(answer)).toContain(t.tickets.createdPostDelayed);
    expect(cardText(answer)).not.toContain(t.tickets.createdNoChannel);

    const ticket = await bot.app.tickets.findTicket('HD-1001');
    expect(ticket?.channelPost).toBeUndefined();
    expect(ticket?.channelPostFailure).toMatchObject({ problem: 'notInTeam', detail: '403 BotNotInConversationRoster', attempts: 1, nextAttemptAt: '2026-12-07T09:05:00.000Z' });

    // Not due yet: nothing is tried.
    expect(await bot.app.retryTicketPosts()).toEqual({ tried: 0, posted: 0, organizationsTold: 0 });
    bot.wait(5 * MINUTE);
    expect(await bot.app.retryTicketPosts()).toEqual({ tried: 1, posted: 0, organizationsTold: 0 });
    expect((await bot.app.tickets.findTicket('HD-1001'))?.channelPostFailure).toMatchObject({ attempts: 2, nextAttemptAt: '2026-12-07T09:15:00.000Z' });
    bot.wait(5 * MINUTE);
    expect(await bot.app.retryTicketPosts()).toEqual({ tried: 0, posted: 0, organizationsTold: 0 });

    // The third failure in a row: Megan, who chose the channel, hears it in her personal chat, in the channel's language.
    bot.wait(5 * MINUTE);
    const sinceChats = standIn.chatsOpened.length;
    const sinceMessages = connector.activities.length;
    expect(await bot.app.retryTicketPosts()).toEqual({ tried: 1, posted: 0, organizationsTold: 1 });
    expect(standIn.chatsOpened.slice(sinceChats)).toEqual([expect.objectContaining({ isGroup: false, members: [expect.objectContaining({ id: MEGAN.userId })], tenantId: TENANT })]);
    const told = sentTo(connector.activities.slice(sinceMessages), `a:personal-${MEGAN.userId}`);
    expect(told.map((activity) => activity.text)).toEqual([
      format(t.tickets.postFailedAdmins.text, {
        org: contoso.displayName,
        reason: format(t.tickets.postFailedAdmins.reason.notInTeam, { detail: '403 BotNotInConversationRoster' }),
        ids: 'HD-1001',
        fix: t.tickets.postFailedAdmins.fix.notInTeam,
      }),
    ]);

    // Told once, not at every failure after.
    bot.wait(20 * MINUTE);
    expect(await bot.app.retryTicketPosts()).toEqual({ tried: 1, posted: 0, organizationsTold: 0 });
    expect((await bot.app.tickets.findTicket('HD-1001'))?.channelPostFailure).toMatchObject({ attempts: 4, nextAttemptAt: '2026-12-07T10:15:00.000Z' });

    // The bot is added to the team again: the next try posts the ticket, and it is not tried again.
    standIn.refusing = false;
    const sinceCards = connector.activities.length;
    bot.wait(40 * MINUTE);
    expect(await bot.app.retryTicketPosts()).toEqual({ tried: 1, posted: 1, organizationsTold: 0 });
    const posted = sentTo(connector.activities.slice(sinceCards), HELPDESK.channelId);
    expect(posted).toHaveLength(1);
    expect(viewCard(posted[0]!.attachments![0]!.content).lines[0]).toBe(format(t.tickets.channelCardTitle, { id: 'HD-1001' }));
    const after = await bot.app.tickets.findTicket('HD-1001');
    expect(after?.channelPost?.activityId).toBe(posted[0]!.id);
    expect(after?.channelPostFailure).toBeUndefined();
    bot.wait(6 * 60 * MINUTE);
    expect(await bot.app.retryTicketPosts()).toEqual({ tried: 0, posted: 0, organizationsTold: 0 });

    // The channel was only ever sent the ticket's card: never "something went wrong", nor anything to anyone else.
    const asked = standIn.channelRequests.slice(sinceChannel);
    expect(asked.length).toBe(5);
    for (const request of asked) expect(request.body.attachments).toEqual([expect.objectContaining({ contentType: 'application/vnd.microsoft.card.adaptive' })]);
    expect(turnErrorsSent()).toEqual([]);
  });

  it('is posted with the others waiting when an admin chooses a channel again', async () => {
    standIn.refusing = true;
    await leeSendsTicket(bot, t, locale, question, talkToAPerson);
    expect((await bot.app.tickets.findTicket('HD-1001'))?.channelPostFailure?.attempts).toBe(1);
    standIn.refusing = false;
    expect(await chooseChannel(bot, t, command)).toEqual([format(t.tickets.channelSet, { org: contoso.displayName }), t.tickets.channelPostedWaitingOne]);
    const ticket = await bot.app.tickets.findTicket('HD-1001');
    expect(ticket?.channelPost).toBeDefined();
    expect(ticket?.channelPostFailure).toBeUndefined();
    bot.wait(5 * MINUTE);
    expect(await bot.app.retryTicketPosts()).toEqual({ tried: 0, posted: 0, organizationsTold: 0 });
  });
});

describe('a ticket the helpdesk channel answers late', () => {
  it('tells the requester it is delayed, and counts as posted when the answer comes after all: it is not posted twice', async () => {
    const bot = await startBot({}, 300);
    try {
      await bot.app.directory.save(contoso);
      await chooseChannel(bot, en, 'use this channel for tickets');
      const since = connector.activities.length;
      standIn.holdNextMs = 1500;
      const answer = await leeSendsTicket(bot, en, 'en-US', 'my password stopped working', 'talk to a person');
      expect(cardText(answer)).toContain(en.tickets.createdPostDelayed);
      expect((await bot.app.tickets.findTicket('HD-1001'))?.channelPostFailure).toMatchObject({ problem: 'unreachable', attempts: 1 });
      // The post arrives after all.
      const [card] = await connector.waitFor(HELPDESK.channelId, 1, since);
      for (let tries = 0; tries < 50 && !(await bot.app.tickets.findTicket('HD-1001'))?.channelPost; tries += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      const ticket = await bot.app.tickets.findTicket('HD-1001');
      expect(ticket?.channelPost?.activityId).toBe(card!.id);
      expect(ticket?.channelPostFailure).toBeUndefined();
      bot.wait(5 * MINUTE);
      expect(await bot.app.retryTicketPosts()).toEqual({ tried: 0, posted: 0, organizationsTold: 0 });
      expect(sentTo(connector.activities.slice(since), HELPDESK.channelId)).toHaveLength(1);
      expect(turnErrorsSent()).toEqual([]);
    } finally {
      await bot.stop();
    }
  });
});
