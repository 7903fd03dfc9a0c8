/**
 * "Who is my admin?" (docs/facts.md sections 2 and 10): the people in the admin roles that matter for the question,
 * from Microsoft Graph where the organization granted the bot consent; otherwise the organization's contact or
 * admins, else guidance by organization type (the type guessed from the subscriptions when Microsoft can tell).
 */
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { adminAnswerCard } from '../cards/adminAnswerCard.js';
import { movedDomainLine } from '../cards/movedDomainLine.js';
import { orgTypeCard } from '../cards/orgTypeCard.js';
import { VERBS } from '../cards/verbs.js';
import { chooseAdminAnswer, type AdminAnswerInput, type RoleHolders } from '../services/organizations/adminAnswer.js';
import { orgTypeFromSkus } from '../services/organizations/orgTypeFromSkus.js';
import { ADMIN_ROLES, ROLES_FOR_TOPIC, type AdminTopic } from '../services/models/adminRoles.js';
import type { OrgType, Organization } from '../services/models/organization.js';
import { emailDomain } from '../services/signup/emailAddress.js';
import { format } from '../locales/strings.js';
import type { TurnContext } from 'botbuilder';
import { adminTopic } from '../understanding/adminTopic.js';
import { schoolRoleIn } from '../understanding/schoolRole.js';
import { choicePrompt } from './cardPrompt.js';
import type { DialogDeps } from './dialogDeps.js';
import { sendAnswer } from './answers.js';
import { claimedAddress, currentOrganization } from './requesterOrganization.js';
import { turnStrings } from './turnLanguage.js';

export const WHO_IS_MY_ADMIN_DIALOG = 'whoIsMyAdmin';
const ORG_TYPE_PROMPT = 'whoIsMyAdmin.orgTypePrompt';
const STEPS = 'whoIsMyAdmin.steps';

export interface WhoIsMyAdminOptions {
  /** The type picked on a card outside this dialog (an older card, or "change organization type"), or named in the question. */
  orgType?: OrgType;
  /** Ask for the type even when one is known: the user wants to change it. */
  askOrgType?: boolean;
  /** Answer for the organization holding this domain (the one the user just tried to join), not the user's own. */
  domain?: string;
  /** What the question was about (a password or sign-in problem, licenses): it decides which admin roles are named. */
  topic?: AdminTopic;
}

/** What Microsoft Graph said for the user's tenant: the role holders, and where consent is granted when it is not. */
interface FromGraph {
  microsoftAdmins?: AdminAnswerInput['microsoftAdmins'];
  consentUrl?: string;
}

export class WhoIsMyAdminDialog extends ComponentDialog {
  private readonly orgTypeQuestion = choicePrompt<OrgType>(ORG_TYPE_PROMPT, {
    verb: VERBS.chooseOrgType,
    valueOf: (action) => (action.verb === VERBS.chooseOrgType ? action.orgType : undefined),
    // Typed: a type's words, its position, or a head count ("we have about 5000 employees").
    choices: 'orgType',
    card: orgTypeCard,
  });

