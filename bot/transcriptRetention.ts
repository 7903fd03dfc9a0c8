/**
 * Privacy: a background job that removes the conversation transcript of tickets older than
 * TICKET_RETENTION_DAYS, once at start and then every hour. The ticket itself stays (its number, status
 * and question), with `transcriptRemovedAt` saying when its transcript went.
 * @remarks It keeps no state of its own: every round asks the store, which skips tickets whose transcript
 * is already gone, so rounds are idempotent and a restart picks up where the last run stopped. Only counts
 * are logged, never any text from a ticket.
 */
import type { HelpdeskRecords } from '../services/helpdeskRecords.js';
import type { Logger } from './logger.js';

const DAY_MS = 86_400_000;

export interface TranscriptRetention {
  /** One round now (after any round in progress); resolves with how many transcripts it removed, rejects if the store failed. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
}

export interface TranscriptRetentionDeps {
  records: Pick<HelpdeskRecords, 'removeTranscriptsBefore'>;
  /** Transcripts of tickets created more than this many days ago are removed. */
  retentionDays: number;
  now: () => Date;
  /** Seconds between rounds; 3600 (an hour) when not given. */
  intervalSeconds?: number;
  logger: Logger;
}

export function startTranscriptRetention({ records, retentionDays, now, intervalSeconds = 3600, logger }: TranscriptRetentionDeps): TranscriptRetention {
  /** The last round asked for; the next one starts only after it, so rounds never overlap. */
  let running: Promise<unknown> = Promise.resolve();
  /** Rounds asked for and not finished yet (the one running and those queued behind it). */
  let pending = 0;

  const round = async (): Promise<number> => {
    const at = now();
    const before = new Date(at.getTime() - retentionDays * DAY_MS);
    try {
      const removed = await records.removeTranscriptsBefore(before, at);
      // An hourly "removed 0" is noise at info level; a removal is worth seeing.
      logger[removed > 0 ? 'info' : 'debug']({ removed, before: before.toISOString(), retentionDays }, 'ticket transcripts past retention removed');
      return removed;
    } catch (error) {
      logger.error({ err: error, retentionDays }, 'ticket transcript retention round failed; the next round tries again');
      throw error;
    }
  };

  const runOnce = (): Promise<number> => {
    pending += 1;
    const run = running.then(round).finally(() => {
      pending -= 1;
    });
    // A failed round is logged in `round` and reported to whoever asked for it; the next round still runs.
    running = run.catch(() => undefined);
    return run;
  };

  /** Rounds the job starts itself: their failure is already logged, and there is no caller to tell. */
  const background = () => {
    runOnce().catch(() => undefined);
  };

  background();
  // A round on a slow disk can outlast the interval: a tick then adds nothing, or rounds would pile up.
  const timer = setInterval(() => {
    if (pending === 0) background();
  }, intervalSeconds * 1000);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
