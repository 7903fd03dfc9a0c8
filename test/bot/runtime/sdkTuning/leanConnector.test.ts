/**
 * The lean connector (bot/runtime/sdkTuning/leanConnector.ts) against a channel on loopback: the requests it
 * sends, what it retries and for how long, and that a channel's client is made once. What it relies on in the
 * SDK is pinned in leanConnector.contract.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChannelRequestError, LeanConnectorAuthentication } from '../../../../bot/runtime/sdkTuning/leanConnector.js';

interface Seen {
  method: string;
  url: string;
  body: string;
  at: number;
}

/** How the channel answers the next requests, in order; then 200 with a resource id. */
let script: { status: number; headers?: Record<string, string> }[] = [];
let seen: Seen[] = [];
let server: Server;
let serviceUrl: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, at: Date.now() });
      const next = script.shift() ?? { status: 200 };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(next.status === 200 ? JSON.stringify({ id: `reply-${seen.length}` }) : '{"error":{"code":"Throttled"}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  script = [];
  seen = [];
});

/** The connector client a turn in local mode gets. */
async function client() {
  const auth = new LeanConnectorAuthentication(new ConfigurationBotFrameworkAuthentication({}));
  const factory = auth.createConnectorFactory(new ClaimsIdentity([], true));
  return { auth, factory, client: await factory.create(serviceUrl, 'https://api.botframework.com') };
}

describe('LeanConnectorAuthentication', () => {
  it('posts a reply to the conversation as the SDK does, and returns the channel answer', async () => {
    const { client: connector } = await client();

    const answer = await connector.conversations.replyToActivity('a:1/conv', 'act 1', { type: 'message', text: 'hello' });

    expect(answer).toEqual({ id: 'reply-1' });
    expect(seen).toEqual([{ method: 'POST', url: '/v3/conversations/a%3A1%2Fconv/activities/act%201', body: JSON.stringify({ type: 'message', text: 'hello' }), at: expect.any(Number) }]);
  });

  it('waits as long as a throttling channel asks (Retry-After) before it tries again', async () => {
    script = [{ status: 429, headers: { 'retry-after': '2' } }];
    const { client: connector } = await client();

    await connector.conversations.sendToConversation('conv', { type: 'message', text: 'hello' });

    expect(seen).toHaveLength(2);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(1900);
  }, 10_000);

  it('does not retry what the channel refused (a 4xx other than 429), and passes its status on', async () => {
    script = [{ status: 403 }];
    const { client: connector } = await client();

    const error = await connector.conversations.updateActivity('conv', 'act', { type: 'message' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ChannelRequestError);
    expect((error as ChannelRequestError).statusCode).toBe(403);
    expect(seen).toHaveLength(1);
  });

  it('makes one client per channel, not one per turn', async () => {
    const { auth } = await client();
    const identity = new ClaimsIdentity([], true);

    const [first, second] = await Promise.all([auth.createConnectorFactory(identity).create(serviceUrl), auth.createConnectorFactory(identity).create(serviceUrl)]);

    expect(first).toBe(second);
  });
});
