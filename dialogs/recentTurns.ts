/**
 * Keeps the last few lines of a conversation, so a ticket arrives with context and the user does not
 * have to repeat themselves.
 * @remarks Transcripts are kept only for tickets: the rolling window lives in memory (never in the
 * store), per conversation, for a bounded number of conversations; it reaches the disk only inside a
 * ticket the user sends, where it is removed after TICKET_RETENTION_DAYS. Card replies are kept as their
 * title only. After a restart the window starts empty, which only makes the next ticket's context shorter.
 */
import type { Activity, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { TranscriptLine } from '../services/ticket.js';

export const RECENT_TURNS_KEPT = 10;
const MAX_LINE = 300;

/** Records the user's text now, and what the bot sends during the turn. */
export async function recordTurns(context: TurnContext, turns: StatePropertyAccessor<TranscriptLine[]>): Promise<void> {
  const add = async (from: TranscriptLine['from'], text: string | undefined) => {
    const line = text?.trim();
    if (!line) return;
    const kept = await turns.get(context, []);
    await turns.set(context, [...kept, { from, text: line.slice(0, MAX_LINE), at: new Date().toISOString() }].slice(-RECENT_TURNS_KEPT));
  };
  if (context.activity.type === 'message') await add('user', context.activity.text);
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) if (activity.type === 'message') await add('bot', gist(activity));
    return next();
  });
}

/** A reply as one line: its text, or its card's title. */
function gist(activity: Partial<Activity>): string | undefined {
  if (activity.text) return activity.text;
  const card = activity.attachments?.[0]?.content as { body?: { type?: string; text?: unknown }[] } | undefined;
  const title = card?.body?.find((element) => element.type === 'TextBlock' && typeof element.text === 'string')?.text;
  return typeof title === 'string' ? title : undefined;
}

/** Conversations whose window is kept; the least recently active one is forgotten first. */
export const CONVERSATIONS_KEPT = 10_000;

/** The rolling windows, in memory, behind the same accessor interface as conversation state. */
export class RecentTurnsMemory implements StatePropertyAccessor<TranscriptLine[]> {
  private readonly windows = new Map<string, TranscriptLine[]>();

  constructor(private readonly capacity = CONVERSATIONS_KEPT) {}

  async get(context: TurnContext, defaultValue?: TranscriptLine[]): Promise<TranscriptLine[]> {
    return [...(this.windows.get(key(context)) ?? defaultValue ?? [])];
  }

  async set(context: TurnContext, value: TranscriptLine[]): Promise<void> {
    const id = key(context);
    // Re-inserting keeps the Map in order of last activity, so the oldest is first.
    this.windows.delete(id);
    this.windows.set(id, [...value]);
    while (this.windows.size > this.capacity) this.windows.delete(this.windows.keys().next().value as string);
  }

  async delete(context: TurnContext): Promise<void> {
    this.windows.delete(key(context));
  }
}

function key(context: TurnContext): string {
  return `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
}
