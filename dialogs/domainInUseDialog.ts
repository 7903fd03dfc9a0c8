/**
 * "Your domain may be in use" (DOMAIN.md section 5): explain why, ask for the domain unless the message
 * named it, and say who holds it and what to do.
 */
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { domainQuestionCard } from '../cards/domainQuestionCard.js';
import { domainStatusCard } from '../cards/domainStatusCard.js';
import { VERBS } from '../cards/verbs.js';
import { checkDomain } from '../services/domainStatus.js';
import { emailDomain, findDomain, parseDomain } from '../services/emailAddress.js';
import { CardPrompt, cardActivity, type PromptReading } from './cardPrompt.js';
import type { DialogDeps } from './dialogDeps.js';
import { identifyWithProfile } from './requesterOrganization.js';
import { turnStrings } from './turnLanguage.js';

export const DOMAIN_IN_USE_DIALOG = 'domainInUse';
const DOMAIN_PROMPT = 'domainInUse.domainPrompt';
const STEPS = 'domainInUse.steps';

export interface DomainInUseOptions {
  /** The message that started the flow; it may name the domain ("contoso.com is already in use"). */
  text?: string;
}

export class DomainInUseDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(DOMAIN_IN_USE_DIALOG);
    this.addDialog(
      new CardPrompt<string>(DOMAIN_PROMPT, {
        verbs: [VERBS.submitDomain],
        read: (context, { action, text }) =>
          action?.verb === VERBS.submitDomain ? domainReading(context, action.domain) : typedDomainReading(context, text),
        retryText: (t) => t.domainProblems.empty,
      }),
    );
    this.addDialog(new WaterfallDialog(STEPS, [this.domainStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Ask for the domain, unless the message that started the flow named it; the question explains the cause first. */
  private async domainStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { text } = (step.options ?? {}) as DomainInUseOptions;
    const named = text ? findDomain(text) : undefined;
    if (named) return step.next(named);
    const requester = await identifyWithProfile(this.deps, step.context);
    const t = turnStrings(step.context);
    const prefill = emailDomain(requester.email) ?? '';
    return step.prompt(DOMAIN_PROMPT, {
      prompt: cardActivity(domainQuestionCard(t, prefill, true)),
      retryPrompt: cardActivity(domainQuestionCard(t, prefill, false)),
    });
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // Being an admin is judged on what Teams says about the sender only, never on an address typed in chat.
    const status = await checkDomain(this.deps.directory, step.result as string, await this.deps.identifyRequester(step.context));
    await step.context.sendActivity(cardActivity(domainStatusCard(turnStrings(step.context), status)));
    return step.endDialog();
  }
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
  // One word is a try at a domain ("contoso" lacks its dot), unless it is not even made of domain characters.
  if (words.length === 1) return /^[\p{L}\p{N}.@-]+$/u.test(trimmed) ? domainReading(context, trimmed) : undefined;
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