  constructor(private readonly deps: DialogDeps) {
    super(WHO_IS_MY_ADMIN_DIALOG);
    this.addDialog(this.orgTypeQuestion);
    this.addDialog(new WaterfallDialog(STEPS, [this.answerOrAskStep.bind(this), this.orgTypeStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Answer straight away when the directory, the user's earlier answer or a pressed button tells us enough. */
  private async answerOrAskStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as WhoIsMyAdminOptions;
    if (options.askOrgType) return this.askOrgType(step);
    return this.answer(step, options.orgType);
  }

  private askOrgType(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.orgTypeQuestion.ask(step);
  }

  /** The user picked a type on the card or typed it. */
  private async orgTypeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return this.answer(step, step.result as OrgType);
  }

  /** Remembers a type the user chose, so next time the answer comes without the question; asks when nothing is known. */
  private async answer(step: WaterfallStepContext, chosenOrgType: OrgType | undefined): Promise<DialogTurnResult> {
    const profile = await this.deps.userProfile.get(step.context, {});
    if (chosenOrgType) await this.deps.userProfile.set(step.context, { ...profile, orgType: chosenOrgType });
    const { domain, topic } = (step.options ?? {}) as WhoIsMyAdminOptions;
    const current = await currentOrganization(this.deps, step.context);
    const own = current.organization;
    // Without an organization from the channel, the address typed at signup says which one they mean: answered as to an outsider.
    const claimed = domain || own ? undefined : await this.claimedOrganization(step.context);
    const organization = domain ? await this.deps.directory.findByDomain(domain) : (own ?? claimed?.organization);
    // Microsoft is asked about the user's own organization only: the tenant Teams says they chat from.
    const tenantId = domain ? undefined : current.tenantId;
    const graph = tenantId ? await this.askGraph(tenantId, topic ?? adminTopic(await this.lastQuestion(step))) : {};
    const schoolRole = schoolRoleIn(await this.recentQuestions(step));
    const input: AdminAnswerInput = { organization, rememberedOrgType: profile.orgType, chosenOrgType, microsoftAdmins: graph.microsoftAdmins, ...(schoolRole ? { schoolRole } : {}) };
    let answer = chooseAdminAnswer(input);
    if (answer.kind === 'askOrgType' && tenantId) {
      // The question is asked only when Microsoft cannot tell the type from the subscriptions either.
      const skus = await this.deps.microsoft.subscribedSkus(tenantId);
      const inferredOrgType = skus.answered ? orgTypeFromSkus(skus.value) : undefined;
      if (inferredOrgType) answer = chooseAdminAnswer({ ...input, inferredOrgType });
    }
    if (answer.kind === 'askOrgType') return this.askOrgType(step);
    // Their organization's domain moved in an external takeover: say where, before answering for the new one.
    if (current.movedFrom && !domain) await step.context.sendActivity(movedDomainLine(turnStrings(step.context), current.movedFrom));
    // A domain's organization is only known from an address the user typed: not proof they belong to it.
    const masked = organization !== undefined && organization.id !== own?.id;
    // An organization nobody administers has nobody who could grant consent.
    const consentUrl = answer.kind === 'unmanaged' ? undefined : graph.consentUrl;
    const t = turnStrings(step.context);
    const card = adminAnswerCard(t, answer, masked, consentUrl, claimed && format(t.whoIsMyAdmin.claimedAddress, { address: claimed.address, org: claimed.organization.displayName }));
    await sendAnswer(this.deps, step.context, card, 'whoIsMyAdmin');
    return step.endDialog();
  }

  /** The organization of the address the user typed at signup, when the channel says nothing of theirs. */
  private async claimedOrganization(context: TurnContext): Promise<{ address: string; organization: Organization } | undefined> {
    const address = await claimedAddress(this.deps, context);
    const domain = emailDomain(address);
    const organization = domain ? await this.deps.directory.findByDomain(domain) : undefined;
    return address && organization ? { address, organization } : undefined;
  }

  /** What the user said in their last few messages (the question, and a typed answer to the organization type card): "ik ben docent". */
  private async recentQuestions(step: WaterfallStepContext): Promise<string> {
    const lines = await this.deps.recentTurns.get(step.context, []);
    return lines.filter((line) => line.from === 'user').slice(-3).map((line) => line.text).join('\n');
  }

  /**
   * Started by a button ("Who is my admin?" under the answer about getting a license), the question is the user's
   * last message: what the answer they pressed it under was about.
   */
  private async lastQuestion(step: WaterfallStepContext): Promise<string | undefined> {
    const lines = await this.deps.recentTurns.get(step.context, []);
    return lines.filter((line) => line.from === 'user').at(-1)?.text;
  }

  /**
   * The holders of the roles that matter for the question, or, when the tenant has not granted the bot consent,
   * where it can. Any other failure (off, unreachable) leaves today's answer, without a word: the lookups log it.
   */
  private async askGraph(tenantId: string, topic: AdminTopic): Promise<FromGraph> {
    const roles = ROLES_FOR_TOPIC[topic];
    const found = await this.deps.microsoft.roleHolders(tenantId, roles.map((role) => ADMIN_ROLES[role]));
    if (found.answered) {
      const held: RoleHolders[] = roles.map((role) => ({ role, holders: found.value.get(ADMIN_ROLES[role]) ?? [] }));
      return { microsoftAdmins: { topic, roles: held } };
    }
    if (found.why.kind !== 'noConsent') return {};
    const consentUrl = this.deps.microsoft.consentUrl(tenantId);
    return consentUrl ? { consentUrl } : {};
  }
}
