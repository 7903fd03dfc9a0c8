/**
 * "Am I an admin?" (docs/facts.md sections 3 and 10): the user's own directory roles from Microsoft Graph where their
 * organization granted the bot consent, otherwise what the directory knows; the two checks; the admin center of the
 * right cloud.
 */
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { amIAdminCard, usGovernmentCloudCard, type AdminStatus } from '../cards/amIAdminCard.js';
import { ADMIN_ROLES } from '../services/models/adminRoles.js';
import { cardActivity } from './cardPrompt.js';
import { movedDomainLine } from '../cards/movedDomainLine.js';
import { isRecordedAdmin } from '../services/organizations/adminAnswer.js';
import type { Cloud, CloudChoice, Organization } from '../services/models/organization.js';
import type { DialogDeps } from './dialogDeps.js';
import { sendAnswer } from './answers.js';
import { currentOrganization } from './requesterOrganization.js';
import { turnStrings } from './turnLanguage.js';

export const AM_I_ADMIN_DIALOG = 'amIAdmin';
const STEPS = 'amIAdmin.steps';

export interface AmIAdminOptions {
  /** The cloud the user picked on the card or named ("usGovernment": ask which); otherwise the organization's, else worldwide. */
  cloud?: CloudChoice;
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
    if (options.cloud === 'usGovernment') {
      // GCC, GCC High and DoD have different admin centers: which one first.
      await step.context.sendActivity(cardActivity(usGovernmentCloudCard(turnStrings(step.context))));
      return step.endDialog();
    }
    const { organization, tenantId, movedFrom } = await currentOrganization(this.deps, step.context);
    // Their organization's domain moved in an external takeover: say where, before answering for the new one.
    if (movedFrom) await step.context.sendActivity(movedDomainLine(turnStrings(step.context), movedFrom));
    // Only what Teams says about the sender counts as proof of being an admin, never an address typed in chat.
    const requester = await this.deps.identifyRequester(step.context);
    let status: AdminStatus = !organization
      ? { known: 'nothing' }
      : !organization.managed
        ? { known: 'unmanaged', org: organization.displayName }
        : isRecordedAdmin(organization, { email: requester.email, userId: requester.aadObjectId ?? requester.userId })
          ? { known: 'recordedAdmin', org: organization.displayName }
          : recordedOthers(organization);
    let consentUrl: string | undefined;
    // Microsoft knows the user's roles: their Entra object id (Teams gives it) in the tenant they chat from.
    if (tenantId && requester.aadObjectId) {
      const roles = await this.deps.microsoft.rolesOf(tenantId, requester.aadObjectId);
      if (roles.answered) status = roles.value.length > 0 ? { known: 'microsoftRoles', roles: roles.value } : { known: 'microsoftNoRoles', ...(await this.globalAdmins(tenantId)) };
      // Any other failure leaves the answer as it was (the lookups log it); an unmanaged organization has nobody to consent.
      else if (roles.why.kind === 'noConsent' && status.known !== 'unmanaged') consentUrl = this.deps.microsoft.consentUrl(tenantId);
    }
    const cloud = await this.rememberedCloud(step, options.cloud, organization);
    await sendAnswer(this.deps, step.context, amIAdminCard(turnStrings(step.context), cloud, status, consentUrl), 'amIAdmin');
    return step.endDialog();
  }

  /**
   * The cloud to answer for: the one named or picked now (remembered for next time), else the one this user named
   * before, else their organization's, else worldwide. Without the memory, the next question after "we're on GCC
   * High" would get the worldwide admin center.
   */
  private async rememberedCloud(step: WaterfallStepContext, named: Cloud | undefined, organization: Organization | undefined): Promise<Cloud> {
    const profile = await this.deps.userProfile.get(step.context, {});
    if (named) {
      if (profile.cloud !== named) await this.deps.userProfile.set(step.context, { ...profile, cloud: named });
      return named;
    }
    return profile.cloud ?? organization?.cloud ?? 'worldwide';
  }

  /** "No; X is": the Global Administrators Microsoft lists for the tenant, by name, when it lists them. */
  private async globalAdmins(tenantId: string): Promise<{ admins?: string[] }> {
    const found = await this.deps.microsoft.roleHolders(tenantId, [ADMIN_ROLES.globalAdministrator]);
    const admins = found.answered ? (found.value.get(ADMIN_ROLES.globalAdministrator) ?? []).map((holder) => holder.displayName ?? holder.email ?? '').filter(Boolean) : [];
    return admins.length > 0 ? { admins } : {};
  }
}

/**
 * "No; X is", from the helpdesk's records: the admins the directory records for the person's own organization (the
 * channel places them in it), leaving out any recorded only on their own word. Nothing when it records none.
 */
function recordedOthers(organization: Organization): AdminStatus {
  const admins = organization.admins.filter((admin) => !admin.reportedByUser).map((admin) => (admin.email ? `${admin.name} (${admin.email})` : admin.name));
  return admins.length > 0 ? { known: 'recordedOthers', org: organization.displayName, admins } : { known: 'nothing' };
}
