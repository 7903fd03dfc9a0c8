/**
 * A fresh store for every test: call `useTempStore` (always the embedded file: read `store.directory`, or
 * `file`, `path`, `dir`) or `useTestStore` (the run's backend: the file, or PostgreSQL when
 * HELPDESK_TEST_STORE=postgres) inside a describe block. The fields are replaced before each test, so read
 * them through the returned object rather than copying them out at describe time. A describe block's own
 * beforeEach runs after this one, so it can fill the store with fixtures.
 */
import { afterEach, beforeEach } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelpdeskFile } from '../../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../data/file/helpdeskFileDirectory.js';
import type { HelpdeskStore } from '../../data/helpdeskStore.js';
import { openHelpdeskStore } from '../../data/openHelpdeskStore.js';
import type { Directory } from '../../services/ports/directory.js';
import type { HelpdeskRecords } from '../../services/ports/helpdeskRecords.js';
import { createTestStoreLocation, testStoreKind, type StoreKind, type TestStoreLocation } from './storeUnderTest.js';

export interface TempStore {
  /** The test's temporary folder, removed after the test. */
  dir: string;
  /** The helpdesk file in `dir`. */
  path: string;
  file: HelpdeskFile;
  directory: HelpdeskFileDirectory;
}

/** Registers the hooks that create and remove the store; `prefix` names the temporary folder. */
export function useTempStore(prefix: string): TempStore {
  // Filled in by beforeEach; the tests only read it once that has run.
  const store = {} as TempStore;

  beforeEach(async () => {
    store.dir = await mkdtemp(join(tmpdir(), prefix));
    store.path = join(store.dir, 'helpdesk.json');
    store.file = await HelpdeskFile.open(store.path);
    store.directory = new HelpdeskFileDirectory(store.file);
  });

  afterEach(async () => {
    await store.file.flush();
    await rm(store.dir, { recursive: true, force: true });
  });

  return store;
}

/** A store of the run's kind for every test (see `useTestStore`). */
export interface TestStore {
  kind: StoreKind;
  /** The store the test works on; replaced before each test (and by `reopen`). */
  store: HelpdeskStore;
  /** `store.directory` and `store.records`, for short. */
  directory: Directory;
  records: HelpdeskRecords;
  /** The settings that open this same store (DB_FILE, or DATABASE_URL). */
  env: Record<string, string>;
  /** The store file in a file run (it is written before each change resolves); undefined in a PostgreSQL run. */
  path: string | undefined;
  /** Closes the store and opens it again where it is, as a restarted bot would; the fields then name the new one. */
  reopen(): Promise<HelpdeskStore>;
}

/**
 * Registers the hooks that give each test a new, empty store of the run's kind (HELPDESK_TEST_STORE: the
 * embedded file, or a PostgreSQL database of its own), opened as the bot opens it. Read the fields through
 * the returned object in the tests. Checks of what is on disk belong in tests that run only when `kind` is
 * 'file'.
 */
export function useTestStore(kind: StoreKind = testStoreKind()): TestStore {
  // Filled in by beforeEach; the tests only read it once that has run.
  const current = { kind } as TestStore;
  let location: TestStoreLocation | undefined;

  const use = (store: HelpdeskStore): HelpdeskStore => {
    current.store = store;
    current.directory = store.directory;
    current.records = store.records;
    return store;
  };

  beforeEach(async () => {
    location = await createTestStoreLocation(kind);
    current.env = location.env;
    current.path = location.settings.databaseUrl ? undefined : location.settings.dbFile;
    use(await openHelpdeskStore(location.settings, 'a test'));
  });

  current.reopen = async () => {
    if (!location) throw new Error('useTestStore(): reopen() is for use inside a test');
    await current.store.close();
    return use(await openHelpdeskStore(location.settings, 'a test'));
  };

  afterEach(async () => {
    const opened = location;
    location = undefined;
    try {
      await current.store?.close();
    } finally {
      await opened?.remove();
    }
  });

  return current;
}
