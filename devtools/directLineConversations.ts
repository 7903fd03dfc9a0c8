/**
 * The local Direct Line's conversations: their tokens and transcripts, in memory and bounded.
 * @remarks Every limit drops the oldest: the least recently used conversation once there are too many or
 * one sits idle too long, and a conversation's oldest activities once it holds too many or too many bytes.
 * A token names its conversation (`<conversationId>.<secret>`) so no second index is needed, and the secret
 * is compared in constant time. A replaced activity (a card the bot updates) moves to the end of the
 * transcript with a new watermark and its old id and timestamp, so a client polling from an earlier
 * watermark sees the new version where the old one was.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface DirectLineLimits {
  /** Conversations kept at once; starting one more drops the least recently used. */
  maxConversations: number;
  /** Activities kept per conversation; more drop the oldest. */
  maxActivities: number;
  /** Bytes (as JSON) kept per conversation; more drop the oldest activities. */
  maxBytes: number;
  /** A conversation nobody used for this long is dropped. */
  idleMs: number;
  /** How long a token is valid unless refreshed. */
  tokenSeconds: number;
  /** Activities of one conversation waiting for the bot; more are refused (429). */
  maxPending: number;
}

export const DIRECT_LINE_LIMITS: Readonly<DirectLineLimits> = Object.freeze({
  maxConversations: 50,
  maxActivities: 300,
  maxBytes: 512 * 1024,
  idleMs: 60 * 60 * 1000,
  tokenSeconds: 60 * 60,
  maxPending: 8,
});

/** An activity as the client reads it: the server's id and timestamp, and whatever the sender put in it. */
export interface DirectLineActivity {
  type: string;
  id: string;
  timestamp: string;
  [key: string]: unknown;
}

/** What a sender hands in: the store assigns the id and the timestamp. */
export type NewActivity = { type: string } & Record<string, unknown>;

/** Why a request may not use a conversation, as an HTTP status and a Direct Line error code. */
export interface AccessProblem {
  status: 401 | 403 | 404;
  code: 'MissingToken' | 'TokenInvalid' | 'TokenExpired' | 'ConversationNotFound';
  message: string;
}

