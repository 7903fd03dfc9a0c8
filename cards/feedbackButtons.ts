/** Adds "Did this help?" with Yes and No to an answer card; the answer's id lets the feedback be counted once. */
import type { Strings } from '../locales/strings.js';
import type { CardAttachment } from './renderCard.js';
import { VERBS } from './verbs.js';

export function withFeedback(t: Strings, card: CardAttachment, answerId: string): CardAttachment {
  const content = card.content as { body?: unknown[]; actions?: unknown[] };
  const button = (title: string, helpful: boolean) => ({ type: 'Action.Submit', title, data: { verb: VERBS.feedback, answer: answerId, helpful } });
  return {
    ...card,
    content: {
      ...card.content,
      body: [...(content.body ?? []), { type: 'TextBlock', text: t.feedback.question, weight: 'Bolder', spacing: 'Medium', wrap: true }],
      actions: [...(content.actions ?? []), button(t.feedback.yes, true), button(t.feedback.no, false)],
    },
  };
}
