/**
 * The last few lines of each conversation, kept only so that a ticket arrives with context. `data/` keeps
 * them: in memory beside the embedded file (one process), in the database with PostgreSQL (several
 * instances, where one conversation's turns land on any of them).
 */
import type { TranscriptLine } from '../models/ticket.js';

/** Windows nobody added to for this long are forgotten: they are context for a question asked now, not history. */
export const IDLE_WINDOW_HOURS = 24;

export interface TranscriptWindows {
  /** The window of a conversation (a channel-qualified conversation id); empty when there is none. */
  get(conversation: string): Promise<TranscriptLine[]>;
  set(conversation: string, lines: readonly TranscriptLine[]): Promise<void>;
  delete(conversation: string): Promise<void>;
  /** Forgets the windows last changed before `before`; returns how many. */
  forgetIdleBefore(before: Date): Promise<number>;
}
