/**
 * A local stand-in for the Bot Framework connector (the service a bot replies to), on loopback.
 * @remarks It answers the calls this bot makes: replies and new activities, card updates, and the
 * Teams member look-up. `npm run chat` talks to the bot through it, and the HTTP tests use it to see
 * what the bot sent. It never authenticates anything: local use only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelError, type ChannelReply } from './channelError.js';

export interface ConnectorActivity {
  type: string;
  id?: string;
  text?: string;
  attachments?: { contentType: string; content?: unknown }[];
  conversation?: { id: string };
  replyToId?: string;
  [key: string]: unknown;
}

export interface TeamsMember {
  id: string;
  name?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
}

export class LocalConnector {
  /** Everything the bot sent, in order. */
  readonly activities: ConnectorActivity[] = [];
  /** Teams members by user id, for `GET /v3/conversations/{id}/members/{userId}`. */
  readonly members = new Map<string, TeamsMember>();
  private listeners: ((activity: ConnectorActivity) => void)[] = [];
  private nextId = 1;

  private constructor(private readonly server: Server) {}

  static async start(port = 0): Promise<LocalConnector> {
    const server = createServer();
    const connector = new LocalConnector(server);
    server.on('request', (req, res) => {
      void connector.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    return connector;
  }

  get serviceUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  onActivity(listener: (activity: ConnectorActivity) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((other) => other !== listener);
    };
  }

  /** Resolves with the activities sent to a conversation once `count` of them have arrived after `since`. */
  waitFor(conversationId: string, count: number, since = 0, timeoutMs = 10_000): Promise<ConnectorActivity[]> {
    const sent = () => this.activities.slice(since).filter((activity) => activity.conversation?.id === conversationId);
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = sent();
        if (found.length >= count) {
          clearTimeout(timer);
          stop();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`LocalConnector.waitFor(): ${sent().length} of ${count} activities for "${conversationId}" after ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = this.onActivity(check);
      check();
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<ChannelReply> {
    // Each segment decoded whole: ids such as 19:abc@thread.tacv2;messageid=1 arrive percent-encoded.
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
      .split('/')
      .map((segment) => decodeURIComponent(segment))
      .join('/');
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && member) {
      const found = this.members.get(member[2]!);
      return found ? { status: 200, body: found } : channelError(404, 'MemberNotFound', 'unknown member');
    }
    const activity = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if ((req.method === 'POST' || req.method === 'PUT') && activity) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as ConnectorActivity;
      const id = req.method === 'PUT' ? activity[2]! : `reply-${this.nextId++}`;
      const recorded = { ...body, id, conversation: { ...(body.conversation ?? {}), id: activity[1]! } };
      this.activities.push(recorded);
      for (const listener of this.listeners) listener(recorded);
      return { status: 200, body: { id } };
    }
    return { status: 404, body: { error: { code: 'NotFound', message: `${req.method} ${path}` } } };
  }
}
