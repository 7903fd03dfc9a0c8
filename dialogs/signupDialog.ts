/**
 * Self-service signup (docs/facts.md section 4): explain, ask for the address, show what will happen, and
 * record it only when the user confirms.
 * @remarks The address can come from the message that started the flow ("sign me up for Power BI with
 * sara@contoso.com"), the card's field (pre-filled with the Teams address), or typed text. The preview is
 * not a promise: the signup is planned again when it is recorded, since a colleague may have been first.
 */
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { randomUUID } from 'node:crypto';
import { addressCard } from '../cards/addressCard.js';
import { signupAnswerCard, type SignupAnswer } from '../cards/signupAnswerCard.js';
import { previewPlan, signupPreviewCard, type PreviewPlan } from '../cards/signupPreviewCard.js';
import { VERBS } from '../cards/verbs.js';
import { displayDomain, emailDomain, parseEmailAddress, type AddressProblem, type EmailAddress, type Parsed } from '../services/signup/emailAddress.js';
import { format } from '../locales/strings.js';
import { likelyMeantDomain, workDomainOf } from '../services/signup/addressPolicy.js';
import { isRecordable, planSignup, recordSignup, type SignupRequest } from '../services/signup/signup.js';
import { askMicrosoftAbout, type MicrosoftDomainView } from '../services/organizations/domainAtMicrosoft.js';
import { CardPrompt, cardActivity, type PromptReading } from './cardPrompt.js';
import type { DialogDeps } from './dialogDeps.js';
import { rememberFinishedCard } from './finishedCards.js';
import { sendAnswer } from './answers.js';
import { identifyWithProfile } from './requesterOrganization.js';
import { turnStrings } from './turnLanguage.js';
import { WHO_IS_MY_ADMIN_DIALOG, type WhoIsMyAdminOptions } from './whoIsMyAdminDialog.js';

export const SIGNUP_DIALOG = 'signup';
const ADDRESS_PROMPT = 'signup.addressPrompt';
const CONFIRM_PROMPT = 'signup.confirmPrompt';
const STEPS = 'signup.steps';

export interface SignupOptions {
  /** An address the message that started the flow held, or a try at one (what is wrong with it is said first). */
  typed?: Parsed<EmailAddress, AddressProblem>;
  /** An address already given (typed at the confirmation, or pressed on an older card). */
  address?: EmailAddress;
  /** The user wants another address: skip the explanation. */
  askAgain?: boolean;
  /** A service named earlier in this signup, or in the message that started it. */
  service?: string;
}

type GivenAddress = { kind: 'address'; address: EmailAddress; service?: string };
type AddressAnswer = GivenAddress | { kind: 'noWorkAddress' };
type ConfirmAnswer = GivenAddress | { kind: 'confirm'; preview: string } | { kind: 'change' } | { kind: 'decline' };

interface SignupValues {
  service?: string;
  request?: SignupRequest;
  previewId?: string;
}

/** What the address question keeps while it waits. */
interface AddressQuestion {
  mode: 'introduce' | 'change';
  prefill: string;
}

/** What the confirmation keeps while it waits: what its card shows. */
interface ConfirmQuestion {
  plan: PreviewPlan;
  request: SignupRequest;
  previewId: string;
}

export class SignupDialog extends ComponentDialog {
  private readonly addressQuestion = new CardPrompt<AddressAnswer, AddressQuestion>(ADDRESS_PROMPT, {
    verbs: [VERBS.submitAddress, VERBS.noWorkAddress],
    waitsFor: (data) => ({ kind: 'address', prefilled: Boolean(data?.prefill) }),
    read: (context, { action, decision, data }) => {
      if (action?.verb === VERBS.noWorkAddress) return { value: { kind: 'noWorkAddress' } };
      if (action?.verb === VERBS.submitAddress) return addressReading(context, parseEmailAddress(action.email));
      switch (decision?.kind) {
        case 'address':
          return addressReading(context, decision.address, decision.service);
        case 'yes':
          // "yes", "ja dat adres klopt": the address the card is pre-filled with.
          return data?.prefill ? addressReading(context, parseEmailAddress(data.prefill)) : undefined;
        case 'choice':
          return decision.value === 'noWorkAddress' ? { value: { kind: 'noWorkAddress' } } : undefined;
        default:
          return undefined;
      }
    },
    retryText: (t) => t.addressProblems.noAt,
    card: (context, { mode, prefill }, retry) => addressCard(turnStrings(context), { mode: retry ? 'retry' : mode, prefill }),
  });

