/**
 * botbuilder `Storage` for conversation and user state, kept in the embedded store file.
 * @remarks Same eTag contract as the SDK's MemoryStorage: a write succeeds when there is no old item,
 * the new item has no eTag or `*`, or its eTag matches; otherwise it is rejected naming the key.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { HelpdeskFile } from './helpdeskFile.js';

export class HelpdeskFileStorage implements Storage {
  constructor(private readonly file: HelpdeskFile) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new Error('HelpdeskFileStorage.read(): keys must be an array');
    const items: StoreItems = {};
    for (const key of keys) {
      const stored = this.file.data.state[key];
      if (stored) items[key] = { ...JSON.parse(stored.json), eTag: stored.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new Error('HelpdeskFileStorage.write(): changes must be an object');
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    await this.file.update((data) => {
      // Check every key before changing any, so a conflict leaves the whole batch unwritten.
      for (const key of keys) {
        const old = data.state[key];
        const eTag: unknown = changes[key]?.eTag;
        if (old && eTag !== undefined && eTag !== '*' && eTag !== old.eTag) {
          throw new Error(`HelpdeskFileStorage.write(): eTag conflict for key "${key}"`);
        }
      }
      for (const key of keys) {
        // The stored JSON never holds an eTag: the current one is kept beside it and added on read.
        const item = { ...changes[key], eTag: undefined };
        data.state[key] = { eTag: randomUUID(), json: JSON.stringify(item) };
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new Error('HelpdeskFileStorage.delete(): keys must be an array');
    if (!keys.some((key) => key in this.file.data.state)) return;
    await this.file.update((data) => {
      for (const key of keys) delete data.state[key];
    });
  }
}
