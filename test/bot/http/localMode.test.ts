/**
 * Local mode (no app id, so no authentication) stays on this machine, over HTTP against the real server: it listens
 * on 127.0.0.1 unless HOST says otherwise (and then warns), it takes activities only as JSON (a web page can make a
 * browser POST text/plain across origins without asking first), it calls back only service URLs on this machine,
 * and it answers only requests addressed to localhost (a page that points its own name at 127.0.0.1 gets nothing).
 * @remarks "Another machine" is this machine's own non-loopback address (the first network interface that is not
 * internal), which a server bound to 127.0.0.1 does not answer on; without one, 0.0.0.0 stands in for it, which
 * on Linux reaches this machine but is not loopback either.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { Writable } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../../bot/app/createApp.js';
import { loadConfig } from '../../../bot/app/config.js';
import { createLogger } from '../../../bot/app/logger.js';
import { LocalConnector } from '../../../devtools/localConnector.js';
import { stringsFor } from '../../../locales/strings.js';
import { cardText } from '../../helpers/httpConversation.js';
import { startHttpBot, storeEnvFor, type HttpBot } from '../../helpers/httpBot.js';

const en = stringsFor('en');

/** This machine's address as another machine on its network would use it. */
const OTHER_MACHINE_ADDRESS =
  Object.values(networkInterfaces())
    .flat()
    .find((net) => net && !net.internal && net.family === 'IPv4')?.address ?? '0.0.0.0';

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A server that records every request it gets: a stand-in for an address someone wants the bot to call. */
async function recordingServer(host: string): Promise<{ url: (host: string) => string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"1"}');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (at) => `http://${at}:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A bot started with `env` whose log lines are kept. */
async function botWithLog(env: Record<string, string>): Promise<{ app: RunningApp; log: () => string[]; stop(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'helpdesk-local-'));
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const config = loadConfig({ PORT: '0', MICROSOFT_LOOKUPS: 'off', ...(await storeEnvFor(join(folder, 'helpdesk.json'))), ...env });
  const app = await startApp(config, createLogger('info', destination));
  return {
    app,
    log: () => lines,
    stop: async () => {
      await app.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** A message activity that would get an answer, sent to `serviceUrl`. */
function message(serviceUrl: string, text = 'who is my admin?') {
  return { type: 'message', id: randomUUID(), channelId: 'emulator', serviceUrl, locale: 'en-US', text, conversation: { id: `conv-${randomUUID()}` }, from: { id: 'user-1' }, recipient: { id: 'bot' } };
}

/** A GET with this Host header, as a browser sends it for the name in its address bar. */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('local mode, by default', () => {
  let bot: HttpBot;
  let connector: LocalConnector;
  beforeAll(async () => {
    bot = await startHttpBot();
    connector = await LocalConnector.start();
  });
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  it('listens on 127.0.0.1 only: the bot endpoint, Web Chat and its Direct Line are out of reach of other machines', async () => {
    expect(bot.app.address).toBe('127.0.0.1');
    const port = bot.app.port;
    expect(await accepts('127.0.0.1', port)).toBe(true);
    expect(await accepts(OTHER_MACHINE_ADDRESS, port)).toBe(false);
  });

  it.each([
    ['text/plain (a cross-origin POST a browser sends without asking)', 'text/plain;charset=UTF-8'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['no content type', undefined],
  ])('refuses an activity sent as %s with 415, and runs no turn', async (_name, contentType) => {
    const since = connector.activities.length;
    const activity = message(connector.serviceUrl);
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
      body: contentType ? JSON.stringify(activity) : new Uint8Array(Buffer.from(JSON.stringify(activity))),
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: 'unsupported_media_type' });
    // The same activity as JSON is answered: the refusal is the content type's.
    expect(connector.activities.slice(since)).toEqual([]);
    const answered = await bot.post(activity);
    expect(answered.status).toBe(200);
    expect(cardText(connector.activities.slice(since))).toContain(en.whoIsMyAdmin.askText);
  });

  it.each([
    ['text/plain', { 'content-type': 'text/plain;charset=UTF-8' }, '{"locale":"en-US"}'],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 'locale=en-US'],
    ['no body and no content type', {}, undefined],
  ] as const)('refuses to start a Web Chat (Direct Line) conversation for a request a page could send across origins: %s', async (_name, headers, body) => {
    const response = await fetch(`${bot.url}/v3/directline/conversations`, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
    expect(response.status).toBe(415);
    // Nor can such a body be posted as the bot into a Web Chat conversation.
    if (body !== undefined) {
      const asBot = await fetch(`${bot.url}/directline/connector/v3/conversations/any/activities`, { method: 'POST', headers, body });
      expect(asBot.status).toBe(415);
    }
    // Web Chat's own request, as JSON, starts one.
    const started = await fetch(`${bot.url}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"locale":"en-US"}' });
    expect(started.status).toBe(201);
  });

  it('takes JSON with a charset, and a JSON-based type', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'Application/JSON', 'application/activity+json']) {
      expect((await bot.post(message(connector.serviceUrl, 'hi'), { 'content-type': contentType })).status).toBe(200);
    }
  });

  it('refuses an activity whose serviceUrl is not on this machine with 403, and never calls it', async () => {
    const elsewhere = await recordingServer(OTHER_MACHINE_ADDRESS === '0.0.0.0' ? '0.0.0.0' : OTHER_MACHINE_ADDRESS);
    const nearby = await recordingServer('127.0.0.1');
    try {
      for (const serviceUrl of [elsewhere.url(OTHER_MACHINE_ADDRESS), `${elsewhere.url(OTHER_MACHINE_ADDRESS)}/`]) {
        const refused = await bot.post(message(serviceUrl));
        expect(refused.status).toBe(403);
        expect(refused.json).toMatchObject({ error: 'service_url_not_allowed' });
      }
      // A conversationUpdate is answered with a welcome too: it must not reach the address either.
      const update = { ...message(elsewhere.url(OTHER_MACHINE_ADDRESS)), type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] };
      expect((await bot.post(update)).status).toBe(403);
      expect(elsewhere.requests).toEqual([]);
      // The same activity to the same kind of server on loopback is answered there.
      expect((await bot.post(message(nearby.url('127.0.0.1')))).status).toBe(200);
      expect(nearby.requests.some((line) => line.startsWith('POST /v3/conversations/'))).toBe(true);
    } finally {
      await elsewhere.close();
      await nearby.close();
    }
  });

  it('tells this machine by its address, however it is spelled, and never by a name that only starts like it', async () => {
    const nearby = await recordingServer('127.0.0.1');
    const { port } = new URL(nearby.url('127.0.0.1'));
    try {
      for (const host of ['localhost', '127.0.0.1', '2130706433', '0x7f000001', '127.0.0.1.nip.io', 'localhost.evil.example', '[::ffff:a00:1]', '0.0.0.0']) {
        const before = nearby.requests.length;
        const answer = await bot.post(message(`http://${host}:${port}`));
        const loopback = ['localhost', '127.0.0.1', '2130706433', '0x7f000001'].includes(host);
        expect([host, answer.status]).toEqual([host, loopback ? 200 : 403]);
        if (loopback) expect(nearby.requests.length).toBeGreaterThan(before);
      }
    } finally {
      await nearby.close();
    }
  });

  it('answers only requests addressed to localhost: a page that points its own name at 127.0.0.1 gets 403', async () => {
    const port = bot.app.port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) expect(await getWithHost(`${bot.url}/healthz`, host)).toBe(200);
    for (const path of ['/healthz', '/chat', '/v3/directline/conversations']) {
      expect(await getWithHost(`${bot.url}${path}`, `rebind.evil.example:${port}`)).toBe(403);
    }
  });
});

