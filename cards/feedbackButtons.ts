/**
 * Adds "Did this help?" with Yes and No to an answer card; the answer's id lets the feedback be counted once.
 * @remarks The question stands with its own two buttons, under a line, after the answer's own buttons: as card
 * actions after "Change organization type" or "21Vianet (China)", Yes and No read as answers to the wrong thing.
 * The answer's actions therefore move from the card's action bar into the body, above the rating.
 */
import type { Strings } from '../locales/strings.js';
import type { CardAttachment } from './renderCard.js';
import { VERBS } from './verbs.js';

export function withFeedback(t: Strings, card: CardAttachment, answerId: string): CardAttachment {
  const content = card.content as { body?: unknown[]; actions?: unknown[] };
  const button = (title: string, helpful: boolean) => ({ type: 'Action.Submit', title, data: { verb: VERBS.feedback, answer: answerId, helpful } });
  const answerActions = content.actions ?? [];
  const rest = { ...card.content };
  delete rest.actions;
  return {
    ...card,
    content: {
      ...rest,
      body: [
        ...(content.body ?? []),
        ...(answerActions.length > 0 ? [{ type: 'ActionSet', spacing: 'Medium', actions: answerActions }] : []),
        {
          type: 'Container',
          separator: true,
          spacing: 'Large',
          items: [
            { type: 'TextBlock', text: t.feedback.question, weight: 'Bolder', wrap: true },
            { type: 'ActionSet', spacing: 'Small', actions: [button(t.feedback.yes, true), button(t.feedback.no, false)] },
          ],
        },
      ],
    },
  };
}
