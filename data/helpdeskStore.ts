/**
 * The stores the bot runs on, behind one interface: the embedded file (DB_FILE, the default: one process)
 * or PostgreSQL (DATABASE_URL: several instances on one database). The rest of the bot never asks which.
 */
import type { Storage } from 'botbuilder';
import type { Directory } from '../services/ports/directory.js';
import type { HelpdeskRecords } from '../services/ports/helpdeskRecords.js';
import type { TranscriptWindows } from '../services/ports/transcriptWindows.js';
import { MemoryTranscriptWindows } from './file/memoryTranscriptWindows.js';
import { HelpdeskFile } from './file/helpdeskFile.js';
import { HelpdeskFileDirectory } from './file/helpdeskFileDirectory.js';
import { HelpdeskFileRecords } from './file/helpdeskFileRecords.js';
import { HelpdeskFileStorage } from './file/helpdeskFileStorage.js';
import { openPostgresStore, type PostgresStoreOptions } from './postgres/postgresStore.js';
import { lockStore } from './file/storeLock.js';

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

/**
 * Opens the configured store. The file is locked for this process (`purpose` says who holds it, in the
 * error another process gets); the database is migrated to this version's schema first.
 */
export async function openHelpdeskStore(location: StoreLocation, purpose: string, options: PostgresStoreOptions = {}): Promise<HelpdeskStore> {
  if (location.databaseUrl) return openPostgresStore(location.databaseUrl, options);
  return openFileStore(location.dbFile, purpose);
}

async function openFileStore(path: string, purpose: string): Promise<HelpdeskStore> {
  // Refuses to start on a store another process (a second bot, an import) is writing.
  const lock = await lockStore(path, purpose);
  let file: HelpdeskFile;
  try {
    file = await HelpdeskFile.open(path);
  } catch (error) {
    await lock.release();
    throw error;
  }
  return {
    kind: 'file',
    storage: new HelpdeskFileStorage(file),
    directory: new HelpdeskFileDirectory(file),
    records: new HelpdeskFileRecords(file),
    // One process: memory is enough, and keeps conversation lines off the disk.
    transcriptWindows: new MemoryTranscriptWindows(),
    // The lock makes this the only process on the file: every round is this one's.
    claimJobRound: async () => true,
    reachable: async () => true,
    close: async () => {
      await file.flush();
      await lock.release();
    },
  };
}
