/**
 * The store cannot be reached right now (the database is restarting, the network dropped): the request
 * may well succeed in a moment, so the user is asked to try again and nothing they had is thrown away.
 * @remarks A contract between `data/` (which recognises its driver's connection failures) and the turn
 * error handler (which answers "try again in a moment" instead of "something went wrong").
 */
export class StoreUnavailableError extends Error {
  override readonly name: string = 'StoreUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The store was reached but could not keep a change (a full disk, an I/O error, a failed sync): the change is
 * not kept and the user is told "I couldn't save that", not that the records are out of reach.
 */
export class StoreWriteFailedError extends StoreUnavailableError {
  override readonly name = 'StoreWriteFailedError';
}

/** True when an error's cause chain holds a StoreWriteFailedError: a change that was refused, not kept. */
export function isStoreWriteFailed(error: unknown): boolean {
  return causes(error).some((cause) => cause instanceof StoreWriteFailedError);
}

/** True for a StoreUnavailableError anywhere in an error's cause chain (the SDK wraps some errors). */
export function isStoreUnavailable(error: unknown): boolean {
  return causes(error).some((cause) => cause instanceof StoreUnavailableError);
}

/**
 * An error and what it wraps, a few levels deep: `cause`, and `error`, where botbuilder-dialogs' DialogContextError
 * keeps the error a dialog step threw (a store failure inside a step arrives wrapped in one).
 */
function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let current = error; current instanceof Error && chain.length < 5; ) {
    chain.push(current);
    const { cause, error: wrapped } = current as Error & { error?: unknown };
    current = cause ?? wrapped;
  }
  return chain;
}
