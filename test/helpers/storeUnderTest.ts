/**
 * Which backend the behaviour suites run on: the embedded file (the default) or PostgreSQL, when the run
 * sets HELPDESK_TEST_STORE=postgres (`npm test` runs the behaviour suites once for each). The helpers that
 * build a bot (testBot.ts, httpBot.ts) open their store here, so a suite is the same on both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHelpdeskStore, type HelpdeskStore } from '../../data/helpdeskStore.js';
import { createTestDatabase } from './postgresDatabase.js';

export type StoreKind = 'file' | 'postgres';

export function testStoreKind(): StoreKind {
  const kind = process.env.HELPDESK_TEST_STORE ?? 'file';
  if (kind !== 'file' && kind !== 'postgres') throw new Error(`HELPDESK_TEST_STORE="${kind}" must be file or postgres`);
  return kind;
}

export interface OpenedTestStore {
  store: HelpdeskStore;
  /** The settings that open this same store again: DB_FILE, or DATABASE_URL. */
  env: Record<string, string>;
  /** Closes the store and removes it (the folder, or the database). */
  cleanup(): Promise<void>;
}

/** A new, empty store of `kind` (by default the run's). */
export async function openTestStore(kind: StoreKind = testStoreKind()): Promise<OpenedTestStore> {
  const location = await createTestStoreLocation(kind);
  const store = await openHelpdeskStore(location.settings, 'a test');
  return {
    store,
    env: location.env,
    cleanup: async () => {
      await store.close();
      await location.remove();
    },
  };
}

export interface TestStoreLocation {
  settings: { dbFile: string; databaseUrl?: string };
  env: Record<string, string>;
  remove(): Promise<void>;
}

/** Where a new, empty store of `kind` lives, before anything opens it: a temp folder's file, or a new database. */
export async function createTestStoreLocation(kind: StoreKind = testStoreKind()): Promise<TestStoreLocation> {
  if (kind === 'postgres') {
    const database = await createTestDatabase();
    return { settings: { dbFile: '', databaseUrl: database.url }, env: { DATABASE_URL: database.url }, remove: () => database.drop() };
  }
  const folder = await mkdtemp(join(tmpdir(), 'helpdesk-store-'));
  const dbFile = join(folder, 'helpdesk.json');
  return { settings: { dbFile }, env: { DB_FILE: dbFile }, remove: () => rm(folder, { recursive: true, force: true }) };
}
