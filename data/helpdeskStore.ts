/**
 * The stores the bot runs on, behind one interface: the embedded file (DB_FILE, the default: one process)
 * or PostgreSQL (DATABASE_URL: several instances on one database). The rest of the bot never asks which;
 * openHelpdeskStore.ts opens the configured one.
 */
import type { Storage } from 'botbuilder';
import type { Directory } from '../services/ports/directory.js';
import type { HelpdeskRecords } from '../services/ports/helpdeskRecords.js';
import type { TranscriptWindows } from '../services/ports/transcriptWindows.js';

export interface HelpdeskStore {
  readonly kind: 'file' | 'postgres';
  /** Conversation and user state (botbuilder's eTag contract). */
  readonly storage: Storage;
  readonly directory: Directory;
  readonly records: HelpdeskRecords;
  /** The last lines of each conversation, for a ticket's context. */
  readonly transcriptWindows: TranscriptWindows;
  /**
   * Asks to run a background job's round now. True when nobody ran `job` within (most of) the last
   * `intervalSeconds`, and this caller is now the one running it: with several instances, a round runs once.
   */
  claimJobRound(job: string, intervalSeconds: number): Promise<boolean>;
  /** Whether the store answers right now (the health check). */
  reachable(): Promise<boolean>;
  /** Writes what is still queued and lets go of the store (the file's lock, the database connections). */
  close(): Promise<void>;
}

export interface StoreLocation {
  dbFile: string;
  /** When set, everything is kept in PostgreSQL and `dbFile` is not used. */
  databaseUrl?: string;
}
