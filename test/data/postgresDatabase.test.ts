/**
 * How data/postgres/database.ts sorts the driver's errors: "busy, try again" and "away" become a
 * StoreUnavailableError (the user is asked to try again and keeps their conversation); a mistake stays itself.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Database } from '../../data/postgres/database.js';
import { isStoreUnavailable } from '../../services/ports/storeUnavailable.js';
import { usePostgresDatabase } from '../helpers/postgresDatabase.js';

describe('Database errors', () => {
  const db = usePostgresDatabase();
  let first: Database;
  let second: Database;
  beforeEach(async () => {
    first = new Database(db.url);
    second = new Database(db.url);
    await first.query('CREATE TABLE t (x int)');
  });
  afterEach(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  it('calls a lock that another connection holds too long "busy": unavailable for now, not a failure of the turn', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = first.transaction(async (client) => {
      await client.query('LOCK TABLE t IN ACCESS EXCLUSIVE MODE');
      locked();
      await held;
    });
    await isLocked;

    const waiting = second.transaction(async (client) => {
      await client.query("SET LOCAL lock_timeout = '200ms'");
      await client.query('SELECT * FROM t');
    });

    const error = await waiting.catch((caught: unknown) => caught);
    release();
    await holder;
    expect(isStoreUnavailable(error)).toBe(true);
    expect((error as Error).message).toMatch(/^the database is busy: /);
    // The connection was fine: the pool goes on using it.
    expect(await second.query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it('leaves a mistake in the SQL as it is', async () => {
    const error = await first.query('SELECT nope FROM t').catch((caught: unknown) => caught);
    expect(isStoreUnavailable(error)).toBe(false);
    expect((error as { code?: string }).code).toBe('42703');
  });
});
