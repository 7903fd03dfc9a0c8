/**
 * Decides how "who is my admin?" is answered (docs/facts.md sections 2 and 10).
 * @remarks Microsoft is the source of truth about who holds the admin roles: where the organization granted the
 * bot's app admin consent, the people Microsoft Graph names answer first (with the organization's own helpdesk
 * contact alongside). Otherwise what the organization configured beats what the bot knows, which beats general
 * guidance: a configured helpdesk contact is the organization's own answer; recorded admins are facts the bot
 * learnt itself; the organization-type guidance is Microsoft's general rule, for a type the organization set, the
 * user gave, or (a guess, said as one) the organization's subscriptions suggest.
 */
import type { AdminRole, AdminTopic } from '../models/adminRoles.js';
import type { HelpdeskContact, OrgAdmin, OrgType, Organization, SchoolRole } from '../models/organization.js';
import type { RoleHolder } from '../ports/microsoft.js';

/** The people Microsoft Graph lists in one admin role. */
export interface RoleHolders {
  role: AdminRole;
  holders: RoleHolder[];
}

export type AdminAnswer =
  /** From Microsoft Graph: the holders of the roles that matter for the question (`topic`), only roles someone holds. */
  | { kind: 'microsoftAdmins'; topic: AdminTopic; roles: RoleHolders[]; organization?: Organization }
  | { kind: 'helpdeskContact'; organization: Organization; contact: HelpdeskContact; admins: OrgAdmin[] }
  | { kind: 'knownAdmins'; organization: Organization; admins: OrgAdmin[] }
  | { kind: 'unmanaged'; organization: Organization }
  /**
   * `inferred`: the type is a guess from the organization's subscriptions (services/organizations/orgTypeFromSkus.ts);
   * `schoolRole`: at a school, whether a student or a teacher or staff member asks, when they said.
   */
  | { kind: 'guidance'; orgType: OrgType; organization?: Organization; remembered: boolean; inferred?: true; schoolRole?: SchoolRole }
  | { kind: 'askOrgType'; organization?: Organization };

export interface AdminAnswerInput {
  organization?: Organization;
  /** The type this user told the bot earlier. */
  rememberedOrgType?: OrgType;
  /** The type the user just picked; it wins over anything remembered. */
  chosenOrgType?: OrgType;
  /** What Microsoft Graph lists in the roles that matter for the question, asked with the organization's consent. */
  microsoftAdmins?: { topic: AdminTopic; roles: readonly RoleHolders[] };
  /** The type the organization's subscriptions suggest: used only when nothing better is known. */
  inferredOrgType?: OrgType;
  /** A student, or a teacher or staff member, as the person said: a school's guidance differs for each. */
  schoolRole?: SchoolRole;
}

export function chooseAdminAnswer(input: AdminAnswerInput): AdminAnswer {
  const answer = chooseAnswer(input);
  // At a school, who asks decides whom to ask: a student their teacher, a teacher the school's management.
  return answer.kind === 'guidance' && answer.orgType === 'school' && input.schoolRole ? { ...answer, schoolRole: input.schoolRole } : answer;
}

function chooseAnswer({ organization, rememberedOrgType, chosenOrgType, microsoftAdmins, inferredOrgType }: AdminAnswerInput): AdminAnswer {
  const held = microsoftAdmins?.roles.filter((role) => role.holders.length > 0) ?? [];
  if (microsoftAdmins && held.length > 0 && !chosenOrgType) {
    return { kind: 'microsoftAdmins', topic: microsoftAdmins.topic, roles: held, ...(organization ? { organization } : {}) };
  }
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
  if (inferredOrgType && inferredOrgType !== 'unknown') return { kind: 'guidance', orgType: inferredOrgType, organization, remembered: false, inferred: true };
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
