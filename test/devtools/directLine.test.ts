/**
 * The local Direct Line endpoint over HTTP against the real server in local mode, used the way Web Chat uses
 * it: start a conversation, say something, poll from a watermark until the bot's card is there, press one of
 * its buttons. Then what a client must not be able to do (read another conversation, send nonsense), the
 * connector side the bot replies to, and the limits that keep the store small.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { viewCard, type CardView } from '../../devtools/cardText.js';
import { BOT_ACCOUNT, CHANNEL_ID, CONNECTOR_PATH } from '../../devtools/directLine.js';
import { DirectLineConversations, type DirectLineActivity } from '../../devtools/directLineConversations.js';
import { stringsFor, type Strings } from '../../locales/strings.js';
import { ORG_TYPES } from '../../services/models/organization.js';
import { startHttpBot, type HttpBot } from '../helpers/httpBot.js';

const en = stringsFor('en');
const nl = stringsFor('nl');

let bot: HttpBot;
beforeAll(async () => {
  bot = await startHttpBot();
});
afterAll(async () => {
  await bot.stop();
});

interface HttpResult {
  status: number;
  json: Record<string, unknown> & { error?: { code: string; message: string } };
}

async function call(method: string, path: string, { token, body }: { token?: string; body?: unknown } = {}): Promise<HttpResult> {
  const response = await fetch(`${bot.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as HttpResult['json']) : {} };
}

interface ActivityGroup {
  activities: DirectLineActivity[];
  watermark: string;
}

/** A Direct Line client as Web Chat is one: a conversation, its token, and the watermark it has read up to. */
class Client {
  watermark = '';
  /** Everything read so far, in order. */
  readonly seen: DirectLineActivity[] = [];

  private constructor(
    readonly conversationId: string,
    readonly token: string,
    readonly locale: string,
  ) {}

  static async start(locale = 'en-US'): Promise<Client> {
    const started = await call('POST', '/v3/directline/conversations', { body: { locale } });
    expect(started.status).toBe(201);
    return new Client(started.json.conversationId as string, started.json.token as string, locale);
  }

  get path(): string {
    return `/v3/directline/conversations/${this.conversationId}`;
  }

  /** Posts an activity as Web Chat does (its own user id and a client activity id); resolves with the id the server gave it. */
  async send(activity: Record<string, unknown>): Promise<string> {
    const posted = await call('POST', `${this.path}/activities`, {
      token: this.token,
      body: { type: 'message', locale: this.locale, from: { id: 'r_webchat', role: 'user' }, channelData: { clientActivityID: `client-${Math.random()}` }, ...activity },
    });
    expect(posted.status).toBe(200);
    return posted.json.id as string;
  }

  say(text: string): Promise<string> {
    return this.send({ text });
  }

  /** Presses a card button: a message whose `value` is the button's data, as Web Chat sends an Action.Submit. */
  press(card: CardView, title: string): Promise<string> {
    const button = card.buttons.find((candidate) => candidate.title === title);
    if (!button) throw new Error(`no button "${title}" in ${JSON.stringify(card.buttons.map((b) => b.title))}`);
    return this.send({ value: button.data });
  }

  async poll(watermark = this.watermark): Promise<ActivityGroup> {
    const polled = await call('GET', `${this.path}/activities?watermark=${watermark}`, { token: this.token });
    expect(polled.status).toBe(200);
    return polled.json as unknown as ActivityGroup;
  }

