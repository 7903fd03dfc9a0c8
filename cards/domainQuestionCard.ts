/** Asks which domain Microsoft says is in use; the first time after explaining why that happens. */
import type { Strings } from '../locales/strings.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { VERBS } from './verbs.js';

export function domainQuestionCard(t: Strings, prefill: string, introduce: boolean): CardAttachment {
  const s = t.domainInUse;
  const question = `**${s.askDomain}**`;
  return answerCard({
    title: introduce ? s.title : undefined,
    paragraphs: introduce ? [...s.points.map((point) => `• ${point}`), question] : [question],
    input: { id: 'domain', label: s.domainLabel, placeholder: s.domainPlaceholder, value: prefill, style: 'text' },
    actions: [
      { title: s.check, data: { verb: VERBS.submitDomain } },
      { title: t.common.cancel, data: { verb: VERBS.cancel } },
    ],
  });
}
