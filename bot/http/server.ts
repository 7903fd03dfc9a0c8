/** The restify server: the bot endpoint, a health check, and a count of requests in flight for shutdown. */
import restify from 'restify';
import type { Server } from 'restify';
import { handleMessagesRequest, type MessagesEndpointDeps } from './messagesEndpoint.js';

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

export function createBotServer(endpoint: MessagesEndpointDeps, health: HealthInfo): BotServer {
  const server = restify.createServer({ name: 'admin-helpdesk-bot', handleUncaughtExceptions: false });
  let inFlight = 0;
  let onIdle: (() => void)[] = [];

  server.post('/api/messages', async (req, res) => {
    inFlight += 1;
    try {
      const reply = await handleMessagesRequest(req, endpoint);
      // The rest of an oversized body is never read: the connection ends with the answer instead of idling.
      if (reply.status === 413) res.setHeader('connection', 'close');
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
