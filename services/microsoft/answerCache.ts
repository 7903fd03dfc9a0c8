/**
 * What Microsoft answered, kept for a while so that a busy chat does not ask Microsoft at every message, and one
 * question asked once while it is being asked (two messages at the same moment share the one request).
 * @remarks A small Map with expiry and a size cap: past the cap the oldest entry goes (a Map keeps insertion order).
 */
export interface Kept<T> {
  value: T;
  /** How long to keep it, in milliseconds; 0 keeps it only while it is being asked. */
  keepMs: number;
}

interface Entry {
  promise: Promise<unknown>;
  /** Epoch ms; Infinity while the question is being asked. */
  expires: number;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The kept answer to `key`, else `ask()`'s, kept as long as it says (a rejection is not kept). `fresh` asks again
   * even when an answer is kept (joining a question being asked right now), and keeps the new answer.
   */
  get<T>(key: string, ask: () => Promise<Kept<T>>, fresh = false): Promise<T> {
    const found = this.entries.get(key);
    if (found && found.expires > this.now() && (!fresh || found.expires === Infinity)) return found.promise as Promise<T>;
    if (found) this.entries.delete(key);
    const entry: Entry = { promise: Promise.resolve(), expires: Infinity };
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    entry.promise = ask().then(
      ({ value, keepMs }) => {
        if (keepMs > 0) entry.expires = this.now() + keepMs;
        else forget();
        return value;
      },
      (error: unknown) => {
        forget();
        throw error;
      },
    );
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return entry.promise as Promise<T>;
  }

  /** How many answers are kept (or being asked), for tests. */
  get size(): number {
    return this.entries.size;
  }
}
