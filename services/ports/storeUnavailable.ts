/**
 * The store cannot be reached right now (the database is restarting, the network dropped): the request
 * may well succeed in a moment, so the user is asked to try again and nothing they had is thrown away.
 * @remarks A contract between `data/` (which recognises its driver's connection failures) and the turn
 * error handler (which answers "try again in a moment" instead of "something went wrong").
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** True for a StoreUnavailableError anywhere in an error's cause chain (the SDK wraps some errors). */
export function isStoreUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof StoreUnavailableError) return true;
  }
  return false;
}
