/**
 * A fresh helpdesk file in its own temporary folder for every test: call `useTempStore` inside a describe
 * block and read `store.directory` (or `file`, `path`, `dir`) in the tests. The fields are replaced before
 * each test, so read them through the returned object rather than copying them out at describe time.
 * A describe block's own beforeEach runs after this one, so it can fill the store with fixtures.
 */
import { afterEach, beforeEach } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelpdeskFile } from '../../data/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../data/helpdeskFileDirectory.js';

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