  private readonly confirmQuestion = new CardPrompt<ConfirmAnswer, ConfirmQuestion>(CONFIRM_PROMPT, {
    verbs: [VERBS.confirmSignup, VERBS.changeAddress, VERBS.submitAddress],
    // A preview that asks "did you mean contoso.com?" takes a yes for that domain.
    waitsFor: (data) => ({ kind: 'signupConfirmation', ...(data ? suggestionOf(data.plan) : {}) }),
    read: (context, { action, decision, data }) => {
      if (action?.verb === VERBS.confirmSignup) {
        // "Yes" on an older preview (another address): record nothing, and show the preview that counts again.
        if (data && action.preview !== data.previewId) return { problem: turnStrings(context).signup.olderPreview };
        return { value: { kind: 'confirm', preview: action.preview } };
      }
      if (action?.verb === VERBS.changeAddress) return { value: { kind: 'change' } };
      if (action?.verb === VERBS.submitAddress) return addressReading(context, parseEmailAddress(action.email));
      switch (decision?.kind) {
        case 'address':
          return addressReading(context, decision.address, decision.service);
        case 'domain': {
          // "oops, I meant northwindtraders.com": the same person at another domain, not a yes to this preview.
          if (!data || !decision.domain.ok || decision.domain.value === data.request.address.domain) return { problem: turnStrings(context).signup.stillWaiting };
          const local = data.request.address.address.slice(0, data.request.address.address.lastIndexOf('@'));
          return addressReading(context, parseEmailAddress(`${local}@${decision.domain.value}`), data.request.service);
        }
        case 'yes':
          return { value: { kind: 'confirm', preview: '' } };
        case 'no': {
          // "No" to "did you mean contoso.com?" keeps the domain typed: the preview, without the question, waits for its yes.
          if (data && suggestionOf(data.plan).suggested) {
            const t = turnStrings(context).signup;
            const problem = format(t.keepTypedDomain, { domain: displayDomain(data.request.address.domain), confirm: t.confirm });
            return { problem, data: { ...data, plan: withoutSuggestion(data.plan) } };
          }
          return { value: { kind: 'decline' } };
        }
        case 'choice':
          return decision.value === 'otherAddress' ? { value: { kind: 'change' } } : undefined;
        case undefined:
          return undefined;
        default:
          // Anything else typed here waits with the preview: nothing is recorded or stopped by a stray message.
          return { problem: turnStrings(context).signup.stillWaiting };
      }
    },
    // The last step before the signup is recorded: a question here is answered if it can be, and the preview waits.
    holdsTypedText: (t) => t.signup.stillWaiting,
    card: (context, { plan, request, previewId }) => signupPreviewCard(turnStrings(context), plan, request, previewId),
  });

