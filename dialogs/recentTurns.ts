/**
 * Keeps the last few lines of a conversation, so a ticket arrives with context and the user does not
 * have to repeat themselves.
 * @remarks Transcripts are kept only for tickets: the rolling window (services/transcriptWindows.ts) lives
 * in memory beside the embedded file, or in the database, shared by the instances, with PostgreSQL, where it
 * is forgotten after a day without activity; it is kept for longer only inside a ticket the user sends,
 * where it is removed after TICKET_RETENTION_DAYS. Card replies are kept as their title only.
 */
import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { TranscriptLine } from '../services/models/ticket.js';
import { shorten } from '../services/tickets/shorten.js';
import { MAX_QUESTION } from '../services/tickets/ticketService.js';
import type { TranscriptWindows } from '../services/ports/transcriptWindows.js';

export const RECENT_TURNS_KEPT = 10;
/** The user's own lines are kept as long as a ticket's description may be: one may become it. */
const MAX_USER_LINE = MAX_QUESTION;
const MAX_BOT_LINE = 300;

/** Records the user's text now, and what the bot sends during the turn. */
export async function recordTurns(context: TurnContext, turns: StatePropertyAccessor<TranscriptLine[]>): Promise<void> {
  const add = async (from: TranscriptLine['from'], text: string | undefined) => {
    const trimmed = text?.trim();
    if (!trimmed) return;
    const line = shorten(trimmed, from === 'user' ? MAX_USER_LINE : MAX_BOT_LINE);
    const kept = await turns.get(context, []);
    await turns.set(context, [...kept, { from, text: line, at: new Date().toISOString() }].slice(-RECENT_TURNS_KEPT));
  };
  if (context.activity.type === 'message') await add('user', context.activity.text);
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) if (activity.type === 'message') await add('bot', gist(activity));
    return next();
  });
}

/** The line the bot's message is kept as, as recordTurns keeps it (undefined: none is kept). */
export function botLine(activity: Partial<Activity>): string | undefined {
  const text = gist(activity)?.trim();
  return text ? shorten(text, MAX_BOT_LINE) : undefined;
}

/** A reply as one line: its text, or its card's title. */
function gist(activity: Partial<Activity>): string | undefined {
  if (activity.text) return activity.text;
  const card = activity.attachments?.[0]?.content as { body?: { type?: string; text?: unknown }[] } | undefined;
  const title = card?.body?.find((element) => element.type === 'TextBlock' && typeof element.text === 'string')?.text;
  return typeof title === 'string' ? title : undefined;
}

/** The window (kept by the store's TranscriptWindows) behind the same accessor interface as conversation state. */
export class RecentTurns implements StatePropertyAccessor<TranscriptLine[]> {
  constructor(private readonly windows: TranscriptWindows) {}

  async get(context: TurnContext, defaultValue?: TranscriptLine[]): Promise<TranscriptLine[]> {
    const lines = await this.windows.get(key(context));
    return lines.length > 0 ? lines : [...(defaultValue ?? [])];
  }

  async set(context: TurnContext, value: TranscriptLine[]): Promise<void> {
    await this.windows.set(key(context), value);
  }

  async delete(context: TurnContext): Promise<void> {
    await this.windows.delete(key(context));
  }
}

/**
 * The conversation's window; in a group chat or a channel each person's own, so a ticket carries only the
 * lines of the person who sends it (and of the bot's answers to them), never what colleagues asked there.
 */
function key(context: TurnContext): string {
  const { channelId, conversation, from } = context.activity;
  const shared = conversation?.isGroup === true || (conversation?.conversationType !== undefined && conversation.conversationType !== 'personal');
  return `${channelId}/${conversation?.id ?? ''}${shared ? `/${from?.id ?? ''}` : ''}`;
}