  /** Polls from its watermark until an activity matches, as Web Chat keeps polling; fails after `timeoutMs`. */
  async waitFor(matches: (activity: DirectLineActivity) => boolean, what: string, timeoutMs = 10_000): Promise<DirectLineActivity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.seen.find(matches);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Client.waitFor(): no ${what} after ${timeoutMs} ms; seen: ${JSON.stringify(this.seen.map(summary))}`);
      const { activities, watermark } = await this.poll();
      this.seen.push(...activities);
      this.watermark = watermark;
      if (activities.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The first card the bot sent in reply to `activityId`. */
  async cardReplyTo(activityId: string): Promise<CardView> {
    const reply = await this.waitFor((a) => a.replyToId === activityId && cardOf(a) !== undefined, `card in reply to ${activityId}`);
    return cardOf(reply)!;
  }
}

function cardOf(activity: DirectLineActivity): CardView | undefined {
  const content = (activity.attachments as { content?: unknown }[] | undefined)?.[0]?.content;
  return content ? viewCard(content) : undefined;
}

/** One line per activity, for a failure message. */
function summary(activity: DirectLineActivity): string {
  return `${(activity.from as { role?: string } | undefined)?.role}:${activity.type}:${String(activity.text ?? cardOf(activity)?.lines[0] ?? '')}`;
}

/** Markdown as the guidance strings carry it, as text a person reads. */
const plain = (text: string) => text.replace(/\*\*/g, '');

describe('local Direct Line', () => {
  describe('a conversation, as Web Chat has it', () => {
    it('starts with a token, no stream URL, and the bot greeting the user', async () => {
      const started = await call('POST', '/v3/directline/conversations', { body: { locale: 'en-US' } });
      expect(started.status).toBe(201);
      expect(started.json).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 3600 });
      const client = await Client.start();
      const welcome = await client.waitFor((a) => cardOf(a)?.lines[0] === en.welcome.title, 'welcome card');
      expect(welcome.from).toMatchObject({ id: BOT_ACCOUNT.id, role: 'bot' });
    });

    it('gives Web Chat the same conversation when it starts with the token it was handed', async () => {
      const client = await Client.start();
      const again = await call('POST', '/v3/directline/conversations', { token: client.token, body: { user: {} } });
      expect(again).toEqual({ status: 200, json: { conversationId: client.conversationId, token: client.token, expires_in: expect.any(Number) } });
      expect((await call('GET', client.path, { token: client.token })).json).toMatchObject({ conversationId: client.conversationId });
    });

    it.each([
      ['en-US', en, 'who is my admin?'],
      ['nl-NL', nl, 'wie is mijn beheerder?'],
    ] as [string, Strings, string][])('in %s: asks the organization type on a card, and a button press gets the guidance', async (locale, t, question) => {
      const client = await Client.start(locale);
      const asked = await client.cardReplyTo(await client.say(question));
      expect(asked.lines).toEqual([t.whoIsMyAdmin.askTitle, t.whoIsMyAdmin.askText]);
      expect(asked.buttons.map((b) => b.title)).toEqual(ORG_TYPES.map((type) => t.orgTypes[type]));

      const answer = await client.cardReplyTo(await client.press(asked, t.orgTypes.enterprise));
      expect(answer.lines).toContain(t.whoIsMyAdmin.guidance.enterprise);
      expect(plain(answer.lines.join('\n'))).toContain(plain(t.whoIsMyAdmin.fallback));
    });

    it("echoes the user's activity as the conversation's user, keeping Web Chat's client activity id", async () => {
      const client = await Client.start();
      const id = await client.send({ text: 'who is my admin?', channelData: { clientActivityID: 'abc-1' }, from: { id: 'someone-else', name: 'Sam' } });
      const echo = await client.waitFor((a) => a.id === id, 'echo');
      expect(echo).toMatchObject({
        type: 'message',
        text: 'who is my admin?',
        channelId: CHANNEL_ID,
        conversation: { id: client.conversationId },
        from: { id: expect.stringMatching(/^dl_/), name: 'Sam', role: 'user' },
        channelData: { clientActivityID: 'abc-1' },
        timestamp: expect.any(String),
      });
      expect(echo).not.toHaveProperty('serviceUrl');
    });

    it('answers in the language of the locale each message carries, so a switch in Web Chat switches the bot', async () => {
      const client = await Client.start('en-US');
      const english = await client.cardReplyTo(await client.say('who is my admin?'));
      expect(english.lines[0]).toBe(en.whoIsMyAdmin.askTitle);
      const dutch = await client.cardReplyTo(await client.send({ text: 'wie is mijn beheerder?', locale: 'nl-NL' }));
      expect(dutch.lines[0]).toBe(nl.whoIsMyAdmin.askTitle);
    });
  });

  describe('watermarks', () => {
    it('returns what came after the watermark, user and bot in order, and the new watermark', async () => {
      const client = await Client.start();
      await client.waitFor((a) => cardOf(a)?.lines[0] === en.welcome.title, 'welcome card');
      const before = client.watermark;
      expect(await client.poll(before)).toEqual({ activities: [], watermark: before });

      const id = await client.say('who is my admin?');
      const after = await client.poll(before);
      expect(after.activities.map((a) => (a.from as { role: string }).role)).toEqual(['user', 'bot']);
      expect(after.activities[0]).toMatchObject({ id, text: 'who is my admin?' });
      expect(after.activities[1]).toMatchObject({ replyToId: id });
      expect(Number(after.watermark)).toBe(Number(before) + 2);
      expect(await client.poll(after.watermark)).toEqual({ activities: [], watermark: after.watermark });

      const everything = await client.poll('');
      expect(everything.activities.map((a) => a.id)).toEqual([...client.seen.map((a) => a.id), ...after.activities.map((a) => a.id)]);
      expect((await client.poll('0')).activities).toEqual(everything.activities);
    });

    it('refuses a watermark that is not a number', async () => {
      const client = await Client.start();
      const polled = await call('GET', `${client.path}/activities?watermark=abc`, { token: client.token });
      expect(polled).toMatchObject({ status: 400, json: { error: { code: 'BadArgument' } } });
    });
  });

  describe('tokens', () => {
    it('lets one conversation neither read nor write another', async () => {
      const mine = await Client.start();
      const theirs = await Client.start();
      await theirs.say('who is my admin?');
      for (const [method, body] of [
        ['GET', undefined],
        ['POST', { type: 'message', text: 'hi' }],
      ] as const) {
        const tried = await call(method, `${theirs.path}/activities`, { token: mine.token, body });
        expect(tried).toMatchObject({ status: 403, json: { error: { code: 'TokenInvalid' } } });
      }
      expect((await call('GET', theirs.path, { token: mine.token })).status).toBe(403);
    });

    it('refuses a missing token with 401 and a made-up one with 403', async () => {
      const client = await Client.start();
      expect((await call('GET', `${client.path}/activities`)).status).toBe(401);
      expect((await call('GET', `${client.path}/activities`, { token: `${client.conversationId}.guessed` })).status).toBe(403);
      expect((await call('GET', `${client.path}/activities`, { token: 'nonsense' })).status).toBe(403);
      expect((await call('POST', '/v3/directline/conversations', { token: 'nonsense' })).status).toBe(403);
    });

    it('refreshes a token for its own conversation', async () => {
      const client = await Client.start();
      const refreshed = await call('POST', '/v3/directline/tokens/refresh', { token: client.token });
      expect(refreshed).toEqual({ status: 200, json: { conversationId: client.conversationId, token: client.token, expires_in: 3600 } });
      expect((await call('POST', '/v3/directline/tokens/refresh')).status).toBe(401);
    });
  });

  describe('bad requests', () => {
    it.each([
      ['invalid JSON', '{"type": "message", "text": '],
      ['an empty body', ''],
      ['a JSON list', '[]'],
      ['an activity without a type', { text: 'hi' }],
      ['a type a user cannot send', { type: 'invoke', name: 'adaptiveCard/action' }],
      ['text that is not text', { type: 'message', text: 42 }],
      ['a locale that is not a language tag', { type: 'message', text: 'hi', locale: 'english please' }],
      ['attachments without a content type', { type: 'message', attachments: [{ content: {} }] }],
    ])('answers 400 for %s', async (_case, body) => {
      const client = await Client.start();
      const sent = await call('POST', `${client.path}/activities`, { token: client.token, body });
      expect(sent).toMatchObject({ status: 400, json: { error: { code: 'BadArgument', message: expect.any(String) } } });
    });

    it('answers 413 for a body over the limit, before the bot sees it', async () => {
      const client = await Client.start();
      const sent = await call('POST', `${client.path}/activities`, { token: client.token, body: { type: 'message', text: 'x'.repeat(40_000) } });
      expect(sent.status).toBe(413);
      expect((await client.poll()).activities.filter((a) => (a.from as { role: string }).role === 'user')).toEqual([]);
    });

    it('answers 404 for a conversation that does not exist', async () => {
      const client = await Client.start();
      expect(await call('GET', '/v3/directline/conversations/unknown/activities', { token: client.token })).toMatchObject({
        status: 404,
        json: { error: { code: 'ConversationNotFound' } },
      });
      expect((await call('POST', '/v3/directline/conversations/unknown/activities', { token: client.token, body: { type: 'message', text: 'hi' } })).status).toBe(404);
    });

    it('refuses to start a conversation in a locale that is not a language tag', async () => {
      expect((await call('POST', '/v3/directline/conversations', { body: { locale: '<script>' } })).status).toBe(400);
      expect((await call('POST', '/v3/directline/conversations', { body: 'nonsense' })).status).toBe(400);
    });
  });

  describe('the connector side the bot replies to', () => {
    const connector = (conversationId: string) => `${CONNECTOR_PATH}/v3/conversations/${conversationId}`;

    it('shows an updated card as a new version under the same id, where the old one was', async () => {
      const client = await Client.start();
      const userId = await client.say('hello');
      await client.waitFor((a) => a.replyToId === userId, 'reply');
      const sent = await call('POST', `${connector(client.conversationId)}/activities/${encodeURIComponent(userId)}`, {
        body: { type: 'message', text: 'Checking...', from: { id: BOT_ACCOUNT.id }, serviceUrl: 'http://internal' },
      });
      expect(sent.status).toBe(200);
      const id = sent.json.id as string;
      const first = await client.waitFor((a) => a.id === id, 'bot message');
      expect(first).toMatchObject({ text: 'Checking...', replyToId: userId, from: { id: BOT_ACCOUNT.id, role: 'bot' } });
      expect(first).not.toHaveProperty('serviceUrl');

      const watermark = client.watermark;
      const updated = await call('PUT', `${connector(client.conversationId)}/activities/${encodeURIComponent(id)}`, { body: { type: 'message', text: 'Done.' } });
      expect(updated).toEqual({ status: 200, json: { id } });
      const { activities } = await client.poll(watermark);
      expect(activities).toEqual([expect.objectContaining({ id, text: 'Done.', timestamp: first.timestamp })]);
      const transcript = (await client.poll('')).activities.filter((a) => a.id === id);
      expect(transcript.map((a) => a.text)).toEqual(['Done.']);
    });

    it('answers 404 for unknown conversations, unknown activities and the Teams member look-up', async () => {
      const client = await Client.start();
      expect((await call('POST', `${connector('unknown')}/activities`, { body: { type: 'message', text: 'hi' } })).status).toBe(404);
      expect((await call('PUT', `${connector(client.conversationId)}/activities/nope`, { body: { type: 'message', text: 'hi' } })).status).toBe(404);
      expect(await call('GET', `${connector(client.conversationId)}/members/${'dl_user'}`)).toMatchObject({ status: 404, json: { error: { code: 'MemberNotFound' } } });
      expect((await call('POST', `${connector(client.conversationId)}/activities`, { body: '{"no":' })).status).toBe(400);
    });
  });
});

describe('with authentication (MicrosoftAppId set)', () => {
  it('has no Direct Line and no Web Chat page: they would let anyone talk to the bot unauthenticated', async () => {
    const authenticated = await startHttpBot({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-used' });
    try {
      expect((await fetch(`${authenticated.url}/v3/directline/conversations`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${authenticated.url}/chat`)).status).toBe(404);
      expect((await fetch(`${authenticated.url}${CONNECTOR_PATH}/v3/conversations/x/activities`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await authenticated.stop();
    }
  });
});

