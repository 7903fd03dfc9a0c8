/** Starts the real server (bot/app.ts) on a free port with a temp store, and posts activities to it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';

export interface HttpBot {
  app: RunningApp;
  url: string;
  dbFile: string;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: unknown; text: string }>;
  stop(): Promise<void>;
}

export async function startHttpBot(env: Record<string, string> = {}, dbFile?: string): Promise<HttpBot> {
  const folder = dbFile ? undefined : await mkdtemp(join(tmpdir(), 'helpdesk-http-'));
  const file = dbFile ?? join(folder!, 'helpdesk.json');
  const config = loadConfig({ PORT: '0', DB_FILE: file, LOG_LEVEL: 'silent', ...env });
  const app = await startApp(config, createLogger('silent'));
  const url = `http://127.0.0.1:${app.port}`;
  return {
    app,
    url,
    dbFile: file,
    async post(body, headers = {}) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: response.status, json, text };
    },
    async stop() {
      await app.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}
