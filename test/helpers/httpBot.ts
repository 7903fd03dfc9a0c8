/** Starts the real server (bot/app.ts) on a free port with a temp store, and posts activities to it. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../bot/app/createApp.js';
import { loadConfig } from '../../bot/app/config.js';
import { createLogger } from '../../bot/app/logger.js';
import type { HelpdeskStore } from '../../data/helpdeskStore.js';
import { openHelpdeskStore } from '../../data/openHelpdeskStore.js';
import { createTestDatabase } from './postgresDatabase.js';
import { testStoreKind } from './storeUnderTest.js';

/** The database standing in for each store file, so a bot restarted on the same file finds its data. */
const databases = new Map<string, Promise<string>>();

/** The settings a bot started on `file` gets: DB_FILE, or (PostgreSQL runs) DATABASE_URL of the database standing in for it. */
export async function storeEnvFor(file: string): Promise<Record<string, string>> {
  return testStoreKind() === 'postgres' ? { DATABASE_URL: await databaseFor(file) } : { DB_FILE: file };
}

/** Opens the store a bot started on `file` would use, to fill it before the bot starts; close it before starting one. */
export async function openStoreAt(file: string): Promise<HelpdeskStore> {
  const env = await storeEnvFor(file);
  return openHelpdeskStore({ dbFile: file, databaseUrl: env.DATABASE_URL }, 'a test filling the store');
}

function databaseFor(file: string): Promise<string> {
  let url = databases.get(file);
  if (!url) {
    // Dropped with the whole throwaway server at the end of the run.
    url = createTestDatabase().then((database) => database.url);
    databases.set(file, url);
  }
  return url;
}

export type PostActivity = (body: unknown, headers?: Record<string, string>) => Promise<{ status: number; json: unknown; text: string }>;

/** Posts to the bot endpoint at `url` as a channel would, and reads the answer as JSON where it is JSON. */
export function poster(url: string): PostActivity {
  return async (body, headers = {}) => {
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
  };
}

export interface HttpBot {
  app: RunningApp;
  url: string;
  dbFile: string;
  /** The settings that name this bot's store (DB_FILE or DATABASE_URL), for a command-line tool pointed at it. */
  storeEnv: Record<string, string>;
  post: PostActivity;
  stop(): Promise<void>;
}

/**
 * Starts a bot on a new store, or on the store of an earlier bot when its `dbFile` is given (a restart). When
 * the run's store is PostgreSQL (storeUnderTest.ts), `dbFile` names a database instead: the same path gives
 * the same database.
 */
export async function startHttpBot(env: Record<string, string> = {}, dbFile?: string): Promise<HttpBot> {
  const folder = dbFile ? undefined : await mkdtemp(join(tmpdir(), 'helpdesk-http-'));
  const file = dbFile ?? join(folder!, 'helpdesk.json');
  const storeEnv = await storeEnvFor(file);
  // Microsoft is asked only where a test points the bot at its stand-in (test/helpers/microsoftStub.ts).
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', MICROSOFT_LOOKUPS: 'off', ...storeEnv, ...env });
  const app = await startApp(config, createLogger('silent'));
  const url = `http://127.0.0.1:${app.port}`;
  return {
    app,
    url,
    dbFile: file,
    storeEnv,
    post: poster(url),
    async stop() {
      await app.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    },
  };
}
