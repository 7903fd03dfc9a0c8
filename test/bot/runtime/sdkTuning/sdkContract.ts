/**
 * What the SDK contract tests (`*.contract.test.ts` here) share: a failure message that names the tuning to
 * re-check, a store that records its calls, and a channel on loopback that records what the bot sends it.
 */
import { MemoryStorage, type Storage, type StoreItems } from 'botbuilder';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Runs `check`; when it fails, the error says which tuning relies on the SDK behaviour that changed, and what to
 * do about it.
 */
export async function pinned(tuning: string, file: string, check: () => unknown): Promise<void> {
  try {
    await check();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `SDK contract broken for the "${tuning}" tuning (bot/runtime/sdkTuning/${file}): the installed botbuilder no longer ` +
        `behaves as it relies on. Re-check that tuning against this SDK version, or run with SDK_TUNING=off.\n\n${detail}`,
    );
  }
}

/** A JSON copy: what was stored or answered at that moment, not the live object. */
export const copy = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * A JSON copy with the random ids the SDK makes (a waterfall's instance id, a proactive turn's activity id)
 * numbered in order of appearance, `<id 1>`, `<id 2>`, ...: two runs compare equal when they used the same ids
 * in the same places.
 */
export function numberedIds<T>(value: T): T {
  const numbers = new Map<string, number>();
  const text = JSON.stringify(value).replace(UUID, (id) => {
    if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
    return `<id ${numbers.get(id)}>`;
  });
  return JSON.parse(text) as T;
}

/** The SDK's MemoryStorage, with a log of every call and what it answered. */
export class RecordingStorage implements Storage {
  readonly log: unknown[] = [];
  private readonly inner = new MemoryStorage();
  async read(keys: string[]): Promise<StoreItems> {
    const items = await this.inner.read(keys);
    this.log.push({ read: keys, answer: copy(items) });
    return items;
  }
  async write(changes: StoreItems): Promise<void> {
    this.log.push({ write: copy(changes) });
    await this.inner.write(changes);
  }
  async delete(keys: string[]): Promise<void> {
    this.log.push({ delete: keys });
    await this.inner.delete(keys);
  }
}

/** One request the channel received. */
export interface ChannelRequest {
  method: string;
  /** Path and query, as sent (percent-encoding included). */
  path: string;
  /** The body, parsed as JSON; undefined when there was none. */
  body: unknown;
  authorization?: string;
  /** The media type of the body, without parameters. */
  contentType?: string;
  /** The client's port: one port for several requests is one kept-alive connection. */
  clientPort: number;
}

/** How the channel answers one request; by default 200 with what `answer` gives. */
export interface ChannelAnswer {
  status: number;
  body?: unknown;
}

/**
 * A Bot Framework channel on 127.0.0.1: answers POST and PUT of activities with a resource id, GET of a member
 * with that member, and records every request.
 */
export class LoopbackChannel {
  readonly requests: ChannelRequest[] = [];
  /** Answers for the next requests, in order, instead of the default ones. */
  readonly script: ChannelAnswer[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '';
        this.requests.push({
          method: req.method ?? '',
          path,
          body: text ? (JSON.parse(text) as unknown) : undefined,
          authorization: req.headers.authorization,
          contentType: req.headers['content-type']?.split(';')[0]?.trim(),
          clientPort: req.socket.remotePort ?? 0,
        });
        const answer = this.script.shift() ?? { status: 200, body: defaultAnswer(req.method ?? '', path, this.requests.length) };
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  reset(): void {
    this.requests.splice(0);
    this.script.splice(0);
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function defaultAnswer(method: string, path: string, count: number): unknown {
  const member = /\/members\/([^/?]+)$/.exec(path);
  if (method === 'GET' && member) {
    const id = decodeURIComponent(member[1]!);
    return { id, name: 'Sam Tester', aadObjectId: 'aad-1', email: 'sam@contoso.nl', userPrincipalName: 'sam@contoso.nl', tenantId: 'tenant-1' };
  }
  return { id: `activity-${count}` };
}
