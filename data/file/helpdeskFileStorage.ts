/**
 * botbuilder `Storage` for conversation and user state, kept in the embedded store file.
 * @remarks Same eTag contract as the SDK's MemoryStorage: a write succeeds when there is no old item,
 * the new item has no eTag or `*`, or its eTag matches; otherwise it is rejected naming the key.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { isConversationKey } from '../helpdeskStore.js';
import type { HelpdeskFile } from './helpdeskFile.js';

export class HelpdeskFileStorage implements Storage {
  constructor(
    private readonly file: HelpdeskFile,
    /** The clock a write is stamped with (idle conversations expire by it). */
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new Error('HelpdeskFileStorage.read(): keys must be an array');
    const items: StoreItems = {};
    for (const key of keys) {
      const stored = Object.hasOwn(this.file.data.state, key) ? this.file.data.state[key] : undefined;
      if (stored) items[key] = { ...JSON.parse(stored.json), eTag: stored.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new Error('HelpdeskFileStorage.write(): changes must be an object');
    // Serialised now, so a caller changing its object after calling write cannot change what is stored.
    const batch = Object.entries(changes).map(([key, item]) => ({
      key,
      eTag: item?.eTag as unknown,
      // The stored JSON never holds an eTag: the current one is kept beside it and added on read.
      json: JSON.stringify({ ...item, eTag: undefined }),
    }));
    if (batch.length === 0) return;
    await this.file.update((data) => {
      // Check every key before changing any, so a conflict leaves the whole batch unwritten.
      for (const { key, eTag } of batch) {
        const old = Object.hasOwn(data.state, key) ? data.state[key] : undefined;
        if (old && eTag && eTag !== '*' && eTag !== old.eTag) {
          throw new Error(`HelpdeskFileStorage.write(): eTag conflict for key "${key}"`);
        }
      }
      const updatedAt = this.now().toISOString();
      for (const { key, json } of batch) data.state[key] = { eTag: randomUUID(), json, updatedAt };
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new Error('HelpdeskFileStorage.delete(): keys must be an array');
    // Queued even when the key looks absent: its first write may still be waiting in the queue.
    await this.file.update((data) => {
      for (const key of keys) delete data.state[key];
    });
  }

  /**
   * Drops conversation state last written before `before` (user state stays); returns how many items went. An
   * item an older version wrote carries no time: it is stamped now, and counts as idle from here.
   */
  forgetIdleConversations(before: Date): Promise<number> {
    return this.file.update((data) => {
      const now = this.now().toISOString();
      let forgotten = 0;
      for (const [key, item] of Object.entries(data.state)) {
        if (!isConversationKey(key)) continue;
        if (item.updatedAt === undefined) {
          data.state[key] = { ...item, updatedAt: now };
        } else if (Date.parse(item.updatedAt) < before.getTime()) {
          delete data.state[key];
          forgotten += 1;
        }
      }
      return forgotten;
    });
  }
}
