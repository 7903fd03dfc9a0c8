/**
 * Which backend the behaviour suites run on: the embedded file (the default) or PostgreSQL, when the run
 * sets HELPDESK_TEST_STORE=postgres (`npm test` runs the behaviour suites once for each). The helpers that
 * build a bot (testBot.ts, httpBot.ts) open their store here, so a suite is the same on both.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HelpdeskStore } from '../../data/helpdeskStore.js';
import { openHelpdeskStore } from '../../data/openHelpdeskStore.js';
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

/** A store under test that can be restarted where it is: what the conformance suites need of a backend. */
export interface RestartableTestStore<T> {
  part: T;
  /** Lets go of the store and opens it again where it is (a restart); the part of the new one. */
  reopen(): Promise<T>;
  /** Closes the store and removes it. */
  cleanup(): Promise<void>;
}

/** A new store of `kind`, opened as the bot opens it; `part` picks what a suite tests (its directory, say). */
export async function openRestartableStore<T>(kind: StoreKind, part: (store: HelpdeskStore) => T): Promise<RestartableTestStore<T>> {
  const location = await createTestStoreLocation(kind);
  let store = await openHelpdeskStore(location.settings, 'a test');
  return {
    part: part(store),
    async reopen() {
      await store.close();
      store = await openHelpdeskStore(location.settings, 'a test');
      return part(store);
    },
    async cleanup() {
      try {
        await store.close();
      } finally {
        await location.remove();
      }
    },
  };
}

/** Two stores on one new database, as two instances of the bot would have. */
export async function withTwoInstances(test: (first: HelpdeskStore, second: HelpdeskStore) => Promise<void>): Promise<void> {
  const database = await createTestDatabase();
  const first = await openHelpdeskStore({ dbFile: '', databaseUrl: database.url }, 'a test');
  const second = await openHelpdeskStore({ dbFile: '', databaseUrl: database.url }, 'a test');
  try {
    await test(first, second);
  } finally {
    await Promise.all([first.close(), second.close()]);
    await database.drop();
  }
}