describe('local mode with HOST', () => {
  it('listens where HOST says and warns that local mode has no authentication', async () => {
    const bot = await botWithLog({ HOST: '0.0.0.0' });
    try {
      expect(bot.app.address).toBe('0.0.0.0');
      expect(await accepts(OTHER_MACHINE_ADDRESS, bot.app.port)).toBe(true);
      const warning = bot.log().map((line) => JSON.parse(line) as { level: number; msg: string; host?: string }).find((entry) => entry.level === 40 && entry.host === '0.0.0.0');
      expect(warning?.msg).toMatch(/no authentication/);
      // Requests by the machine's name are answered then: HOST says other machines may come.
      expect(await getWithHost(`http://127.0.0.1:${bot.app.port}/healthz`, `workstation.example:${bot.app.port}`)).toBe(200);
    } finally {
      await bot.stop();
    }
  });

  it('gives no warning for a loopback HOST', async () => {
    const bot = await botWithLog({ HOST: '127.0.0.1' });
    try {
      expect(bot.app.address).toBe('127.0.0.1');
      expect(bot.log().filter((line) => line.includes('(HOST)'))).toEqual([]);
    } finally {
      await bot.stop();
    }
  });

  it('still calls back only this machine, and the local Web Chat still talks to it through its own address', async () => {
    if (OTHER_MACHINE_ADDRESS === '0.0.0.0') throw new Error('this test needs a network interface that is not loopback');
    const bot = await botWithLog({ HOST: OTHER_MACHINE_ADDRESS });
    const elsewhere = await recordingServer('0.0.0.0');
    try {
      const base = `http://${OTHER_MACHINE_ADDRESS}:${bot.app.port}`;
      // Another service on the same address is not the bot's own Direct Line.
      const refused = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message(elsewhere.url(OTHER_MACHINE_ADDRESS))) });
      expect(refused.status).toBe(403);
      expect(elsewhere.requests).toEqual([]);
      // Web Chat's Direct Line relays to the bot with the bot's own address as the service URL.
      const started = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"locale":"en-US"}' });
      expect(started.status).toBe(201);
      const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
      const path = `${base}/v3/directline/conversations/${conversationId}/activities`;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const said = await fetch(path, { method: 'POST', headers, body: JSON.stringify({ type: 'message', text: 'who is my admin?', from: { id: 'me' } }) });
      expect(said.status).toBe(200);
      const polled = (await (await fetch(path, { headers })).json()) as { activities: { from: { role?: string }; attachments?: unknown[] }[] };
      expect(polled.activities.some((activity) => activity.from.role === 'bot' && (activity.attachments ?? []).length > 0)).toBe(true);
    } finally {
      await elsewhere.close();
      await bot.stop();
    }
  });
});

describe('with an app id', () => {
  it('listens on every interface unless HOST says otherwise', async () => {
    const config = loadConfig({ PORT: '0', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' });
    expect(config.host).toBeUndefined();
    expect(loadConfig({ PORT: '0', MicrosoftAppId: 'app-id', HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
    expect(loadConfig({ PORT: '0' }).host).toBe('127.0.0.1');
    expect(() => loadConfig({ HOST: 'http://example.com/' })).toThrow(/HOST/);
  });
});
