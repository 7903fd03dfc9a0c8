/** "Who is my admin?" (docs/facts.md section 2): the organization's contact or admins, else guidance by organization type. */
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { adminAnswerCard } from '../cards/adminAnswerCard.js';
import { orgTypeCard } from '../cards/orgTypeCard.js';
import { VERBS } from '../cards/verbs.js';
import { chooseAdminAnswer } from '../services/organizations/adminAnswer.js';
import { ORG_TYPES, orgTypeFromHeadCount, type OrgType } from '../services/models/organization.js';
import { choicePrompt } from './cardPrompt.js';
import type { DialogDeps } from './dialogDeps.js';
import { sendAnswer } from './answers.js';
import { requesterOrganization } from './requesterOrganization.js';
import { turnStrings } from './turnLanguage.js';

export const WHO_IS_MY_ADMIN_DIALOG = 'whoIsMyAdmin';
const ORG_TYPE_PROMPT = 'whoIsMyAdmin.orgTypePrompt';
const STEPS = 'whoIsMyAdmin.steps';

export interface WhoIsMyAdminOptions {
  /** The type picked on a card outside this dialog (an older card, or "change organization type"). */
  orgType?: OrgType;
  /** Ask for the type even when one is known: the user wants to change it. */
  askOrgType?: boolean;
  /** Answer for the organization holding this domain (the one the user just tried to join), not the user's own. */
  domain?: string;
}

export class WhoIsMyAdminDialog extends ComponentDialog {
  private readonly orgTypeQuestion = choicePrompt<OrgType>(ORG_TYPE_PROMPT, {
    verb: VERBS.chooseOrgType,
    valueOf: (action) => (action.verb === VERBS.chooseOrgType ? action.orgType : undefined),
    choices: (t) => ORG_TYPES.map((value) => ({ value, synonyms: [t.orgTypes[value], ...t.orgTypeSynonyms[value]] })),
    card: orgTypeCard,
    // "We have about 5000 employees" answers the question too.
    readOther: orgTypeFromHeadCount,
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
    const { domain } = (step.options ?? {}) as WhoIsMyAdminOptions;
    const own = (await requesterOrganization(this.deps, step.context)).organization;
    const organization = domain ? await this.deps.directory.findByDomain(domain) : own;
    const answer = chooseAdminAnswer({ organization, rememberedOrgType: profile.orgType, chosenOrgType });
    if (answer.kind === 'askOrgType') return this.askOrgType(step);
    // A domain's organization is only known from an address the user typed: not proof they belong to it.
    const masked = organization !== undefined && organization.id !== own?.id;
    await sendAnswer(this.deps, step.context, adminAnswerCard(turnStrings(step.context), answer, masked), 'whoIsMyAdmin');
    return step.endDialog();
  }
}
