/**
 * Asks for a domain: which one Microsoft says is in use, or which one to take over. The first time it
 * explains the topic; asked again after a wrong answer, only the question.
 */
import { stringsFor, type Strings } from '../locales/strings.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { introduced } from './shownAndMore.js';
import { VERBS } from './verbs.js';

export type DomainQuestion = 'domainInUse' | 'takeover';

/** The button that sends the field, one per question, so an older card of the other flow is not taken as an answer. */
export const SUBMIT_VERB = { domainInUse: VERBS.submitDomain, takeover: VERBS.submitTakeoverDomain } as const;

export function domainQuestionCard(t: Strings, topic: DomainQuestion, prefill: string, introduce: boolean): CardAttachment {
  const s = t[topic];
  const question = `**${s.askDomain}**`;
  return answerCard({
    title: introduce ? s.title : undefined,
    // The first time, what this is about in a line or two before the question; the rest of it behind "More".
    ...(introduce ? introduced(t, s.points, stringsFor('en')[topic].points, question) : { paragraphs: [question] }),
    input: { id: 'domain', label: s.domainLabel, placeholder: s.domainPlaceholder, value: prefill, style: 'text' },
    actions: [
      { title: topic === 'takeover' ? t.takeover.next : t.domainInUse.check, data: { verb: SUBMIT_VERB[topic] } },
      { title: t.common.cancel, data: { verb: VERBS.cancel } },
    ],
  });
}
