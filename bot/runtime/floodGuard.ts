/**
 * A per-user brake on turns: more than `maxTurns` activities from one user within `windowSeconds` get one
 * polite "slow down", and after that nothing until the window has passed.
 * @remarks Each admitted turn loads and saves state and may call the store, DNS or the channel; one user (or
 * a script with their account) sending hundreds at once would otherwise take the bot's time from everyone
 * else. A refused activity costs a map look-up. The count is kept in memory per instance, in fixed windows
 * (a burst across a window's edge can reach twice the limit, which is still far from a flood), and the map
 * is bounded: when it is full, the user seen longest ago is forgotten first.
 */

export type Admission = 'admit' | 'slowDown' | 'ignore';

export interface FloodGuardOptions {
  maxTurns: number;
  windowSeconds: number;
  /** How many users are remembered at most. */
  maxUsers?: number;
  /** The clock, in milliseconds (tests). */
  now?: () => number;
}

interface UserWindow {
  startedAt: number;
  turns: number;
  warned: boolean;
}

export class FloodGuard {
  private readonly users = new Map<string, UserWindow>();
  private readonly maxUsers: number;
  private readonly now: () => number;

  constructor(private readonly options: FloodGuardOptions) {
    this.maxUsers = options.maxUsers ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts one activity of `user` and says whether to run it, say "slow down" (once per window), or drop it. */
  admit(user: string): Admission {
    const now = this.now();
    let window = this.users.get(user);
    if (!window || now - window.startedAt >= this.options.windowSeconds * 1000) {
      window = { startedAt: now, turns: 0, warned: false };
      // Re-inserted, so the map's order is the order of the windows' starts: the first key is the oldest.
      this.users.delete(user);
      this.users.set(user, window);
      if (this.users.size > this.maxUsers) this.users.delete(this.users.keys().next().value!);
    }
    window.turns += 1;
    if (window.turns <= this.options.maxTurns) return 'admit';
    if (window.warned) return 'ignore';
    window.warned = true;
    return 'slowDown';
  }

  /** How many users are remembered now (tests). */
  get size(): number {
    return this.users.size;
  }
}
