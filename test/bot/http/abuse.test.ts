/**
 * Abuse: one person (or a script with their account) trying to take more than their share.
 * - Tickets: at most MAX_TICKETS_PER_WINDOW per user per hour, counted from the stored tickets, so the limit
 *   survives a restart; said in the user's language when they ask for a person, before they write anything.
 * - Turns: the flood guard (bot/floodGuard.ts) answers a user over USER_TURN_LIMIT per window with one "slow
 *   down" and then drops their activities until the window has passed; hundreds of concurrent requests from
 *   one user leave another user's "who is my admin?" answered.
 * - Bodies: a 50 MB request is refused with 413 from its declared size, or after 256 KiB of a chunked one,
 *   and the server closes the connection instead of reading the rest.
 * Verification attempts have their own limit (5 per 10 minutes per request): test/services/takeoverService.test.ts.
 * @remarks Timing asserts are loose (5 s) on purpose: this checks that others are served, not how fast.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { FloodGuard } from '../../../bot/runtime/floodGuard.js';
import { LocalConnector, type ConnectorActivity } from '../../../devtools/localConnector.js';
import { format, stringsFor, type Strings } from '../../../locales/strings.js';
import type { Ticket } from '../../../services/models/ticket.js';
import { MAX_TICKETS_PER_WINDOW, TICKET_WINDOW_SECONDS, TicketService, type TicketDraft } from '../../../services/tickets/ticketService.js';
import { startHttpBot, type HttpBot } from '../../helpers/httpBot.js';
import { cardText, conversation, type HttpConversation } from '../../helpers/httpConversation.js';
import { openTestStore, type OpenedTestStore } from '../../helpers/storeUnderTest.js';

const en = stringsFor('en');
const nl = stringsFor('nl');

let connector: LocalConnector;
beforeAll(async () => {
  connector = await LocalConnector.start();
});
afterAll(async () => {
  await connector.close();
});

describe('the ticket limit (TicketService)', () => {
  let opened: OpenedTestStore;
  let clock: Date;
  let service: TicketService;
  beforeAll(async () => {
    opened = await openTestStore();
  });
  afterAll(async () => {
    await opened.cleanup();
  });

  const draft = (userId: string, question = 'my laptop will not start'): TicketDraft => ({
    requester: { userId, conversation: { conversation: { id: `chat-${userId}` } }, language: 'en' },
    question,
    transcript: [],
  });
  const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, 0) + minutes * 60_000);

  it(`opens ${MAX_TICKETS_PER_WINDOW} tickets per user per hour, then says how long to wait, and counts from the stored tickets`, async () => {
    clock = at(0);
    service = new TicketService({ records: opened.store.records, now: () => clock });
    const tickets: Ticket[] = [];
    for (let i = 0; i < MAX_TICKETS_PER_WINDOW; i += 1) {
      clock = at(i * 5);
      const result = await service.open(draft('flooder'));
      if (result.kind !== 'opened') throw new Error(`ticket ${i + 1} was refused`);
      tickets.push(result.ticket);
    }
    clock = at(30);
    // The first ticket (at 09:00) leaves the window at 10:00: 30 minutes from now.
    expect(await service.open(draft('flooder'))).toEqual({ kind: 'rateLimited', retryAfterSeconds: 30 * 60 });
    expect(await service.ticketWait('flooder')).toBe(30 * 60);
    // Someone else is not affected.
    expect((await service.open(draft('colleague'))).kind).toBe('opened');

    // A new service on the same store (a restart, or another instance) counts the same tickets.
    const restarted = new TicketService({ records: opened.store.records, now: () => clock });
    expect((await restarted.open(draft('flooder'))).kind).toBe('rateLimited');

    clock = new Date(at(0).getTime() + TICKET_WINDOW_SECONDS * 1000 + 1000);
    expect(await service.ticketWait('flooder')).toBeUndefined();
    expect((await service.open(draft('flooder'))).kind).toBe('opened');
    // Now the window holds the tickets of 09:05 to 10:00: full again until 10:05.
    expect(await service.ticketWait('flooder')).toBe(5 * 60 - 1);
    expect((await opened.store.records.ticketsOf('flooder')).map((ticket) => ticket.id)).toEqual([...tickets.map((ticket) => ticket.id), expect.any(String)]);
  });
});

/** "Talk to a person", then Send with this question: the ticket's reply. */
async function sendTicket(chat: HttpConversation, t: Strings, ask: string, question: string): Promise<ConnectorActivity[]> {
  const card = await chat.say(ask);
  expect(cardText(card)).toContain(t.tickets.askTitle);
  return chat.press(card, t.tickets.send, { question });
}

