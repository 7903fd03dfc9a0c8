/**
 * Asks for a domain and reads the answer: the card's field, a domain typed in a sentence, or a try at
 * one with what is wrong with it. Shared by "domain in use" and the takeover.
 */
import type { TurnContext } from 'botbuilder';
import { domainQuestionCard, SUBMIT_VERB, type DomainQuestion } from '../cards/domainQuestionCard.js';
import { findDomain, parseDomain } from '../services/signup/emailAddress.js';
import { CardPrompt, type PromptReading } from './cardPrompt.js';
import { saysYes } from '../understanding/commands.js';
import { turnStrings } from './turnLanguage.js';

/** What the domain question keeps while it waits: the field's pre-filled value (the domain of the user's address). */
export interface DomainQuestionData {
  prefill: string;
}

export function domainPrompt(dialogId: string, topic: DomainQuestion): CardPrompt<string, DomainQuestionData> {
  const verb = SUBMIT_VERB[topic];
  return new CardPrompt<string, DomainQuestionData>(dialogId, {
    verbs: [verb],
    read: (context, { action, text, data }) => {
      if (action && 'domain' in action && action.verb === verb) return domainReading(context, action.domain);
      // "ja klopt": the domain the card is pre-filled with.
      if (data?.prefill && saysYes(text)) return domainReading(context, data.prefill);
      return typedDomainReading(context, text);
    },
    retryText: (t) => t.domainProblems.empty,
    // Asked again after a wrong answer: only the question, without the explanation.
    card: (context, { prefill }, retry) => domainQuestionCard(turnStrings(context), topic, prefill, !retry),
  });
}

/** What the card's field holds: a domain, or the domain of an address typed there. */
function domainReading(context: TurnContext, input: string): PromptReading<string> {
  const trimmed = input.trim();
  const parsed = parseDomain(trimmed.includes('@') ? trimmed.slice(trimmed.lastIndexOf('@') + 1) : trimmed);
  return parsed.ok ? { value: parsed.value } : { problem: turnStrings(context).domainProblems[parsed.problem] };
}

/**
 * A domain typed in a sentence ("it's about contoso.com"), or, when the text is short and looks like a
 * try at one ("con toso.com", 300 characters of letters), what is wrong with it. Anything else is no answer,
 * so a new question typed here is recognized as one.
 */
function typedDomainReading(context: TurnContext, text: string | undefined): PromptReading<string> {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  const words = trimmed.split(/\s+/);
  // One word is a try at a domain ("contoso" lacks its dot), a web address ("https://contoso.com/") or an email
  // address, unless it is not even made of the characters those have.
  if (words.length === 1) return /^[\p{L}\p{N}.@:/?#=&%_~+-]+$/u.test(trimmed) ? domainReading(context, trimmed) : undefined;
  const found = findDomain(trimmed);
  if (found && !isSplitDomain(context, words)) return { value: found };
  return words.length <= 4 && trimmed.includes('.') ? domainReading(context, trimmed) : undefined;
}

/**
 * "con toso.com": two plain words, one of them not filler ("it's", "for", "om"), are more likely a domain
 * typed with a space than a sentence, so the user is told about the space rather than answered for
 * "toso.com". Longer texts are sentences ("het gaat om bücher.nl").
 */
function isSplitDomain(context: TurnContext, words: string[]): boolean {
  if (words.length !== 2 || !words.every((word) => /^[\p{L}\p{N}.-]+$/u.test(word))) return false;
  const filler = new Set(turnStrings(context).domainInUse.fillerWords);
  return words.some((word) => !word.includes('.') && !filler.has(word.toLowerCase()));
}
