/**
 * Admin takeover (docs/facts.md section 6), up to the TXT record: which domain, whether a takeover is
 * possible, internal or external, and the record to publish.
 * @remarks The rest (verify, check later, licenses, completion) happens on the record card's buttons,
 * handled by TakeoverActions, because the user may come back hours or days later.
 */
import { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { domainStatusCard } from '../cards/domainStatusCard.js';
import { takeoverElsewhereCard } from '../cards/takeoverElsewhereCard.js';
import { takeoverKindCard, type TakeoverKindChoice } from '../cards/takeoverKindCard.js';
import { takeoverRecordCard } from '../cards/takeoverRecordCard.js';
import { VERBS } from '../cards/verbs.js';
import { workDomainOf } from '../services/signup/addressPolicy.js';
import { emailDomain, findDomain } from '../services/signup/emailAddress.js';
import type { TakeoverKind, TakeoverRequest } from '../services/models/takeoverRequest.js';
import type { TakeoverOptions } from '../services/takeover/takeoverService.js';
import { sendAnswer } from './answers.js';
import { cardActivity, choicePrompt } from './cardPrompt.js';
import type { DialogDeps } from './dialogDeps.js';
import { domainPrompt } from './domainPrompt.js';
import { latestOpenTakeover } from './takeoverActions.js';
import { identifyWithProfile } from './requesterOrganization.js';
import { turnLanguage, turnStrings } from './turnLanguage.js';

export const TAKEOVER_DIALOG = 'takeover';
const DOMAIN_PROMPT = 'takeover.domainPrompt';
const KIND_PROMPT = 'takeover.kindPrompt';
const STEPS = 'takeover.steps';

export interface TakeoverDialogOptions {
  /** The domain a button named ("Take over contoso.com"). */
  domain?: string;
  /** The message that started the flow; it may name the domain. */
  text?: string;
}

interface TakeoverValues {
  domain?: string;
}

export class TakeoverDialog extends ComponentDialog {
  private readonly domainQuestion = domainPrompt(DOMAIN_PROMPT, 'takeover');
  private readonly kindQuestion = choicePrompt<TakeoverKind, TakeoverKindChoice>(KIND_PROMPT, {
    verb: VERBS.chooseTakeoverKind,
    valueOf: (action) => (action.verb === VERBS.chooseTakeoverKind ? action.kind : undefined),
    choices: (t) => [
      { value: 'internal', synonyms: [t.takeover.chooseInternal, ...t.takeover.internalSynonyms] },
      { value: 'external', synonyms: t.takeover.externalSynonyms },
    ],
    card: takeoverKindCard,
    strict: true,
  });

  constructor(private readonly deps: DialogDeps) {
    super(TAKEOVER_DIALOG);
    this.addDialog(this.domainQuestion);
    this.addDialog(this.kindQuestion);
    this.addDialog(new WaterfallDialog(STEPS, [this.domainStep.bind(this), this.kindStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Ask for the domain, pre-filled with the requester's own, unless a button or the message named it. */
  private async domainStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { domain, text } = (step.options ?? {}) as TakeoverDialogOptions;
    const named = domain ?? (text ? findDomain(text) : undefined);
    if (named) return step.next(named);
    // "I've added the record" or "how do I become the admin?" again while a takeover is open: that one.
    const open = await latestOpenTakeover(this.deps, step.context);
    if (open) {
      await this.showRecord(step.context, open, { kind: 'resumed' });
      return step.endDialog();
    }
    // The domain just talked about ("fabrikam.nl is in use" then "I want to take it over"), else the user's own.
    // A personal mail service's domain (a freelancer's gmail.com in Teams) is never the one to take over.
    const own = workDomainOf(emailDomain((await identifyWithProfile(this.deps, step.context)).email));
    const prefill = (await this.deps.discussedDomain.get(step.context)) ?? own ?? '';
    return this.domainQuestion.ask(step, { prefill });
  }

  /** Only an unmanaged organization can be taken over; explain the two kinds, or resume the request already open. */
  private async kindStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const domain = step.result as string;
    (step.values as TakeoverValues).domain = domain;
    await this.deps.discussedDomain.set(step.context, domain);
    const t = turnStrings(step.context);
    const options = await this.options(step.context, domain);
    if (options.kind === 'notPossible' && options.status.kind === 'free') {
      // No organization here to take over: Microsoft's own wizard may still find one that signup created.
      await sendAnswer(this.deps, step.context, takeoverElsewhereCard(t, domain), 'takeover');
      return step.endDialog();
    }
    if (options.kind === 'notPossible') {
      // A member's own organization: its card says why there is nothing to take over.
      if (options.status.kind !== 'member') await step.context.sendActivity(t.takeover.notPossible);
      await step.context.sendActivity(cardActivity(domainStatusCard(t, options.status)));
      return step.endDialog();
    }
    if (options.open) {
      await this.showRecord(step.context, options.open, { kind: 'resumed' });
      return step.endDialog();
    }
    const externalTarget = options.externalTargets[0]?.displayName;
    return this.kindQuestion.ask(step, { domain, members: options.members, externalTarget, internalOnly: options.internalOnly });
  }

  /** Create the request and show the record; an external choice that is not possible falls back to internal. */
  private async recordStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { domain } = step.values as TakeoverValues;
    // Authority comes from what Teams says about the sender; an address typed in chat is only a way to reach them.
    const requester = await this.deps.identifyRequester(step.context);
    const contactEmail = (await identifyWithProfile(this.deps, step.context)).email;
    const reachAt = { conversation: conversationReference(step.context), language: turnLanguage(step.context), contactEmail };
    let result = await this.deps.takeovers.start(requester, reachAt, domain!, step.result as TakeoverKind);
    if (result.kind === 'externalNotAllowed') {
      // "external" typed when only the internal takeover was offered: say so rather than switch silently.
      await step.context.sendActivity(turnStrings(step.context).takeover.externalNeedsAdmin);
      result = await this.deps.takeovers.start(requester, reachAt, domain!, 'internal');
    }
    if (result.kind !== 'started' && result.kind !== 'resumed') {
      // Someone took the organization over between the question and the answer.
      return step.replaceDialog(TAKEOVER_DIALOG, { domain } satisfies TakeoverDialogOptions);
    }
    await this.showRecord(step.context, result.request, { kind: result.kind === 'resumed' ? 'resumed' : 'new' });
    return step.endDialog();
  }

  /**
   * Shows the record card and remembers its request as the user's latest, so a typed "verify" checks the
   * request on the card the user just saw (a resumed one too, after starting another domain in between).
   */
  private async showRecord(context: TurnContext, request: TakeoverRequest, status: { kind: 'new' | 'resumed' }): Promise<void> {
    const profile = await this.deps.userProfile.get(context, {});
    await this.deps.userProfile.set(context, { ...profile, takeoverId: request.id });
    // The target as stored, not the requester's current admin roles, so the card names the organization chosen.
    const target = request.targetOrgId ? await this.deps.directory.findById(request.targetOrgId) : undefined;
    await context.sendActivity(cardActivity(takeoverRecordCard(turnStrings(context), request, status, target?.displayName)));
  }

  private async options(context: TurnContext, domain: string): Promise<TakeoverOptions> {
    return this.deps.takeovers.options(await this.deps.identifyRequester(context), domain);
  }
}

/** Where the proactive "your record is there" message goes: this conversation. */
function conversationReference(context: TurnContext): Record<string, unknown> {
  return JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Record<string, unknown>;
}
