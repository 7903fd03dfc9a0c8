/**
 * Every store on one PostgreSQL database (DATABASE_URL), for several instances behind a load balancer:
 * bot state, directory, takeovers, answers, tickets, audit, and the claims that let a background job run
 * once across instances.
 */
import type { HelpdeskStore, StoreOptions } from '../helpdeskStore.js';
import { Database } from './database.js';
import { migrate, type MigrationReport } from './migrations.js';
import { PostgresDirectory } from './postgresDirectory.js';
import { PostgresRecords } from './postgresRecords.js';
import { PostgresStorage } from './postgresStorage.js';
import { PostgresTranscriptWindows } from './postgresTranscriptWindows.js';

export interface PostgresStoreOptions extends StoreOptions {
  onIdleError?: (error: Error) => void;
  /** Told what the start-up migration applied. */
  onMigrated?: (report: MigrationReport) => void;
}

const CLAIM_ROUND = `
  INSERT INTO job_rounds (job, last_run_at) VALUES ($1, now())
  ON CONFLICT (job) DO UPDATE SET last_run_at = now()
    WHERE job_rounds.last_run_at <= now() - make_interval(secs => $2)
  RETURNING job`;

/**
 * A round is claimed when nobody ran the job in the last 90% of its interval: instances whose timers tick
 * a little apart then agree that the first one ran it, while the same instance's next tick, a whole interval
 * later, is never refused for arriving a few milliseconds early. The database's clock decides, not the
 * instances' clocks.
 */
const CLAIM_WINDOW = 0.9;

export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<HelpdeskStore> {
  const database = new Database(url, { onIdleError: options.onIdleError });
  try {
    const report = await migrate(database);
    options.onMigrated?.(report);
  } catch (error) {
    await database.close();
    throw new Error(`the PostgreSQL database at ${describeDatabaseUrl(url)} could not be prepared: ${(error as Error).message}`, { cause: error });
  }
  const storage = new PostgresStorage(database, options.now);
  return {
    kind: 'postgres',
    storage,
    directory: new PostgresDirectory(database),
    records: new PostgresRecords(database),
    transcriptWindows: new PostgresTranscriptWindows(database),
    forgetIdleConversations: (before) => storage.forgetIdleConversations(before),
    claimJobRound: async (job, intervalSeconds) => (await database.query(CLAIM_ROUND, [job, intervalSeconds * CLAIM_WINDOW])).length > 0,
    reachable: async () => {
      try {
        await database.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => database.close(),
  };
}

/** host:port/database of a connection string, without the user name or password, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}
