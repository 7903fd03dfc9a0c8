/**
 * Keeps the last few lines of a conversation, so a ticket arrives with context and the user does not
 * have to repeat themselves.
 * @remarks Only a short rolling window is kept (in conversation state, overwritten as the chat goes on);
 * it is copied into a ticket only when the user sends one, and removed from tickets after
 * TICKET_RETENTION_DAYS. Card replies are kept as their title only.
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
