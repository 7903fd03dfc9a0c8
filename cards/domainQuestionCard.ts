/** Asks which domain Microsoft says is in use, after explaining why that happens. */
import type { Strings } from '../locales/strings.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { VERBS } from './verbs.js';

export function domainQuestionCard(t: Strings, prefill: string): CardAttachment {
  const s = t.domainInUse;
  return answerCard({
    title: s.title,
    paragraphs: [...s.points.map((point) => `• ${point}`), `**${s.askDomain}**`],
    input: { id: 'domain', label: s.domainLabel, placeholder: s.domainPlaceholder, value: prefill, style: 'text' },
    actions: [
      { title: s.check, data: { verb: VERBS.submitDomain } },
      { title: t.common.cancel, data: { verb: VERBS.cancel } },
    ],
  });
}