describe('DirectLineConversations', () => {
  const activity = (text: string) => ({ type: 'message', text });

  it('drops the least recently used conversation when there are too many', () => {
    const store = new DirectLineConversations({ maxConversations: 2 });
    const first = store.start();
    const second = store.start();
    store.get(first.id);
    const third = store.start();
    expect([first, second, third].map((c) => store.get(c.id) !== undefined)).toEqual([true, false, true]);
    expect(store.size).toBe(2);
  });

  it('drops conversations nobody used for too long', () => {
    let now = 0;
    const store = new DirectLineConversations({ idleMs: 1000 }, () => now);
    const idle = store.start();
    now = 600;
    const used = store.start();
    now = 1200;
    expect(store.get(idle.id)).toBeUndefined();
    expect(store.get(used.id)).toBe(used);
  });

  it("keeps a conversation's newest activities within the count and byte limits", () => {
    const byCount = new DirectLineConversations({ maxActivities: 3 }).start();
    for (const text of ['1', '2', '3', '4', '5']) byCount.append(activity(text));
    expect(byCount.since(0).map((a) => a.text)).toEqual(['3', '4', '5']);
    expect(byCount.watermark).toBe(5);

    const byBytes = new DirectLineConversations({ maxBytes: 1000 }).start();
    for (let i = 0; i < 10; i += 1) byBytes.append(activity(`${i}`.repeat(300)));
    const kept = byBytes.since(0);
    expect(kept.length).toBeLessThan(4);
    expect(kept.at(-1)?.text).toBe('9'.repeat(300));
  });

  it('expires a token unless it is refreshed', () => {
    let now = 0;
    const store = new DirectLineConversations({ tokenSeconds: 10, idleMs: 60_000 }, () => now);
    const conversation = store.start();
    now = 9_000;
    conversation.refreshToken();
    now = 15_000;
    expect(store.authorize(conversation.id, `Bearer ${conversation.token}`)).toBe(conversation);
    now = 20_000;
    expect(store.authorize(conversation.id, `Bearer ${conversation.token}`)).toMatchObject({ status: 403, code: 'TokenExpired' });
  });

  it('hands activities to the bot one at a time, in order, and refuses more than the limit waiting', async () => {
    const conversation = new DirectLineConversations({ maxPending: 2 }).start();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = conversation.enqueue(async () => {
      await gate;
      order.push('first');
    });
    const second = conversation.enqueue(async () => {
      order.push('second');
    });
    expect(conversation.enqueue(async () => undefined)).toBeUndefined();
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
    expect(conversation.enqueue(async () => 'again')).toBeDefined();
  });
});
