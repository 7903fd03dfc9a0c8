import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { access, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { connect } from 'node:net';
import { LocalConnector, type ConnectorActivity } from '../../../devtools/localConnector.js';
import { format, stringsFor } from '../../../locales/strings.js';
import { contoso, organization } from '../../helpers/fixtures.js';
import { cardText, conversation } from '../../helpers/httpConversation.js';
import { startHttpBot, type HttpBot } from '../../helpers/httpBot.js';

const en = stringsFor('en');
const nl = stringsFor('nl');

let connector: LocalConnector;
beforeAll(async () => {
  connector = await LocalConnector.start();
});
afterAll(async () => {
  await connector.close();
});

describe('the bot server over HTTP, in local mode', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await startHttpBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('answers GET /healthz with 200 JSON', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', mode: 'local' });
  });

  it.each([
    ['en-US', en, 'Who is my admin?', 'enterprise'],
    ['nl-NL', nl, 'Wie is mijn beheerder?', 'school'],
    ['en-US', en, 'who do I ask to reset my password', 'smallBusiness'],
    ['nl-NL', nl, 'bij wie moet ik zijn als ik mijn wachtwoord kwijt ben', 'unknown'],
  ] as const)('holds a whole "who is my admin?" conversation (%s: %s -> %s)', async (locale, t, question, orgType) => {
    // A user of their own: the bot remembers each user's organization type.
    const chat = conversation(bot, connector, { locale, userId: `user-${locale}-${orgType}` });
    const asked = await chat.say(question);
    expect(cardText(asked)).toContain(t.whoIsMyAdmin.askText);
    const answer = await chat.press(asked, t.orgTypes[orgType]);
    expect(cardText(answer)).toContain(t.whoIsMyAdmin.guidance[orgType]);
    expect(cardText(answer)).toContain(t.whoIsMyAdmin.defaultRule);
  });

  it('finds the organization from the email of the Teams member look-up', async () => {
    await bot.app.directory.save(organization({ ...contoso, id: 'org-by-domain', tenantId: undefined, displayName: 'Contoso NL', domains: ['contoso.nl'] }));
    connector.members.set('user-nl', { id: 'user-nl', name: 'Anna', email: 'Anna@Contoso.nl' });
    const answer = await conversation(bot, connector, { locale: 'nl-NL', userId: 'user-nl' }).say('wie is mijn beheerder?');
    expect(cardText(answer)).toContain(format(nl.whoIsMyAdmin.contactTitle, { org: 'Contoso NL' }));
  });

  it('still answers when the member look-up fails', async () => {
    const answer = await conversation(bot, connector, { locale: 'en-US', userId: 'nobody-knows-me' }).say('who is my admin?');
    expect(cardText(answer)).toContain(en.whoIsMyAdmin.askText);
  });

  it('shows the "not sure" card for nonsense', async () => {
    const answer = await conversation(bot, connector, { locale: 'en-US' }).say('purple monkey dishwasher');
    expect(cardText(answer)).toContain(en.notSure.title);
  });

  it.each([
    ['malformed JSON', '{"type": "message", ', 'invalid_json'],
    ['a body that is not JSON', 'hello bot', 'invalid_json'],
    ['a JSON array', '[1, 2, 3]', 'invalid_activity'],
    ['an activity without type', JSON.stringify({ text: 'hi', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' }, from: { id: 'u' } }), 'invalid_activity'],
    ['an activity with a numeric type', JSON.stringify({ type: 42, serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' }, from: { id: 'u' } }), 'invalid_activity'],
    ['an activity without conversation', JSON.stringify({ type: 'message', serviceUrl: 'http://127.0.0.1:1', from: { id: 'u' } }), 'invalid_activity'],
    ['an activity with text that is not a string', JSON.stringify({ type: 'message', text: { a: 1 }, serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' }, from: { id: 'u' } }), 'invalid_activity'],
    ['an empty body', '', 'empty_body'],
  ])('refuses %s with 400 and a short JSON error', async (_name, body, error) => {
    const response = await bot.post(body);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error });
    expect(response.text).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await bot.post({ type: 'message', text: 'x'.repeat(300 * 1024), serviceUrl: connector.serviceUrl, conversation: { id: 'c' }, from: { id: 'u' } });
    expect(response.status).toBe(413);
    expect(response.json).toMatchObject({ error: 'payload_too_large' });
  });

  it('answers a 10,000-character message', async () => {
    const answer = await conversation(bot, connector, { locale: 'en-US' }).say(`am i an admin? ${'x'.repeat(10_000)}`);
    expect(cardText(answer)).toContain(en.amIAdmin.title);
  });

  it('keeps a waiting conversation across a restart', async () => {
    const first = await startHttpBot();
    const chat = conversation(first, connector, { locale: 'en-US', userId: 'user-restart' });
    await chat.say('who is my admin?');
    await first.app.close();
    const second = await startHttpBot({}, first.dbFile);
    try {
      const answer = await sendInConversation(second, chat.id, 'Large business');
      expect(cardText(answer)).toContain(en.whoIsMyAdmin.guidance.enterprise);
    } finally {
      await second.stop();
    }
  });
});

describe('stopping the bot server', () => {
  it('writes the store and stops although a client never finishes sending its request', async () => {
    const bot = await startHttpBot();
    const port = Number(new URL(bot.url).port);
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.on('error', () => undefined);
    // Headers and half a body, and then nothing: the request stays in flight.
    socket.write('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":"mess');
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const stopped = bot.app.close(300).then(() => 'stopped');
    const outcome = await Promise.race([stopped, new Promise((resolve) => setTimeout(() => resolve('still running'), 3000))]);
    socket.destroy();
    await stopped;
    expect(outcome).toBe('stopped');
    expect(Date.now() - started).toBeLessThan(3000);
    await socketClosed;
    // The lock is released: the store can be opened by the next process.
    await expect(access(`${bot.dbFile}.lock`)).rejects.toThrow();
    await rm(dirname(bot.dbFile), { recursive: true, force: true });
  });
});

/** Sends text in an existing conversation id (the same user), for the restart test. */
async function sendInConversation(bot: HttpBot, conversationId: string, text: string): Promise<ConnectorActivity[]> {
  const since = connector.activities.length;
  const response = await bot.post({
    type: 'message',
    text,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    locale: 'en-US',
    conversation: { id: conversationId },
    from: { id: 'user-restart', name: 'Sam' },
    recipient: { id: 'bot' },
  });
  expect(response.status).toBe(200);
  return connector.activities.slice(since).filter((activity) => activity.conversation?.id === conversationId);
}

describe('the bot server over HTTP, with an app id', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await startHttpBot({ MicrosoftAppId: 'test-app-id', MicrosoftAppPassword: 'test-secret' });
  });
  afterAll(async () => {
    await bot.stop();
  });

  const activity = () => ({ type: 'message', text: 'who is my admin', serviceUrl: connector.serviceUrl, conversation: { id: `c-${randomUUID()}` }, from: { id: 'u' }, channelId: 'msteams' });
  const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = () => Math.floor(Date.now() / 1000);
  const wellFormedJwt = `${base64url({ alg: 'RS256', typ: 'JWT', kid: 'some-key' })}.${base64url({ iss: 'https://api.botframework.com', aud: 'test-app-id', nbf: now() - 10, exp: now() + 3600 })}.${Buffer.from('not-a-signature').toString('base64url')}`;

  it.each([
    ['no Authorization header', {}],
    ['a token that is not a JWT', { authorization: 'Bearer not-a-token' }],
    ['a non-Bearer scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a well-formed JWT whose keys cannot be fetched', { authorization: `Bearer ${wellFormedJwt}` }],
  ])('refuses %s with 401 and runs no turn', async (_name, headers) => {
    const since = connector.activities.length;
    const response = await bot.post(activity(), headers);
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ error: 'unauthorized' });
    expect(connector.activities.length).toBe(since);
  });

  it('still refuses malformed bodies with 400 before authentication', async () => {
    expect((await bot.post('{oops')).status).toBe(400);
  });

  it('reports authenticated mode on /healthz', async () => {
    expect(await (await fetch(`${bot.url}/healthz`)).json()).toMatchObject({ mode: 'authenticated' });
  });
});