  constructor(private readonly deps: DialogDeps) {
    super(SIGNUP_DIALOG);
    this.addDialog(this.addressQuestion);
    this.addDialog(this.confirmQuestion);
    this.addDialog(new WaterfallDialog(STEPS, [this.addressStep.bind(this), this.previewStep.bind(this), this.recordStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Ask for the address, unless the message that started the flow already gave one. */
  private async addressStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as SignupOptions;
    const values = step.values as SignupValues;
    values.service = options.service;
    if (options.service) await this.deps.discussedService.set(step.context, options.service);
    if (options.address) return step.next({ kind: 'address', address: options.address } satisfies AddressAnswer);
    const found = options.typed;
    if (found?.ok) return step.next({ kind: 'address', address: found.value } satisfies AddressAnswer);
    const t = turnStrings(step.context);
    if (found) await step.context.sendActivity(t.addressProblems[found.problem]);
    const prefill = (await identifyWithProfile(this.deps, step.context)).email ?? '';
    return this.addressQuestion.ask(step, { mode: options.askAgain ? 'change' : 'introduce', prefill });
  }

  /** Refuse what self-service signup refuses; otherwise show what will happen and ask to confirm. */
  private async previewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as AddressAnswer;
    const t = turnStrings(step.context);
    if (answer.kind === 'noWorkAddress') return this.finish(step, { kind: 'noWorkAddress' });
    const values = step.values as SignupValues;
    const request = await this.request(step.context, answer.address, answer.service ?? values.service);
    // Microsoft says who holds the domain; the directory adds what it knows, and decides alone when Microsoft can't.
    const atMicrosoft = await this.askMicrosoft(request);
    const plan = await planSignup(this.deps.directory, request, atMicrosoft);
    // "Now how do I become its admin?" after a signup is about this domain.
    if (workDomainOf(request.address.domain)) await this.deps.discussedDomain.set(step.context, request.address.domain);
    if (plan.kind === 'turnedOff') {
      // "Your IT department turned off signup" leads to who can turn it back on; that answer asks for feedback.
      await step.context.sendActivity(cardActivity(signupAnswerCard(t, { kind: 'outcome', plan, request })));
      return step.replaceDialog(WHO_IS_MY_ADMIN_DIALOG, { domain: request.address.domain } satisfies WhoIsMyAdminOptions);
    }
    // Signed up before through the bot by this same chat user (another address than the one remembered): that
    // address is the one they mean now, for the questions it pre-fills (a takeover of its domain), still as a claim.
    if (plan.kind === 'alreadyMember' && plan.member.userId !== undefined && plan.member.userId === request.userId) await this.rememberClaimedAddress(step.context, plan.member.email);
    if (!isRecordable(plan)) return this.finish(step, { kind: 'outcome', plan, request });
    values.request = request;
    values.previewId = randomUUID();
    const meant = plan.kind === 'createUnmanaged' ? likelyMeantDomain(request.address.domain, emailDomain(request.requesterEmail)) : undefined;
    return this.confirmQuestion.ask(step, { plan: previewPlan(plan, meant, atMicrosoft ? 'microsoft' : 'directory'), request, previewId: values.previewId });
  }

  /** Record on confirmation; another address starts over from the address, without the explanation. */
  private async recordStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = step.result as ConfirmAnswer;
    const values = step.values as SignupValues;
    const t = turnStrings(step.context);
    switch (answer.kind) {
      case 'change':
        return step.replaceDialog(SIGNUP_DIALOG, { askAgain: true, service: values.service } satisfies SignupOptions);
      case 'address':
        return step.replaceDialog(SIGNUP_DIALOG, { address: answer.address, service: answer.service ?? values.service } satisfies SignupOptions);
      case 'decline':
        await step.context.sendActivity(t.common.cancelled);
        return step.endDialog();
      case 'confirm': {
        const request = values.request;
        // A typed "yes" has no preview id; a pressed button must carry the id of the preview now open.
        if (!request || (answer.preview && answer.preview !== values.previewId)) {
          await step.context.sendActivity(t.signup.staleConfirm);
          return step.replaceDialog(SIGNUP_DIALOG, { service: values.service } satisfies SignupOptions);
        }
        // Asked again (the answer is usually still kept): what is recorded follows what Microsoft says now.
        const result = await recordSignup(this.deps.directory, request, new Date(), await this.askMicrosoft(request));
        if (values.previewId) await rememberFinishedCard(this.deps, step.context, values.previewId, { kind: 'signup' });
        if (result.member) await this.rememberClaimedAddress(step.context, result.member.email);
        return this.finish(step, { kind: 'outcome', plan: result.plan, request });
      }
    }
  }

  /** The address this user signed up with through the bot: their claim, to pre-fill questions with (requesterOrganization.ts). */
  private async rememberClaimedAddress(context: TurnContext, email: string): Promise<void> {
    const profile = await this.deps.userProfile.get(context, {});
    if (profile.email !== email) await this.deps.userProfile.set(context, { ...profile, email });
  }

  /** What Microsoft says about the address's domain; undefined for a personal or government address, or when Microsoft can't be asked. */
  private async askMicrosoft(request: SignupRequest): Promise<MicrosoftDomainView | undefined> {
    if (!workDomainOf(request.address.domain)) return undefined;
    return askMicrosoftAbout(this.deps.microsoft, this.deps.directory, request.address.domain);
  }

  private async request(context: TurnContext, address: EmailAddress, service: string | undefined): Promise<SignupRequest> {
    const requester = await this.deps.identifyRequester(context);
    return {
      address,
      service,
      userId: requester.aadObjectId ?? requester.userId,
      name: requester.name,
      ...(requester.tenantId ? { requesterTenantId: requester.tenantId } : {}),
      ...(requester.email ? { requesterEmail: requester.email } : {}),
    };
  }

  private async finish(step: WaterfallStepContext, answer: SignupAnswer): Promise<DialogTurnResult> {
    await sendAnswer(this.deps, step.context, signupAnswerCard(turnStrings(step.context), answer), 'signup');
    return step.endDialog();
  }
}

/** The preview as it stands once the user said the domain is right: no "did you mean ...?" any more. */
function withoutSuggestion(plan: PreviewPlan): PreviewPlan {
  if (plan.kind !== 'createUnmanaged') return plan;
  const rest = { ...plan };
  delete rest.meant;
  return rest;
}

/** The domain the preview asks "did you mean ...?" about, if it does. */
function suggestionOf(plan: PreviewPlan): { suggested?: string } {
  return plan.kind === 'createUnmanaged' && plan.meant ? { suggested: plan.meant } : {};
}

function addressReading(context: TurnContext, parsed: Parsed<EmailAddress, AddressProblem>, service?: string): PromptReading<GivenAddress> {
  return parsed.ok ? { value: { kind: 'address', address: parsed.value, service } } : { problem: turnStrings(context).addressProblems[parsed.problem] };
}
