/**
 * Asks for a domain and takes the answer: the card's field, or a domain typed (found by understanding/understand.ts,
 * with what is wrong with a try at one). Shared by "domain in use" and the takeover.
 */
import type { TurnContext } from 'botbuilder';
import { domainQuestionCard, SUBMIT_VERB, type DomainQuestion } from '../cards/domainQuestionCard.js';
import type { DomainProblem, Parsed } from '../services/signup/emailAddress.js';
import { domainOf } from '../understanding/understand.js';
import { CardPrompt, type PromptReading } from './cardPrompt.js';
import { turnStrings } from './turnLanguage.js';

/** What the domain question keeps while it waits: the field's pre-filled value (the domain of the user's address). */
export interface DomainQuestionData {
  prefill: string;
}

export function domainPrompt(dialogId: string, topic: DomainQuestion): CardPrompt<string, DomainQuestionData> {
  const verb = SUBMIT_VERB[topic];
  return new CardPrompt<string, DomainQuestionData>(dialogId, {
    verbs: [verb],
    waitsFor: (data) => ({ kind: 'domain', prefilled: Boolean(data?.prefill) }),
    read: (context, { action, decision, data }) => {
      if (action && 'domain' in action && action.verb === verb) return domainReading(context, domainOf(action.domain));
      // "ja klopt": the domain the card is pre-filled with.
      if (decision?.kind === 'yes' && data?.prefill) return domainReading(context, domainOf(data.prefill));
      return decision?.kind === 'domain' ? domainReading(context, decision.domain) : undefined;
    },
    retryText: (t) => t.domainProblems.empty,
    // Asked again after a wrong answer: only the question, without the explanation.
    card: (context, { prefill }, retry) => domainQuestionCard(turnStrings(context), topic, prefill, !retry),
  });
}

/** A domain, or what is wrong with it, in the user's language. */
function domainReading(context: TurnContext, parsed: Parsed<string, DomainProblem>): PromptReading<string> {
  return parsed.ok ? { value: parsed.value } : { problem: turnStrings(context).domainProblems[parsed.problem] };
}