describe('the ticket limit over HTTP', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await startHttpBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it.each([
    ['en-US', en, 'talk to a person'],
    ['nl-NL', nl, 'ik wil een mens spreken'],
  ] as const)('tells a user who sent the most tickets an hour allows when the next can go (%s), before they write it', async (locale, t, ask) => {
    const userId = `ticket-flooder-${locale}`;
    const chat = conversation(bot, connector, { locale, userId });
    for (let i = 1; i <= MAX_TICKETS_PER_WINDOW; i += 1) {
      expect(cardText(await sendTicket(chat, t, ask, `problem number ${i} with my account`))).toMatch(/HD-\d+/);
    }
    const refused = await chat.say(ask);
    expect(refused.map((reply) => reply.text)).toEqual([format(t.tickets.rateLimited, { max: MAX_TICKETS_PER_WINDOW, minutes: 60 })]);
    expect(refused.flatMap((reply) => reply.attachments ?? [])).toEqual([]);
    // Their tickets are all there, and someone else can still open one.
    expect(cardText(await chat.say(t === en ? 'my tickets' : 'mijn tickets')).match(/HD-\d+/g)).toHaveLength(MAX_TICKETS_PER_WINDOW);
    const colleague = conversation(bot, connector, { locale, userId: `${userId}-colleague` });
    expect(cardText(await sendTicket(colleague, t, ask, 'my printer is on fire'))).toMatch(/HD-\d+/);
  });

  it('keeps the limit across a restart: it is counted from the stored tickets', async () => {
    const first = await startHttpBot();
    const userId = 'ticket-flooder-restart';
    try {
      const chat = conversation(first, connector, { locale: 'en-US', userId });
      for (let i = 1; i <= MAX_TICKETS_PER_WINDOW; i += 1) await sendTicket(chat, en, 'talk to a person', `problem number ${i} with my account`);
    } finally {
      await first.app.close();
    }
    const second = await startHttpBot({}, first.dbFile);
    try {
      const refused = await conversation(second, connector, { locale: 'en-US', userId }).say('talk to a person');
      expect(cardText(refused)).toBe(format(en.tickets.rateLimited, { max: MAX_TICKETS_PER_WINDOW, minutes: 60 }));
    } finally {
      await second.stop();
    }
  });
});

describe('FloodGuard', () => {
  it('admits the limit per window, then says "slow down" once, then drops, until the window has passed', () => {
    let now = 0;
    const guard = new FloodGuard({ maxTurns: 3, windowSeconds: 10, now: () => now });
    expect(Array.from({ length: 6 }, () => guard.admit('ann'))).toEqual(['admit', 'admit', 'admit', 'slowDown', 'ignore', 'ignore']);
    expect(guard.admit('bob')).toBe('admit');
    now = 9_999;
    expect(guard.admit('ann')).toBe('ignore');
    now = 10_000;
    expect(guard.admit('ann')).toBe('admit');
  });

  it('remembers a bounded number of users, forgetting the one seen longest ago', () => {
    let now = 0;
    const guard = new FloodGuard({ maxTurns: 1, windowSeconds: 60, maxUsers: 100, now: () => now });
    guard.admit('first');
    expect(guard.admit('first')).toBe('slowDown');
    for (let i = 0; i < 1000; i += 1) {
      now += 1;
      guard.admit(`user-${i}`);
    }
    expect(guard.size).toBe(100);
    // "first" was forgotten, so it starts a new window (a flooder rotating ids gains nothing they could not get with new ids).
    expect(guard.admit('first')).toBe('admit');
  });
});

