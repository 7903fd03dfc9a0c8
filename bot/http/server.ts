/** The restify server: the bot endpoint, a health check, and a count of requests in flight for shutdown. */
import restify from 'restify';
import type { Server } from 'restify';
import { isLoopbackHost } from '../../lib/loopback.js';
import { problem } from './httpReply.js';
import { handleMessagesRequest, type MessagesEndpointDeps } from './messagesEndpoint.js';
import { isJsonContentType } from './requestBody.js';

export interface HealthInfo {
  mode: 'local' | 'authenticated';
  store: string;
  /** Whether the store answers now: a load balancer sends no one to an instance that cannot reach it. */
  storeReachable(): Promise<boolean>;
}

export interface BotServer {
  server: Server;
  /** Resolves when no request is being handled. */
  idle(): Promise<void>;
}

export interface BotServerOptions {
  /**
   * Answer only requests addressed to this machine by name (Host: localhost, 127.0.0.1, [::1]): local mode on
   * loopback. A web page can point a name of its own at 127.0.0.1 (DNS rebinding) and then talk to the bot as if it
   * were the page's own server; its requests still carry that name.
   */
  loopbackHostsOnly?: boolean;
  /**
   * Take a request body that changes something (POST, PUT, PATCH, DELETE) only as JSON, unless the request carries an
   * Authorization header: local mode, where nothing is authenticated. A web page can make a browser send a body to
   * another origin without asking first only as text/plain, a form or multipart; JSON or an Authorization header
   * needs the server's consent first (a CORS preflight), which this server never gives. A request without a body goes
   * on to its route, which refuses what it cannot take (the Direct Line's start wants JSON too).
   */
  preflightedWritesOnly?: boolean;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createBotServer(endpoint: MessagesEndpointDeps, health: HealthInfo, options: BotServerOptions = {}): BotServer {
  const server = restify.createServer({ name: 'admin-helpdesk-bot', handleUncaughtExceptions: false });
  let inFlight = 0;
  let onIdle: (() => void)[] = [];

  if (options.loopbackHostsOnly) {
    server.pre((req, res, next) => {
      const host = req.headers.host?.replace(/:\d*$/, '');
      if (host === undefined || isLoopbackHost(host)) return next();
      const refused = problem(403, 'host_not_allowed', 'Local mode answers only requests to localhost.');
      res.setHeader('connection', 'close');
      res.send(refused.status, refused.body);
      return next(false);
    });
  }
  if (options.preflightedWritesOnly) {
    server.pre((req, res, next) => {
      const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
      if (!WRITES.has(req.method ?? '') || !hasBody || isJsonContentType(req.headers['content-type']) || req.headers.authorization !== undefined) return next();
      const refused = problem(415, 'unsupported_media_type', 'Send the request body as JSON (Content-Type: application/json).');
      res.setHeader('connection', 'close');
      res.send(refused.status, refused.body);
      return next(false);
    });
  }

  server.post('/api/messages', async (req, res) => {
    inFlight += 1;
    try {
      const reply = await handleMessagesRequest(req, endpoint);
      // The rest of an oversized body is never read: the connection ends with the answer instead of idling.
      // So is the body of a request refused for its content type.
      if (reply.status === 413 || reply.status === 415) res.setHeader('connection', 'close');
      if (reply.body === undefined) {
        res.status(reply.status);
        res.end();
      } else {
        res.send(reply.status, reply.body);
      }
    } finally {
      inFlight -= 1;
      if (inFlight === 0) {
        for (const resolve of onIdle) resolve();
        onIdle = [];
      }
    }
  });

  server.get('/healthz', async (_req, res) => {
    const { mode, store } = health;
    const reachable = await health.storeReachable();
    res.send(reachable ? 200 : 503, { status: reachable ? 'ok' : 'store unreachable', mode, store, uptimeSeconds: Math.round(process.uptime()) });
  });

  return {
    server,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => onIdle.push(resolve))),
  };
}
