/**
 * The answer card the bot last showed in this conversation, so asking the same thing again ("am I an admin?" once
 * more) gets a line pointing at the card just above instead of the same card once more.
 * @remarks "Just seen" means the card is still the last thing the bot said: the conversation's recent lines
 * (recentTurns.ts) end with its title, just before what the user says now, and the flow keeps a fingerprint of the
 * last answer card (never its text) to tell it from another card with the same title. After any other message of
 * the bot, or an hour later, the card is shown again in full.
 */
import { createHash } from 'node:crypto';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { CardAttachment } from '../cards/renderCard.js';
import type { TranscriptLine } from '../services/models/ticket.js';
import { botLine } from './recentTurns.js';

export interface ShownAnswer {
  /** sha256 of the card as sent, before "Did this help?" (which carries the answer's id). */
  card: string;
  at: string;
}

/** How long a shown answer counts as "just seen". */
export const JUST_SEEN_MS = 60 * 60 * 1000;

/** Where they are kept: DialogDeps.lastShownAnswer and DialogDeps.recentTurns. */
interface ShownAnswers {
  lastShownAnswer: StatePropertyAccessor<ShownAnswer | undefined>;
  recentTurns: StatePropertyAccessor<TranscriptLine[]>;
}

/**
 * Remembers `card` as the answer shown now, and says whether it is the one the user has just seen.
 * @param now The time of this turn.
 */
export async function showAnswer(deps: ShownAnswers, context: TurnContext, card: CardAttachment, now: Date): Promise<{ repeated: boolean }> {
  const fingerprint = createHash('sha256').update(JSON.stringify(card.content)).digest('base64url');
  const last = await deps.lastShownAnswer.get(context);
  await deps.lastShownAnswer.set(context, { card: fingerprint, at: now.toISOString() });
  if (last?.card !== fingerprint || now.getTime() - Date.parse(last.at) >= JUST_SEEN_MS) return { repeated: false };
  // What the user saw last: the bot's line before what they said now (a button press adds no line of its own).
  const lines = await deps.recentTurns.get(context, []);
  const seen = lines.at(-1)?.from === 'user' ? lines.at(-2) : lines.at(-1);
  return { repeated: seen?.from === 'bot' && seen.text === botLine({ attachments: [card] }) };
}
