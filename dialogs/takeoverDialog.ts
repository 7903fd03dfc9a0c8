/**
 * Admin takeover (docs/facts.md section 6), up to the value from Microsoft: which domain, whether a takeover is
 * possible, internal or external, and the TXT value Microsoft showed the requester (pasted in the card or the chat).
 * @remarks The rest (check DNS, check later, "I've finished in Microsoft", licenses) happens on the card's buttons,
 * handled by TakeoverActions, because the user may come back hours or days later.
 */
import { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { domainStatusCard } from '../cards/domainStatusCard.js';
import { takeoverElsewhereCard } from '../cards/takeoverElsewhereCard.js';
import { takeoverKindCard, type TakeoverKindChoice } from '../cards/takeoverKindCard.js';
import { takeoverRecordCard } from '../cards/takeoverRecordCard.js';
import { takeoverValueCard, whereToFindValue, type TakeoverValueCardData } from '../cards/takeoverValueCard.js';
import { VERBS } from '../cards/verbs.js';
import { format } from '../locales/strings.js';
import { workDomainOf } from '../services/signup/addressPolicy.js';
import { displayDomain, emailDomain } from '../services/signup/emailAddress.js';
import type { TakeoverKind, TakeoverRequest } from '../services/models/takeoverRequest.js';
import type { TakeoverOptions } from '../services/takeover/takeoverService.js';
import { readTxtValue, type TxtValueReading } from '../understanding/txtValue.js';
import { sendAnswer } from './answers.js';
import { cardActivity, CardPrompt, choicePrompt, type PromptReading } from './cardPrompt.js';
import { serviceNamed } from '../services/models/selfServiceServices.js';
import type { DialogDeps } from './dialogDeps.js';
import { domainPrompt } from './domainPrompt.js';
import { latestOpenTakeover, TakeoverActions, valueOrExample, valueProblemText } from './takeoverActions.js';
import { identifyWithProfile } from './requesterOrganization.js';
import { turnLanguage, turnStrings } from './turnLanguage.js';

export const TAKEOVER_DIALOG = 'takeover';
const DOMAIN_PROMPT = 'takeover.domainPrompt';
const KIND_PROMPT = 'takeover.kindPrompt';
const VALUE_PROMPT = 'takeover.valuePrompt';
const STEPS = 'takeover.steps';
const VALUE_STEPS = 'takeover.valueSteps';

export interface TakeoverDialogOptions {
  /** The domain a button named ("Take over contoso.com"). */
  domain?: string;
  /** The service the question says people signed up for ("the teachers signed up for Office 365 A1"). */
  service?: string;
}

interface TakeoverValues {
  domain?: string;
  service?: string;
}

/** The value as the prompt read it, with the request it is for (the card pressed names its request). */
interface PastedValue {
  request: string;
  value: string;
}

export class TakeoverDialog extends ComponentDialog {
  private readonly actions: TakeoverActions;
  private readonly domainQuestion = domainPrompt(DOMAIN_PROMPT, 'takeover');
  private readonly kindQuestion = choicePrompt<TakeoverKind, TakeoverKindChoice>(KIND_PROMPT, {
    verb: VERBS.chooseTakeoverKind,
    valueOf: (action) => (action.verb === VERBS.chooseTakeoverKind ? action.kind : undefined),
    choices: 'takeoverKind',
    strict: true,
    // "yes" takes the card's first offer: becoming its admin.
    onYes: 'internal',
    card: takeoverKindCard,
  });
  /**
   * The value Microsoft showed: pasted in the card's field, or in the chat (a whole record line and quotes are
   * cleaned up). A try that is no value is answered with what a value looks like and where to find it, and the
   * card waits on; a question typed here goes to the router (see RouterDialog.interruption).
   */
  private readonly valueQuestion = new CardPrompt<PastedValue, TakeoverValueCardData>(VALUE_PROMPT, {
    verbs: [VERBS.submitTakeoverValue],
    waitsFor: () => ({ kind: 'txtValue' }),
    read: (context, { action, decision, data }) => {
      const t = turnStrings(context);
      if (action?.verb === VERBS.submitTakeoverValue) return valueReading(t, readTxtValue(action.value), action.request, data);
      if (action || !data || decision?.kind !== 'txtValue') return undefined;
      return valueReading(t, decision.reading, data.request, data);
    },
    retryText: (t, data) => `${t.takeover.valueProblems.notAValue} ${whereToFindValue(t, data.kind, data.domain)}`,
    card: (context, data, retry) => takeoverValueCard(turnStrings(context), retry ? { ...data, status: undefined } : data),
  });

  constructor(private readonly deps: DialogDeps) {
    super(TAKEOVER_DIALOG);
    this.actions = new TakeoverActions(deps);
    this.addDialog(this.domainQuestion);
    this.addDialog(this.kindQuestion);
    this.addDialog(this.valueQuestion);
    this.addDialog(new WaterfallDialog(STEPS, [this.domainStep.bind(this), this.kindStep.bind(this), this.startStep.bind(this)]));
    this.addDialog(new WaterfallDialog(VALUE_STEPS, [this.askValueStep.bind(this), this.valueStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Ask for the domain, pre-filled with the requester's own, unless a button or the message named it. */
  private async domainStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { domain } = (step.options ?? {}) as TakeoverDialogOptions;
    if (domain) return step.next(await this.domainMeant(step.context, domain));
    // "I've added the record" or "how do I become the admin?" again while a takeover is open: that one.
    const open = await latestOpenTakeover(this.deps, step.context);
    if (open) return this.resume(step, open);
    // The domain just talked about ("fabrikam.nl is in use" then "I want to take it over"), else the user's own.
    // A personal mail service's domain (a freelancer's gmail.com in Teams) is never the one to take over.
    const own = workDomainOf(emailDomain((await identifyWithProfile(this.deps, step.context)).email));
    const discussed = await this.deps.discussedDomain.get(step.context);
    // "how do I become admin then?" from a member of an organization that has admins: who to ask, straight away.
    if (!discussed && own) {
      const options = await this.options(step.context, own);
      if (options.kind === 'notPossible' && options.status.kind === 'member') return step.next(own);
    }
    return this.domainQuestion.ask(step, { prefill: discussed ?? own ?? '' });
  }

  /**
   * The domain to take over when a message names one: an admin's own domain named while another was being talked
   * about is where that one should go ("I'm global admin of northwindit.com, can I do the external takeover from
   * there?" about tailspintoys.com), not the one to take over.
   */
  private async domainMeant(context: TurnContext, named: string): Promise<string> {
    const discussed = await this.deps.discussedDomain.get(context);
    if (!discussed || discussed === named) return named;
    const own = workDomainOf(emailDomain((await identifyWithProfile(this.deps, context)).email));
    return own === named ? discussed : named;
  }

  /** Only an unmanaged organization can be taken over; explain the kinds possible, or resume the request already open. */
  private async kindStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const domain = step.result as string;
    (step.values as TakeoverValues).domain = domain;
    await this.deps.discussedDomain.set(step.context, domain);
    const t = turnStrings(step.context);
    const options = await this.options(step.context, domain);
    if (options.kind === 'notPossible' && options.status.kind === 'free') {
      // No organization here to take over: Microsoft's own wizard may still find one that signup created, for someone
      // with an account in it (an address on the domain); anyone else is told that first.
      const address = await this.contactEmail(step.context);
      const onDomain = address !== undefined && isOnDomain(address, domain);
      await sendAnswer(this.deps, step.context, takeoverElsewhereCard(t, domain, onDomain ? undefined : { ...(address ? { address } : {}) }, options.status), 'takeover');
      return step.endDialog();
    }
    if (options.kind === 'notPossible') {
      // A member's own organization: its card says why there is nothing to take over.
      if (options.status.kind !== 'member') await step.context.sendActivity(t.takeover.notPossible);
      await step.context.sendActivity(cardActivity(domainStatusCard(t, options.status)));
      return step.endDialog();
    }
    if (options.open) return this.resume(step, options.open);
    const externalTarget = options.externalTargets[0]?.displayName;
    // People on plans with SharePoint or OneDrive (Office 365 A1) rule the external takeover out, also when the user says so.
    const { service } = (step.options ?? {}) as TakeoverDialogOptions;
    const internalOnly = options.internalOnly || Boolean(service && serviceNamed(service)?.includesSharePoint);
    const choice: TakeoverKindChoice = { domain, members: options.members, externalTarget, internalOnly, internalAllowed: options.internalAllowed };
    if (!options.internalAllowed && (options.internalOnly || !externalTarget)) {
      // No way in yet: what each takes, and how to get an account on the domain first.
      await sendAnswer(this.deps, step.context, takeoverKindCard(t, choice), 'takeover');
      return step.endDialog();
    }
    return this.kindQuestion.ask(step, choice);
  }

  /** Create the request; an external choice that is not possible falls back to internal, where the requester may. */
  private async startStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { domain } = step.values as TakeoverValues;
    const t = turnStrings(step.context);
    // Authority comes from what Teams says about the sender; an address typed in chat is only a way to reach them,
    // and a sign that they can be a user on the domain.
    const requester = await this.deps.identifyRequester(step.context);
    const reachAt = { conversation: conversationReference(step.context), language: turnLanguage(step.context), contactEmail: await this.contactEmail(step.context) };
    let result = await this.deps.takeovers.start(requester, reachAt, domain!, step.result as TakeoverKind);
    if (result.kind === 'externalNotAllowed') {
      // "external" typed when only the internal takeover was offered: say so rather than switch silently.
      await step.context.sendActivity(t.takeover.externalNeedsAdmin);
      result = await this.deps.takeovers.start(requester, reachAt, domain!, 'internal');
    }
    if (result.kind === 'internalNotAllowed') {
      // "yes" typed when only the external takeover was offered: what the internal one needs first.
      await step.context.sendActivity(format(t.takeover.internalNeedsAddress, { domain: displayDomain(domain!) }));
      return step.endDialog();
    }
    if (result.kind !== 'started' && result.kind !== 'resumed') {
      // Someone took the organization over between the question and the answer.
      return step.replaceDialog(TAKEOVER_DIALOG, { domain } satisfies TakeoverDialogOptions);
    }
    return this.resume(step, result.request, result.kind === 'resumed');
  }

  /** Ask for the value Microsoft showed, on the value card. */
  private async askValueStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.valueQuestion.ask(step, step.options as TakeoverValueCardData);
  }

  /** The value is read: record it, and show the record to add at the DNS host. */
  private async valueStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { request, value } = step.result as PastedValue;
    await this.actions.submitValue(step.context, request, value);
    return step.endDialog();
  }

  /**
   * The request's card for the step it is at, remembered as the user's latest, so a typed "check" or a pasted value
   * goes to the request on the card the user just saw (a resumed one too, after starting another domain in between).
   * Waiting for the value, the card asks for it.
   */
  private async resume(step: WaterfallStepContext, request: TakeoverRequest, resumed = true): Promise<DialogTurnResult> {
    const profile = await this.deps.userProfile.get(step.context, {});
    await this.deps.userProfile.set(step.context, { ...profile, takeoverId: request.id });
    if (request.status === 'waitingForValue') {
      return step.replaceDialog(VALUE_STEPS, await this.actions.valueCardData(request, resumed ? 'resumed' : undefined));
    }
    // The target as stored, not the requester's current admin roles, so the card names the organization chosen.
    const target = request.targetOrgId ? await this.deps.directory.findById(request.targetOrgId) : undefined;
    await step.context.sendActivity(cardActivity(takeoverRecordCard(turnStrings(step.context), request, { kind: 'resumed' }, target?.displayName)));
    return step.endDialog();
  }

  private async options(context: TurnContext, domain: string): Promise<TakeoverOptions> {
    return this.deps.takeovers.options(await this.deps.identifyRequester(context), domain, await this.contactEmail(context));
  }

  /** The address the user gave in chat (signing up through the bot), else the one Teams gives. */
  private async contactEmail(context: TurnContext): Promise<string | undefined> {
    const { email } = await this.deps.userProfile.get(context, {});
    return email ?? (await identifyWithProfile(this.deps, context)).email;
  }
}

/** The value read from the card's field or the chat, or what is wrong with it and what a value looks like. */
function valueReading(t: ReturnType<typeof turnStrings>, typed: TxtValueReading, request: string, data: TakeoverValueCardData | undefined): PromptReading<PastedValue, TakeoverValueCardData> {
  // The instructions' example (MS=ms12345678) is named as such, and the card keeps waiting for the real value.
  const reading = valueOrExample(typed);
  if ('value' in reading) return { value: { request, value: reading.value } };
  return { problem: data ? valueProblemText(t, reading.problem, data) : `${t.takeover.valueProblems[reading.problem]} ${t.takeover.valueLooksLike}` };
}

/** The address is on the domain itself (a subdomain's signups make an organization of their own): an account there. */
function isOnDomain(address: string, domain: string): boolean {
  return emailDomain(address) === domain;
}

/** Where news of the request goes: this conversation. */
function conversationReference(context: TurnContext): Record<string, unknown> {
  return JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Record<string, unknown>;
}
