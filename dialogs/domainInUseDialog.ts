/**
 * "Your domain may be in use" (docs/facts.md sections 5 and 10): explain why, ask for the domain unless the message
 * named it, and say who holds it (as Microsoft shows it, with what the directory adds) and what to do.
 */
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { domainStatusCard } from '../cards/domainStatusCard.js';
import { checkDomain } from '../services/organizations/domainStatus.js';
import { workDomainOf } from '../services/signup/addressPolicy.js';
import { emailDomain } from '../services/signup/emailAddress.js';
import type { DialogDeps } from './dialogDeps.js';
import { sendAnswer } from './answers.js';
import { domainPrompt } from './domainPrompt.js';
import { identifyWithProfile } from './requesterOrganization.js';
import { turnStrings } from './turnLanguage.js';

export const DOMAIN_IN_USE_DIALOG = 'domainInUse';
const DOMAIN_PROMPT = 'domainInUse.domainPrompt';
const STEPS = 'domainInUse.steps';

export interface DomainInUseOptions {
  /** The domain the message that started the flow named ("contoso.com is already in use"). */
  domain?: string;
}

export class DomainInUseDialog extends ComponentDialog {
  private readonly domainQuestion = domainPrompt(DOMAIN_PROMPT, 'domainInUse');

  constructor(private readonly deps: DialogDeps) {
    super(DOMAIN_IN_USE_DIALOG);
    this.addDialog(this.domainQuestion);
    this.addDialog(new WaterfallDialog(STEPS, [this.domainStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Ask for the domain, unless the message that started the flow named it; the question explains the cause first. */
  private async domainStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { domain } = (step.options ?? {}) as DomainInUseOptions;
    if (domain) return step.next(domain);
    // The domain just talked about ("is it unmanaged, or does someone else have it?" after an answer about it), else
    // the user's own. Not a personal mail service's domain: that one is never "in use" by an organization.
    const discussed = await this.deps.discussedDomain.get(step.context);
    const requester = await identifyWithProfile(this.deps, step.context);
    return this.domainQuestion.ask(step, { prefill: discussed ?? workDomainOf(emailDomain(requester.email)) ?? '' });
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // Being an admin is judged on what Teams says about the sender only, never on an address typed in chat.
    // Microsoft is asked first; the directory adds what it knows, and answers alone (saying so) when Microsoft can't.
    const requester = await this.deps.identifyRequester(step.context);
    const status = await checkDomain(this.deps.directory, step.result as string, requester, this.deps.microsoft);
    await this.deps.discussedDomain.set(step.context, status.domain);
    await sendAnswer(this.deps, step.context, domainStatusCard(turnStrings(step.context), status), 'domainInUse');
    return step.endDialog();
  }
}
