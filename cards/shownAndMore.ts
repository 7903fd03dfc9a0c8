/**
 * Splits an explanation into what shows at a glance and what waits behind "More" (Action.ToggleVisibility), so
 * an answer reads in a few lines and still holds everything.
 * @remarks How many paragraphs show is decided on the English text, so a card has the same parts in both
 * languages (the Dutch is a little longer, never differently cut).
 */
import type { Strings } from '../locales/strings.js';
import type { AnswerCardData } from './renderCard.js';

/** The first paragraph always, then the next ones while all of them stay within `budget` characters: how many. */
export function countThatFit(paragraphs: readonly string[], budget: number): number {
  let used = 0;
  let count = 0;
  for (const paragraph of paragraphs) {
    used += paragraph.length;
    if (count > 0 && used > budget) break;
    count += 1;
  }
  return count;
}

/** The first `shown` paragraphs, and the rest behind a "More" toggle. */
export function shownAndMore(t: Strings, paragraphs: readonly string[], shown: number): Pick<AnswerCardData, 'paragraphs' | 'details'> {
  const rest = paragraphs.slice(shown);
  return rest.length > 0 ? { paragraphs: paragraphs.slice(0, shown), details: { toggle: t.common.more, paragraphs: rest } } : { paragraphs: [...paragraphs] };
}

/** How much of a topic's explanation shows above the first question of its flow, in characters of the English. */
const INTRO_CHARS = 250;

/**
 * A flow's first question: its explanation's first points with the other points behind "More" right under them,
 * then the question (as the paragraph after, just above the field it asks to fill in).
 * @param englishPoints The same points in English, which decide how many show.
 */
export function introduced(t: Strings, points: readonly string[], englishPoints: readonly string[], question: string): Pick<AnswerCardData, 'paragraphs' | 'details' | 'after'> {
  const { paragraphs, details } = shownAndMore(t, bullets(points), countThatFit(bullets(englishPoints), INTRO_CHARS));
  return { paragraphs, ...(details ? { details: { ...details, first: true } } : {}), after: [question] };
}

/** Points as the cards show them, each after a bullet. */
export function bullets(points: readonly string[]): string[] {
  return points.map((point) => `• ${point}`);
}
