/**
 * Runs the turns of one conversation one at a time, in the order they arrived; conversations do not wait for
 * each other.
 * @remarks Two turns of one conversation at once (a double-click, two quick presses) would both read the same
 * state and both act on it: two tickets, or a signup answered twice. Within one process that cannot happen now;
 * instances sharing PostgreSQL still rely on the state's eTags.
 */
export class ConversationTurns {
  /** Per conversation, a promise that settles when its last queued turn has finished (it never rejects). */
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(conversation: string, turn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(conversation);
    const result = before ? before.then(turn) : turn();
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(conversation, tail);
    // Forget an idle conversation, so the map holds only conversations with a turn running.
    void tail.then(() => {
      if (this.tails.get(conversation) === tail) this.tails.delete(conversation);
    });
    return result;
  }

  /** Conversations with a turn running or waiting (for tests). */
  get busy(): number {
    return this.tails.size;
  }
}
