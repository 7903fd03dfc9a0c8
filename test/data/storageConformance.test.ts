import { describe, expect, it } from '@jest/globals';
import { MemoryStorage, type Storage } from 'botbuilder';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelpdeskFile } from '../../data/file/helpdeskFile.js';
import { HelpdeskFileStorage } from '../../data/file/helpdeskFileStorage.js';
import { openHelpdeskStore } from '../../data/openHelpdeskStore.js';
import { createTestDatabase } from '../helpers/postgresDatabase.js';
import { describeStorageConformance, type StorageUnderTest } from './storageConformance.js';

async function createFileStorage(): Promise<StorageUnderTest> {
  const dir = await mkdtemp(join(tmpdir(), 'helpdesk-'));
  const file = await HelpdeskFile.open(join(dir, 'helpdesk.json'));
  return {
    storage: new HelpdeskFileStorage(file),
    cleanup: async () => {
      await file.flush();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** PostgresStorage on a new database, opened as the bot opens it (migrated first). */
async function createPostgresStorage(): Promise<StorageUnderTest> {
  const database = await createTestDatabase();
  const store = await openHelpdeskStore({ dbFile: '', databaseUrl: database.url }, 'a test');
  return {
    storage: store.storage,
    cleanup: async () => {
      await store.close();
      await database.drop();
    },
  };
}

describeStorageConformance('MemoryStorage', async () => ({ storage: new MemoryStorage() }));

describeStorageConformance('HelpdeskFileStorage', createFileStorage);

describeStorageConformance('PostgresStorage', createPostgresStorage);

/** A delete called after a write (both in flight) must win, as it does with MemoryStorage. */
async function deleteIssuedAfterWrite(storage: Storage): Promise<void> {
  await Promise.all([storage.write({ 'conversation/first-turn': { count: 1 } }), storage.delete(['conversation/first-turn'])]);
}

it('(reference) MemoryStorage: a delete issued while the first write of the key is in flight removes the item', async () => {
  const storage = new MemoryStorage();

  await deleteIssuedAfterWrite(storage);

  expect(await storage.read(['conversation/first-turn'])).toStrictEqual({});
});

describe.each([
  ['HelpdeskFileStorage', createFileStorage],
  ['PostgresStorage', createPostgresStorage],
])('%s (beyond MemoryStorage)', (_name, createStorage) => {
  async function withStorage(test: (storage: Storage) => Promise<void>): Promise<void> {
    const { storage, cleanup } = await createStorage();
    try {
      await test(storage);
    } finally {
      await cleanup?.();
    }
  }

  it('leaves a whole batch unwritten when one of its keys has a stale eTag', () =>
    withStorage(async (storage) => {
      await storage.write({ 'conversation/a': { count: 1 }, 'conversation/b': { count: 1 } });
      const stale = (await storage.read(['conversation/b']))['conversation/b'];
      await storage.write({ 'conversation/b': { ...stale, count: 2 } });

      await expect(storage.write({ 'conversation/a': { count: 9 }, 'conversation/b': { ...stale, count: 9 } })).rejects.toThrow('conversation/b');

      const items = await storage.read(['conversation/a', 'conversation/b']);
      expect(items['conversation/a']).toEqual({ count: 1, eTag: expect.any(String) });
      expect(items['conversation/b']).toEqual({ count: 2, eTag: expect.any(String) });
    }));

  it('removes the item when the delete is issued while the first write of the key is in flight', () =>
    withStorage(async (storage) => {
      // Several rounds: with a pool of connections the write and the delete could each go first.
      for (let round = 0; round < 10; round++) {
        await deleteIssuedAfterWrite(storage);

        expect(await storage.read(['conversation/first-turn'])).toStrictEqual({});
      }
    }));

  it('keeps the last of several writes to one key issued at once without eTags', () =>
    withStorage(async (storage) => {
      for (let round = 0; round < 5; round++) {
        await Promise.all(Array.from({ length: 5 }, (_, index) => storage.write({ 'conversation/last-wins': { round, index } })));

        expect((await storage.read(['conversation/last-wins']))['conversation/last-wins']).toEqual({ round, index: 4, eTag: expect.any(String) });
      }
    }));
});

describe('PostgresStorage on two instances (two pools on one database)', () => {
  it('lets exactly one of two writes carrying the same eTag win, every time', async () => {
    const database = await createTestDatabase();
    const first = await openHelpdeskStore({ dbFile: '', databaseUrl: database.url }, 'a test');
    const second = await openHelpdeskStore({ dbFile: '', databaseUrl: database.url }, 'a test');
    try {
      const key = 'conversation/raced';
      await first.storage.write({ [key]: { turn: 0 } });
      for (let turn = 1; turn <= 20; turn++) {
        const [fromFirst, fromSecond] = await Promise.all([first.storage.read([key]), second.storage.read([key])]);
        expect(fromFirst[key].eTag).toBe(fromSecond[key].eTag);

        const outcomes = await Promise.allSettled([
          first.storage.write({ [key]: { ...fromFirst[key], turn, by: 'first' } }),
          second.storage.write({ [key]: { ...fromSecond[key], turn, by: 'second' } }),
        ]);

        const won = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index === 0 ? 'first' : 'second'] : []));
        expect(won).toHaveLength(1);
        const lost = outcomes.find((outcome) => outcome.status === 'rejected');
        expect(String(lost?.status === 'rejected' && lost.reason)).toContain(`eTag conflict for key "${key}"`);
        const stored = (await second.storage.read([key]))[key];
        expect(stored).toEqual({ turn, by: won[0], eTag: expect.any(String) });
        expect(stored.eTag).not.toBe(fromFirst[key].eTag);
      }
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });

  it('sees what the other instance wrote and deleted', async () => {
    const database = await createTestDatabase();
    const first = await openHelpdeskStore({ dbFile: '', databaseUrl: database.url }, 'a test');
    const second = await openHelpdeskStore({ dbFile: '', databaseUrl: database.url }, 'a test');
    try {
      await first.storage.write({ 'user/ada': { name: 'Ada' } });
      const read = (await second.storage.read(['user/ada']))['user/ada'];
      expect(read).toEqual({ name: 'Ada', eTag: expect.any(String) });

      await second.storage.write({ 'user/ada': { ...read, name: 'Ada L.' } });
      await expect(first.storage.write({ 'user/ada': { ...read, name: 'stale' } })).rejects.toThrow('user/ada');

      await first.storage.delete(['user/ada']);
      expect(await second.storage.read(['user/ada'])).toStrictEqual({});
    } finally {
      await first.close();
      await second.close();
      await database.drop();
    }
  });
});
