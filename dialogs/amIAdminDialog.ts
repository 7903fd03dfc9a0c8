/**
 * "Am I an admin?" (docs/facts.md sections 3 and 10): the user's own directory roles from Microsoft Graph where their
 * organization granted the bot consent, otherwise what the directory knows; the two checks; the admin center of the
 * right cloud.
 */
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { amIAdminCard, type AdminStatus } from '../cards/amIAdminCard.js';
import { isRecordedAdmin } from '../services/organizations/adminAnswer.js';
import type { Cloud } from '../services/models/organization.js';
import type { DialogDeps } from './dialogDeps.js';
import { sendAnswer } from './answers.js';
import { currentOrganization } from './requesterOrganization.js';
import { turnStrings } from './turnLanguage.js';

export const AM_I_ADMIN_DIALOG = 'amIAdmin';
const STEPS = 'amIAdmin.steps';

export interface AmIAdminOptions {
  /** The cloud the user picked on the card; otherwise the organization's, else worldwide. */
  cloud?: Cloud;
}

export class AmIAdminDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(AM_I_ADMIN_DIALOG);
    this.addDialog(new WaterfallDialog(STEPS, [this.answerStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** One answer: nothing to ask, the card carries the checks and the buttons for other clouds. */
  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as AmIAdminOptions;
    const { organization, tenantId } = await currentOrganization(this.deps, step.context);
    // Only what Teams says about the sender counts as proof of being an admin, never an address typed in chat.
    const requester = await this.deps.identifyRequester(step.context);
    let status: AdminStatus = !organization
      ? { known: 'nothing' }
      : !organization.managed
        ? { known: 'unmanaged', org: organization.displayName }
        : isRecordedAdmin(organization, { email: requester.email, userId: requester.aadObjectId ?? requester.userId })
          ? { known: 'recordedAdmin', org: organization.displayName }
          : { known: 'nothing' };
    let consentUrl: string | undefined;
    // Microsoft knows the user's roles: their Entra object id (Teams gives it) in the tenant they chat from.
    if (tenantId && requester.aadObjectId) {
      const roles = await this.deps.microsoft.rolesOf(tenantId, requester.aadObjectId);
      if (roles.answered) status = roles.value.length > 0 ? { known: 'microsoftRoles', roles: roles.value } : { known: 'microsoftNoRoles' };
      // Any other failure leaves the answer as it was (the lookups log it); an unmanaged organization has nobody to consent.
      else if (roles.why.kind === 'noConsent' && status.known !== 'unmanaged') consentUrl = this.deps.microsoft.consentUrl(tenantId);
    }
    const cloud = options.cloud ?? organization?.cloud ?? 'worldwide';
    await sendAnswer(this.deps, step.context, amIAdminCard(turnStrings(step.context), cloud, status, consentUrl), 'amIAdmin');
    return step.endDialog();
  }
}