interface Entry {
  watermark: number;
  activity: DirectLineActivity;
  bytes: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export class DirectLineConversation {
  private entries: Entry[] = [];
  private bytes = 0;
  private lastWatermark = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private tokenExpiresAt: number;

  constructor(
    readonly id: string,
    /** The user's id in this conversation: the `from.id` of everything they send. */
    readonly userId: string,
    /** The locale the conversation started in; a user's activity without one is sent to the bot in it. */
    readonly locale: string | undefined,
    private readonly secret: string,
    private readonly limits: Readonly<DirectLineLimits>,
    private readonly now: () => number,
  ) {
    this.tokenExpiresAt = now() + limits.tokenSeconds * 1000;
  }

  get token(): string {
    return `${this.id}.${this.secret}`;
  }

  /** Seconds until the token expires. */
  get expiresIn(): number {
    return Math.max(0, Math.round((this.tokenExpiresAt - this.now()) / 1000));
  }

  /** The watermark after the newest activity (0 before the first). */
  get watermark(): number {
    return this.lastWatermark;
  }

  /** Whether `secret` is this conversation's, in constant time. */
  hasSecret(secret: string): boolean {
    return timingSafeEqual(sha256(secret), sha256(this.secret));
  }

  get tokenExpired(): boolean {
    return this.now() >= this.tokenExpiresAt;
  }

  /** Gives the token its full lifetime again (Direct Line's `tokens/refresh`). */
  refreshToken(): void {
    this.tokenExpiresAt = this.now() + this.limits.tokenSeconds * 1000;
  }

  /** Stores a new activity at the end of the transcript with a new id and the current time. */
  append(activity: NewActivity): DirectLineActivity {
    const watermark = this.lastWatermark + 1;
    const stored = { ...activity, id: `${this.id}|${String(watermark).padStart(7, '0')}`, timestamp: new Date(this.now()).toISOString() };
    this.push(watermark, stored);
    return stored;
  }

  /** Replaces the activity with this id, keeping its id and timestamp; undefined when it is not (or no longer) here. */
  replace(id: string, activity: NewActivity): DirectLineActivity | undefined {
    const index = this.entries.findIndex((entry) => entry.activity.id === id);
    if (index < 0) return undefined;
    const [old] = this.entries.splice(index, 1);
    this.bytes -= old!.bytes;
    const stored = { ...activity, id, timestamp: old!.activity.timestamp };
    this.push(this.lastWatermark + 1, stored);
    return stored;
  }

  /** The activities stored after `watermark`, oldest first. */
  since(watermark: number): DirectLineActivity[] {
    return this.entries.filter((entry) => entry.watermark > watermark).map((entry) => entry.activity);
  }

  /**
   * Runs `work` after everything queued before it, so the bot gets one activity of a conversation at a time and
   * in order (concurrent turns of one conversation would race on its state); undefined when too many wait.
   */
  enqueue<T>(work: () => Promise<T>): Promise<T> | undefined {
    if (this.pending >= this.limits.maxPending) return undefined;
    this.pending += 1;
    const run = this.queue.then(work).finally(() => {
      this.pending -= 1;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private push(watermark: number, activity: DirectLineActivity): void {
    const bytes = Buffer.byteLength(JSON.stringify(activity));
    this.entries.push({ watermark, activity, bytes });
    this.bytes += bytes;
    this.lastWatermark = watermark;
    while (this.entries.length > 1 && (this.entries.length > this.limits.maxActivities || this.bytes > this.limits.maxBytes)) {
      this.bytes -= this.entries.shift()!.bytes;
    }
  }
}

export class DirectLineConversations {
  private readonly limits: Readonly<DirectLineLimits>;
  /** In order of last use, least recent first. */
  private readonly conversations = new Map<string, { conversation: DirectLineConversation; lastUsed: number }>();

  constructor(limits: Partial<DirectLineLimits> = {}, private readonly now: () => number = Date.now) {
    this.limits = Object.freeze({ ...DIRECT_LINE_LIMITS, ...limits });
  }

  get size(): number {
    this.dropIdle();
    return this.conversations.size;
  }

  start(locale?: string): DirectLineConversation {
    this.dropIdle();
    const id = randomBytes(16).toString('base64url');
    const conversation = new DirectLineConversation(id, `dl_${randomBytes(8).toString('hex')}`, locale, randomBytes(24).toString('base64url'), this.limits, this.now);
    this.conversations.set(id, { conversation, lastUsed: this.now() });
    while (this.conversations.size > this.limits.maxConversations) {
      this.conversations.delete(this.conversations.keys().next().value!);
    }
    return conversation;
  }

  /** The conversation with this id, marked as used; undefined when unknown or dropped. */
  get(id: string): DirectLineConversation | undefined {
    this.dropIdle();
    const found = this.conversations.get(id);
    if (!found) return undefined;
    this.conversations.delete(id);
    this.conversations.set(id, { conversation: found.conversation, lastUsed: this.now() });
    return found.conversation;
  }

  /** The conversation `id` when the Authorization header carries its valid token. */
  authorize(id: string, authorization: string | undefined): DirectLineConversation | AccessProblem {
    const conversation = this.get(id);
    if (!conversation) return { status: 404, code: 'ConversationNotFound', message: `Conversation "${id}" does not exist (or was dropped).` };
    const token = bearer(authorization);
    if (token === undefined) return { status: 401, code: 'MissingToken', message: 'Send the conversation token as "Authorization: Bearer <token>".' };
    const { conversationId, secret } = splitToken(token);
    if (conversationId !== id || !conversation.hasSecret(secret)) return { status: 403, code: 'TokenInvalid', message: 'The token is not valid for this conversation.' };
    if (conversation.tokenExpired) return { status: 403, code: 'TokenExpired', message: 'The token has expired.' };
    return conversation;
  }

  /** The conversation the Authorization header's token belongs to (starting with a token, refreshing one). */
  byToken(authorization: string | undefined): DirectLineConversation | AccessProblem {
    const token = bearer(authorization);
    if (token === undefined) return { status: 401, code: 'MissingToken', message: 'Send the conversation token as "Authorization: Bearer <token>".' };
    const found = this.authorize(splitToken(token).conversationId, authorization);
    // A token of a dropped conversation is no longer valid: the client needs a new conversation.
    return 'status' in found && found.status === 404 ? { status: 403, code: 'TokenInvalid', message: 'The token is not valid.' } : found;
  }

  private dropIdle(): void {
    const oldest = this.now() - this.limits.idleMs;
    for (const [id, { lastUsed }] of this.conversations) {
      if (lastUsed > oldest) break;
      this.conversations.delete(id);
    }
  }
}

function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

function splitToken(token: string): { conversationId: string; secret: string } {
  const dot = token.lastIndexOf('.');
  return dot < 0 ? { conversationId: '', secret: token } : { conversationId: token.slice(0, dot), secret: token.slice(dot + 1) };
}
