/**
 * botbuilder `Storage` for conversation and user state in PostgreSQL, with the same eTag contract as the
 * embedded file's: a write succeeds when there is no old item, the new item has no eTag or `*`, or its eTag
 * matches; otherwise it is rejected naming the key, and nothing of the batch is written.
 * @remarks The eTag check and the write are one statement (an upsert whose update is conditional), so two
 * instances writing the same conversation cannot both win. Within one instance, writes and deletes of a key
 * reach the database in the order they were called, as with the file's one-writer queue and MemoryStorage.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from './database.js';

const UPSERT = `
  INSERT INTO bot_state (key, etag, data, updated_at) VALUES ($1, $2, $3, $5)
  ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at
    WHERE $4::text IS NULL OR $4 = '*' OR bot_state.etag = $4
  RETURNING key`;

/** Conversation state (isConversationKey: the key's second segment is `conversations`) idle since $1. */
const FORGET_IDLE_CONVERSATIONS = `DELETE FROM bot_state WHERE updated_at < $1 AND key ~ '^[^/]*/conversations/' RETURNING key`;

export class PostgresStorage implements Storage {
  /**
   * Per key, the settling of the last write or delete this instance was asked for.
   * Without it, a pool of connections could let a delete called after a write run first (and the deleted
   * conversation come back), or an earlier write overwrite a later one; the file store and MemoryStorage
   * keep call order (test/data/storageConformance.test.ts).
   */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    private readonly database: Database,
    /** The clock a write is stamped with (idle conversations expire by it), as the file store's. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Runs `work` once every write and delete of any of `keys` called before it has settled. */
  private inCallOrder(keys: readonly string[], work: () => Promise<void>): Promise<void> {
    const unique = [...new Set(keys)];
    const earlier = unique.flatMap((key) => this.pending.get(key) ?? []);
    const result = earlier.length === 0 ? work() : Promise.all(earlier).then(work);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of unique) this.pending.set(key, settled);
    void settled.then(() => {
      for (const key of unique) if (this.pending.get(key) === settled) this.pending.delete(key);
    });
    return result;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new Error('PostgresStorage.read(): keys must be an array');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const rows = await this.database.query<{ key: string; etag: string; data: string }>('SELECT key, etag, data FROM bot_state WHERE key = ANY($1)', [keys]);
    for (const row of rows) items[row.key] = { ...JSON.parse(row.data), eTag: row.etag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new Error('PostgresStorage.write(): changes must be an object');
    // Serialised now, so a caller changing its object after calling write cannot change what is stored.
    const batch = Object.entries(changes).map(([key, item]) => {
      const eTag = item?.eTag as unknown;
      return {
        key,
        // No eTag (or an empty one) writes unconditionally, as in the file store; anything else must match.
        eTag: eTag ? String(eTag) : null,
        // The stored JSON never holds an eTag: the current one is kept beside it and added on read.
        json: JSON.stringify({ ...item, eTag: undefined }),
      };
    });
    if (batch.length === 0) return;
    const writeAll = async (client: Queryable) => {
      const updatedAt = this.now();
      for (const { key, eTag, json } of batch) {
        const written = await client.query(UPSERT, [key, randomUUID(), json, eTag, updatedAt]);
        if (written.length === 0) throw new Error(`PostgresStorage.write(): eTag conflict for key "${key}"`);
      }
    };
    // One item (every turn's conversation or user state) is one statement; a batch is all or nothing.
    await this.inCallOrder(
      batch.map((item) => item.key),
      async () => {
        if (batch.length === 1) await writeAll(this.database);
        else await this.database.transaction(writeAll);
      },
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new Error('PostgresStorage.delete(): keys must be an array');
    if (keys.length === 0) return;
    const deleted = [...keys];
    await this.inCallOrder(deleted, async () => {
      await this.database.query('DELETE FROM bot_state WHERE key = ANY($1)', [deleted]);
    });
  }

  /** Drops conversation state last written before `before` (user state stays); returns how many items went. */
  async forgetIdleConversations(before: Date): Promise<number> {
    return (await this.database.query(FORGET_IDLE_CONVERSATIONS, [before])).length;
  }
}
