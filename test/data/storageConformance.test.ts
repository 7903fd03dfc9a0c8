import { describe, expect, it } from '@jest/globals';
import { MemoryStorage, type Storage } from 'botbuilder';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelpdeskFile } from '../../data/helpdeskFile.js';
import { HelpdeskFileStorage } from '../../data/helpdeskFileStorage.js';
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

describeStorageConformance('MemoryStorage', async () => ({ storage: new MemoryStorage() }));

describeStorageConformance('HelpdeskFileStorage', createFileStorage);

describe('HelpdeskFileStorage', () => {
  it('leaves a whole batch unwritten when one of its keys has a stale eTag', async () => {
    const { storage, cleanup } = await createFileStorage();
    try {
      await storage.write({ 'conversation/a': { count: 1 }, 'conversation/b': { count: 1 } });
      const stale = (await storage.read(['conversation/b']))['conversation/b'];
      await storage.write({ 'conversation/b': { ...stale, count: 2 } });

      await expect(
        storage.write({ 'conversation/a': { count: 9 }, 'conversation/b': { ...stale, count: 9 } }),
      ).rejects.toThrow('conversation/b');

      const items = await storage.read(['conversation/a', 'conversation/b']);
      expect(items['conversation/a']).toEqual({ count: 1, eTag: expect.any(String) });
      expect(items['conversation/b']).toEqual({ count: 2, eTag: expect.any(String) });
    } finally {
      await cleanup?.();
    }
  });

  /** A delete called after a write (both in flight) must win, as it does with MemoryStorage. */
  async function deleteIssuedAfterWrite(storage: Storage): Promise<void> {
    await Promise.all([storage.write({ 'conversation/first-turn': { count: 1 } }), storage.delete(['conversation/first-turn'])]);
  }

  it('(reference) MemoryStorage: a delete issued while the first write of the key is in flight removes the item', async () => {
    const storage = new MemoryStorage();

    await deleteIssuedAfterWrite(storage);

    expect(await storage.read(['conversation/first-turn'])).toStrictEqual({});
  });

  it('removes the item when the delete is issued while the first write of the key is in flight', async () => {
    const { storage, cleanup } = await createFileStorage();
    try {
      await deleteIssuedAfterWrite(storage);

      expect(await storage.read(['conversation/first-turn'])).toStrictEqual({});
    } finally {
      await cleanup?.();
    }
  });
});