describe('the flood guard over HTTP', () => {
  it('answers a user over the limit once with "slow down" in their language, then nothing until the window has passed', async () => {
    const bot = await startHttpBot({ USER_TURN_LIMIT: '4', USER_TURN_WINDOW_SECONDS: '3' });
    try {
      for (const [locale, t] of [['en-US', en], ['nl-NL', nl]] as const) {
        const chat = conversation(bot, connector, { locale, userId: `sequential-${locale}` });
        const started = Date.now();
        const answers: ConnectorActivity[][] = [];
        const question = t === en ? 'am I an admin?' : 'ben ik beheerder?';
        for (let i = 0; i < 7; i += 1) answers.push(await chat.say(question));
        expect(answers.slice(0, 4).every((replies) => cardText(replies).includes(t.amIAdmin.title))).toBe(true);
        expect(answers[4]!.map((reply) => reply.text)).toEqual([t.common.slowDown]);
        expect(answers.slice(5)).toEqual([[], []]);
        // An Action.Execute over the limit gets the same words as the card's answer (an invoke needs one).
        const executed = await chat.execute('showHelp', {});
        expect(executed).toMatchObject({ status: 200, body: { statusCode: 200, value: t.common.slowDown }, replies: [] });
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 3500 - (Date.now() - started))));
        expect(cardText(await chat.say(question))).toContain(t.amIAdmin.title);
      }
    } finally {
      await bot.stop();
    }
  });

  it("keeps answering another user while one user sends hundreds of requests at once (the default limits)", async () => {
    const bot = await startHttpBot();
    try {
      const FLOOD = 400;
      const flooder = conversation(bot, connector, { locale: 'en-US', userId: 'flooder' });
      const flood = Promise.all(
        Array.from({ length: FLOOD }, (_, i) =>
          bot.post({
            type: 'message',
            id: randomUUID(),
            channelId: 'msteams',
            serviceUrl: connector.serviceUrl,
            locale: 'en-US',
            // A chat per request, so every admitted turn answers exactly once (turns in one chat at the same time
            // would collide on its state, which is another matter).
            conversation: { id: `${flooder.id}-${i}`, conversationType: 'personal' },
            from: { id: 'flooder', name: 'Flo' },
            recipient: { id: 'bot', name: 'Helpdesk' },
            text: i % 2 === 0 ? 'who is my admin?' : 'talk to a person',
          }),
        ),
      );
      // Another user asks while the flood is in flight.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const started = Date.now();
      const answer = await conversation(bot, connector, { locale: 'en-US', userId: 'patient-colleague' }).say('who is my admin?');
      const waited = Date.now() - started;
      expect(cardText(answer)).toContain(en.whoIsMyAdmin.askText);
      expect(waited).toBeLessThan(5000);

      const responses = await flood;
      expect(responses.filter((response) => response.status >= 500)).toEqual([]);
      // The flooder got at most the limit's worth of turns (30 by default) and one "slow down".
      const toFlooder = connector.activities.filter((activity) => activity.conversation?.id.startsWith(flooder.id));
      expect(toFlooder.filter((activity) => activity.text === en.common.slowDown)).toHaveLength(1);
      expect(toFlooder.length).toBeLessThanOrEqual(30 + 1);
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    } finally {
      await bot.stop();
    }
  });
});

describe('oversized bodies', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await startHttpBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it.each([
    ['declared in Content-Length', true],
    ['sent chunked, without a length', false],
  ])('refuses a 50 MB body %s with 413 quickly, and closes the connection instead of reading the rest', async (_name, declared) => {
    const result = await sendHuge(`${bot.url}/api/messages`, 50 * 1024 * 1024, declared);
    expect(result.status).toBe(413);
    expect(result.msToResponse).toBeLessThan(5000);
    // The client could push no more than what fits in the socket buffers before the server stopped reading.
    expect(result.closedByServer).toBe(true);
    expect(result.msToClose).toBeLessThan(5000);
    expect(result.bytesWritten).toBeLessThan(16 * 1024 * 1024);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });
});

interface HugeResult {
  status: number;
  msToResponse: number;
  bytesWritten: number;
  closedByServer: boolean;
  msToClose: number;
}

/**
 * Streams `size` bytes of a JSON-looking body as fast as the server takes them, until it has answered and
 * stopped reading; reports what the client managed to write.
 */
function sendHuge(url: string, size: number, declared: boolean): Promise<HugeResult> {
  const target = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = request({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(declared ? { 'content-length': String(size) } : {}) },
    });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let written = 0;
    let status = 0;
    let msToResponse = -1;
    let closed = false;
    let msToClose = -1;
    const finish = () => {
      clearTimeout(timer);
      resolve({ status, msToResponse, bytesWritten: written, closedByServer: closed, msToClose });
    };
    const timer = setTimeout(() => {
      req.destroy();
      if (status === 0) reject(new Error(`no answer after ${Date.now() - started} ms and ${written} bytes`));
      else finish();
    }, 10_000);
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      msToResponse = Date.now() - started;
      res.resume();
    });
    // The server ending the connection shows as a reset or an early close, depending on when it lands.
    const ended = () => {
      if (closed) return;
      closed = true;
      msToClose = Date.now() - started;
      finish();
    };
    req.on('error', ended);
    req.on('close', ended);
    const pump = () => {
      while (written < size && !closed) {
        written += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!closed) req.end();
    };
    pump();
  });
}
