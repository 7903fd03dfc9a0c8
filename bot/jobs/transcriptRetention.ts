/**
 * Privacy and size: a background job that, once at start and then every hour, removes the conversation transcript
 * of tickets older than TICKET_RETENTION_DAYS, and drops the state of conversations idle for CONVERSATION_TTL_DAYS.
 * The ticket itself stays (its number, status and question), with `transcriptRemovedAt` saying when its transcript
 * went; so does each user's own state (language, organization type): a person who comes back after the TTL starts
 * a new flow, answered in their language.
 * @remarks It keeps no state of its own: every round asks the store, which skips tickets whose transcript
 * is already gone, so rounds are idempotent and a restart picks up where the last run stopped. With several
 * instances a round is claimed in the database and runs once. Only counts are logged, never any text.
 */
import type { HelpdeskStore } from '../../data/helpdeskStore.js';
import type { HelpdeskRecords } from '../../services/ports/helpdeskRecords.js';
import { IDLE_WINDOW_HOURS, type TranscriptWindows } from '../../services/ports/transcriptWindows.js';
import type { Logger } from '../app/logger.js';
import { startPeriodicJob } from './periodicJob.js';

const DAY_MS = 86_400_000;
/** Rounds run hourly unless a test asks otherwise. */
export const RETENTION_INTERVAL_SECONDS = 3600;

export interface TranscriptRetention {
  /** One round now (after any round in progress); resolves with how many transcripts it removed, rejects if the store failed. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
}

export interface TranscriptRetentionDeps {
  records: Pick<HelpdeskRecords, 'removeTranscriptsBefore'>;
  /** The conversations' recent lines: those idle for IDLE_WINDOW_HOURS are forgotten in the same round. */
  windows?: Pick<TranscriptWindows, 'forgetIdleBefore'>;
  /** Transcripts of tickets created more than this many days ago are removed. */
  retentionDays: number;
  /** The store's conversation state: conversations nobody wrote for `conversationTtlDays` are dropped in each round. */
  conversations?: Pick<HelpdeskStore, 'forgetIdleConversations'>;
  conversationTtlDays?: number;
  now: () => Date;
  /** Seconds between rounds; 3600 (an hour) when not given. */
  intervalSeconds?: number;
  logger: Logger;
  /** Whether this instance runs the round the timer is about to start (several instances, one database). */
  claimRound?: () => Promise<boolean>;
}

export function startTranscriptRetention(deps: TranscriptRetentionDeps): TranscriptRetention {
  const { records, windows, retentionDays, conversations, conversationTtlDays, now, intervalSeconds = RETENTION_INTERVAL_SECONDS, logger, claimRound } = deps;
  const round = async (): Promise<number> => {
    const at = now();
    const before = new Date(at.getTime() - retentionDays * DAY_MS);
    try {
      const removed = await records.removeTranscriptsBefore(before, at);
      // An hourly "removed 0" is noise at info level; a removal is worth seeing.
      logger[removed > 0 ? 'info' : 'debug']({ removed, before: before.toISOString(), retentionDays }, 'ticket transcripts past retention removed');
      const forgotten = (await windows?.forgetIdleBefore(new Date(at.getTime() - IDLE_WINDOW_HOURS * 3_600_000))) ?? 0;
      if (forgotten > 0) logger.debug({ forgotten, idleHours: IDLE_WINDOW_HOURS }, 'idle conversation windows forgotten');
      if (conversations && conversationTtlDays !== undefined) {
        const dropped = await conversations.forgetIdleConversations(new Date(at.getTime() - conversationTtlDays * DAY_MS));
        if (dropped > 0) logger.info({ dropped, conversationTtlDays }, 'state of idle conversations dropped');
      }
      return removed;
    } catch (error) {
      logger.error({ err: error, retentionDays }, 'ticket transcript retention round failed; the next round tries again');
      throw error;
    }
  };

  // A failed round is logged in `round` and reported to whoever asked for it; the next round still runs.
  return startPeriodicJob(round, {
    intervalSeconds,
    runAtStart: true,
    claim: claimRound,
    onBackgroundFailure: () => undefined, // Already logged in `round`, and a round the job started has no caller to tell.
  });
}
