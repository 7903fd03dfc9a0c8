/**
 * Decides how "who is my admin?" is answered (docs/facts.md section 2).
 * @remarks What the organization configured beats what the bot knows, which beats general guidance:
 * a configured helpdesk contact is the organization's own answer; recorded admins are facts the bot
 * learnt itself; the organization-type guidance is Microsoft's general rule.
 */
import type { HelpdeskContact, OrgAdmin, OrgType, Organization } from '../models/organization.js';

export type AdminAnswer =
  | { kind: 'helpdeskContact'; organization: Organization; contact: HelpdeskContact; admins: OrgAdmin[] }
  | { kind: 'knownAdmins'; organization: Organization; admins: OrgAdmin[] }
  | { kind: 'unmanaged'; organization: Organization }
  | { kind: 'guidance'; orgType: OrgType; organization?: Organization; remembered: boolean }
  | { kind: 'askOrgType'; organization?: Organization };

export interface AdminAnswerInput {
  organization?: Organization;
  /** The type this user told the bot earlier. */
  rememberedOrgType?: OrgType;
  /** The type the user just picked; it wins over anything remembered. */
  chosenOrgType?: OrgType;
}

export function chooseAdminAnswer({ organization, rememberedOrgType, chosenOrgType }: AdminAnswerInput): AdminAnswer {
  if (organization?.helpdeskContact && !chosenOrgType) {
    return { kind: 'helpdeskContact', organization, contact: organization.helpdeskContact, admins: organization.admins };
  }
  if (organization && organization.admins.length > 0 && !chosenOrgType) {
    return { kind: 'knownAdmins', organization, admins: organization.admins };
  }
  if (organization && !organization.managed) return { kind: 'unmanaged', organization };
  if (chosenOrgType) return { kind: 'guidance', orgType: chosenOrgType, organization, remembered: false };
  const configured = organization && organization.orgType !== 'unknown' ? organization.orgType : undefined;
  if (configured) return { kind: 'guidance', orgType: configured, organization, remembered: false };
  if (rememberedOrgType) return { kind: 'guidance', orgType: rememberedOrgType, organization, remembered: true };
  return { kind: 'askOrgType', organization };
}

/** True when the person is one of the organization's recorded admins. */
export function isRecordedAdmin(organization: Organization | undefined, person: { email?: string; userId?: string }): boolean {
  if (!organization) return false;
  const email = person.email?.trim().toLowerCase();
  return organization.admins.some(
    (admin) => (email !== undefined && admin.email.toLowerCase() === email) || (person.userId !== undefined && admin.userId === person.userId),
  );
}
