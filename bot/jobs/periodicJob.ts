/**
 * A background job that runs a round every few seconds, never two rounds at once.
 * @remarks A round can outlast the interval (a silent DNS server, a slow disk): a tick then adds nothing,
 * or rounds would pile up behind it, run back to back, and make stop() wait for all of them.
 */
export interface PeriodicJob<T> {
  /** One round now, after the one running; resolves with its result, or rejects with its error. */
  runOnce(): Promise<T>;
  /** Stops the timer and waits for the round in progress. */
  stop(): Promise<void>;
}

export interface PeriodicJobOptions {
  intervalSeconds: number;
  /** Also run a round straight away. */
  runAtStart?: boolean;
  /** A round the job started itself failed: nobody asked for it, so this is where the failure goes. */
  onBackgroundFailure(error: unknown): void;
  /**
   * Asked before each round the timer starts: false when another instance has just run it (one database,
   * several instances), and this tick is skipped. Rounds asked for through runOnce always run.
   */
  claim?: () => Promise<boolean>;
}

export function startPeriodicJob<T>(round: () => Promise<T>, { intervalSeconds, runAtStart = false, onBackgroundFailure, claim }: PeriodicJobOptions): PeriodicJob<T> {
  let running: Promise<unknown> = Promise.resolve();
  /** Rounds asked for and not finished yet (the one running and those queued behind it). */
  let pending = 0;

  /** Runs `work` after the round in progress; the next one waits for it, whether it succeeds or not. */
  const enqueue = <R>(work: () => Promise<R>): Promise<R> => {
    pending += 1;
    const run = running.then(work).finally(() => {
      pending -= 1;
    });
    running = run.catch(() => undefined);
    return run;
  };

  const runOnce = () => enqueue(round);

  const background = () => {
    const claimed = async () => ((await (claim?.() ?? true)) ? round() : undefined);
    enqueue(claimed).catch(onBackgroundFailure);
  };

  if (runAtStart) background();
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
