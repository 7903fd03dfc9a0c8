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
   * Drops the conversation state (isConversationKey) not written since `before`; user state (language,
   * organization type) stays. Returns how many state items went.
   */
  forgetIdleConversations(before: Date): Promise<number>;
  /**
   * Asks to run a background job's round now. True when nobody ran `job` within (most of) the last
   * `intervalSeconds`, and this caller is now the one running it: with several instances, a round runs once.
   */
  claimJobRound(job: string, intervalSeconds: number): Promise<boolean>;
  /** Whether the store answers and takes writes right now (the health check). */
  reachable(): Promise<boolean>;
  /** Writes what is still queued and lets go of the store (the file's lock, the database connections). */
  close(): Promise<void>;
}

export interface StoreLocation {
  dbFile: string;
  /** When set, everything is kept in PostgreSQL and `dbFile` is not used. */
  databaseUrl?: string;
}

/** What opening a store may be told, whichever store it is. */
export interface StoreOptions {
  /** The clock state writes are stamped with (idle conversations expire by it); tests turn it. */
  now?: () => Date;
  /** Something an operator should know about the store, said once at start (a store file past its comfortable size). */
  onNotice?: (message: string, details: Record<string, unknown>) => void;
}

/**
 * Whether a botbuilder state key holds conversation state: `channel/conversations/id` (ConversationState) and
 * `channel/conversations/id/users/user` (PrivateConversationState, each person's flow). A user's own state is
 * `channel/users/user` (UserState).
 */
export function isConversationKey(key: string): boolean {
  return /^[^/]*\/conversations\//.test(key);
}
