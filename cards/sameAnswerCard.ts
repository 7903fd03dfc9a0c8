/**
 * Instead of an answer card the user has just seen: a line that points at it by its title, and asks for other words
 * or the "No" that gets a person (dialogs/answers.ts adds "Did this help?").
 */
import { format, type Strings } from '../locales/strings.js';
import { answerCard, type CardAttachment } from './renderCard.js';

export function sameAnswerCard(t: Strings, seen: CardAttachment): CardAttachment {
  return answerCard({ paragraphs: [format(t.common.sameAnswer, { title: titleOf(seen), no: t.feedback.no })] });
}

/** The card's first text: its title, as the user saw it at the top. */
function titleOf(card: CardAttachment): string {
  const body = (card.content as { body?: { type?: string; text?: unknown }[] }).body ?? [];
  const first = body.find((element) => element.type === 'TextBlock' && typeof element.text === 'string');
  return typeof first?.text === 'string' ? first.text.replaceAll('**', '') : '';
}
