/** The restify server: the bot endpoint, a health check, and a count of requests in flight for shutdown. */
import restify from 'restify';
import type { Server } from 'restify';
import { handleMessagesRequest, type MessagesEndpointDeps } from './messagesEndpoint.js';

export interface HealthInfo {
  mode: 'local' | 'authenticated';
  store: string;
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
    res.send(200, { status: 'ok', ...health, uptimeSeconds: Math.round(process.uptime()) });
  });

  return {
    server,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => onIdle.push(resolve))),
  };
}
