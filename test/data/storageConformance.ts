/**
 * One shared suite for the botbuilder `Storage` contract as the SDK's MemoryStorage implements it:
 * run it against any storage to show it can stand in for MemoryStorage.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Storage, StoreItems } from 'botbuilder';

export interface StorageUnderTest {
  storage: Storage;
  cleanup?: () => Promise<void>;
}

export function describeStorageConformance(name: string, createStorage: () => Promise<StorageUnderTest>): void {
  describe(`${name} (botbuilder Storage contract)`, () => {
    let storage: Storage;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ storage, cleanup } = await createStorage());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    /** Writes `item` under `key` and returns the item as read back (with its eTag). */
    async function writeAndRead(key: string, item: StoreItems[string]): Promise<StoreItems[string]> {
      await storage.write({ [key]: item });
      const items = await storage.read([key]);
      return items[key];
    }

    it('returns no entry for keys that were never written', async () => {
      const items = await storage.read(['conversation/missing', 'user/missing']);

      expect(items).toStrictEqual({});
    });

    it('returns an empty object when asked to read no keys', async () => {
      await storage.write({ 'conversation/a': { count: 1 } });

      expect(await storage.read([])).toStrictEqual({});
    });

    it('reads back a written item with a string eTag', async () => {
      const item = await writeAndRead('conversation/1', { count: 1, name: 'Ada' });

      expect(item).toEqual({ count: 1, name: 'Ada', eTag: expect.any(String) });
      expect(typeof item.eTag).toBe('string');
      expect(item.eTag).not.toBe('');
    });

    it('returns only the keys that exist when some of the keys asked for are missing', async () => {
      await storage.write({ 'conversation/present': { value: 'here' } });

      const items = await storage.read(['conversation/present', 'conversation/absent']);

      expect(Object.keys(items)).toEqual(['conversation/present']);
      expect(items['conversation/present']).toEqual({ value: 'here', eTag: expect.any(String) });
    });

    it('gives the item a new eTag on every write', async () => {
      const eTags: string[] = [];
      for (let i = 0; i < 3; i++) {
        const item = await writeAndRead('conversation/etags', { round: i });
        eTags.push(item.eTag);
      }

      expect(new Set(eTags).size).toBe(3);
    });

    it('accepts a write that carries the current eTag', async () => {
      const current = await writeAndRead('conversation/current', { count: 1 });

      await storage.write({ 'conversation/current': { ...current, count: 2 } });

      const items = await storage.read(['conversation/current']);
      expect(items['conversation/current']).toEqual({ count: 2, eTag: expect.any(String) });
      expect(items['conversation/current'].eTag).not.toBe(current.eTag);
    });

    it('rejects a write whose eTag is stale, naming the key, and keeps the stored item', async () => {
      const key = 'conversation/stale-etag-key';
      const first = await writeAndRead(key, { count: 1 });
      await storage.write({ [key]: { ...first, count: 2 } });

      await expect(storage.write({ [key]: { ...first, count: 3 } })).rejects.toThrow(key);

      const items = await storage.read([key]);
      expect(items[key]).toEqual({ count: 2, eTag: expect.any(String) });
    });

    it("overwrites whatever is stored when the write's eTag is '*'", async () => {
      await writeAndRead('conversation/star', { count: 1 });
      await storage.write({ 'conversation/star': { count: 2 } });

      await storage.write({ 'conversation/star': { count: 3, eTag: '*' } });

      const items = await storage.read(['conversation/star']);
      expect(items['conversation/star']).toEqual({ count: 3, eTag: expect.any(String) });
      expect(items['conversation/star'].eTag).not.toBe('*');
    });

    it('overwrites whatever is stored when the write has no eTag', async () => {
      await writeAndRead('conversation/no-etag', { count: 1 });
      await storage.write({ 'conversation/no-etag': { count: 2 } });

      await storage.write({ 'conversation/no-etag': { count: 3 } });

      const items = await storage.read(['conversation/no-etag']);
      expect(items['conversation/no-etag']).toEqual({ count: 3, eTag: expect.any(String) });
    });

    it('accepts a write of a new key whatever eTag it carries', async () => {
      await storage.write({ 'conversation/new': { count: 1, eTag: 'an-etag-this-store-never-issued' } });

      const items = await storage.read(['conversation/new']);
      expect(items['conversation/new']).toEqual({ count: 1, eTag: expect.any(String) });
    });

    it('deletes an item and leaves the others', async () => {
      await storage.write({ 'conversation/gone': { count: 1 }, 'conversation/kept': { count: 2 } });

      await storage.delete(['conversation/gone']);

      const items = await storage.read(['conversation/gone', 'conversation/kept']);
      expect(items).not.toHaveProperty(['conversation/gone']);
      expect(items['conversation/kept']).toEqual({ count: 2, eTag: expect.any(String) });
    });

    it('accepts a delete of a key that was never written', async () => {
      await expect(storage.delete(['conversation/never-written'])).resolves.toBeUndefined();

      expect(await storage.read(['conversation/never-written'])).toStrictEqual({});
    });

    it('accepts a write of a deleted key with the eTag it had before the delete', async () => {
      const before = await writeAndRead('conversation/reborn', { count: 1 });
      await storage.delete(['conversation/reborn']);

      await storage.write({ 'conversation/reborn': { ...before, count: 2 } });

      const items = await storage.read(['conversation/reborn']);
      expect(items['conversation/reborn']).toEqual({ count: 2, eTag: expect.any(String) });
    });

    it('does not change what is stored when an object returned by read is mutated', async () => {
      await storage.write({ 'conversation/read-copy': { count: 1, profile: { name: 'Ada' }, tags: ['a'] } });
      const first = (await storage.read(['conversation/read-copy']))['conversation/read-copy'];

      first.count = 99;
      first.profile.name = 'Mallory';
      first.tags.push('b');
      first.extra = true;

      const again = (await storage.read(['conversation/read-copy']))['conversation/read-copy'];
      expect(again).toEqual({ count: 1, profile: { name: 'Ada' }, tags: ['a'], eTag: first.eTag });
    });

    it('does not change what is stored when the written object is mutated after the write', async () => {
      const written = { count: 1, profile: { name: 'Ada' } };
      await storage.write({ 'conversation/write-copy': written });

      written.count = 99;
      written.profile.name = 'Mallory';

      const items = await storage.read(['conversation/write-copy']);
      expect(items['conversation/write-copy']).toEqual({ count: 1, profile: { name: 'Ada' }, eTag: expect.any(String) });
    });

    it('round-trips nested objects, arrays and unicode strings', async () => {
      const value = {
        title: 'Zoë’s café — 日本語 — 🚀👩🏽‍💻',
        quote: 'He said "hi"\nand left\t\\',
        nested: { level1: { level2: { level3: [1, 'two', { three: [3, null, false] }] } } },
        list: [{ id: 'a', score: 1.5 }, { id: 'b', score: -2 }, []],
        empty: {},
        zero: 0,
        nothing: null,
      };

      const item = await writeAndRead('conversation/round-trip', value);

      expect(item).toEqual({ ...value, eTag: expect.any(String) });
    });

    it('lands every one of many concurrent writes to different keys', async () => {
      const keys = Array.from({ length: 50 }, (_, i) => `conversation/concurrent-${i}`);

      await Promise.all(keys.map((key, i) => storage.write({ [key]: { index: i } })));

      const items = await storage.read(keys);
      expect(Object.keys(items).sort()).toEqual([...keys].sort());
      keys.forEach((key, i) => expect(items[key]).toEqual({ index: i, eTag: expect.any(String) }));
    });
  });
}
