/**
 * Self-service signup through the bot (docs/facts.md section 4): the domain of the address decides the
 * organization. The same rule answers twice: once as a preview, before anything is recorded, and again
 * inside the directory transaction that records it, because a colleague may have signed up in between.
 */
import { classifyAddressDomain } from './addressPolicy.js';
import type { Directory, DirectoryTransaction, Member } from '../ports/directory.js';
import type { EmailAddress } from './emailAddress.js';
import type { Organization } from '../models/organization.js';

export interface SignupRequest {
  address: EmailAddress;
  /** The service named by the user, if any ("Power BI"). */
  service?: string;
  /** The Teams user asking, for the member record and the audit trail. */
  userId?: string;
  name?: string;
  /**
   * The Microsoft 365 tenant the person chats from (Teams names it), and their own address there: someone in
   * the organization's own tenant signing up with their own address is an existing user, recorded or not.
   */
  requesterTenantId?: string;
  requesterEmail?: string;
}

/** What signing up with this address means, decided from the directory as it is now. */
export type SignupPlan =
  | { kind: 'consumer'; domain: string }
  | { kind: 'government'; domain: string }
  /** The organization switched self-service off (AllowAdHocSubscriptions, or AllowEmailVerifiedUsers for newcomers). */
  /** `signupOff`: nobody may sign up for services themselves; `joiningOff`: only people already in the organization may. */
  | { kind: 'turnedOff'; organization: Organization; reason: 'signupOff' | 'joiningOff' }
  /** `inTenant`: known from the Teams tenant the person chats from, not from a member record (no join date). */
  | { kind: 'alreadyMember'; organization: Organization; member: Member; inTenant?: true }
  /** Already a member; the named service is new. */
  | { kind: 'addService'; organization: Organization; member: Member; service: string }
  | { kind: 'createUnmanaged'; domain: string }
  | { kind: 'joinUnmanaged'; organization: Organization; colleagues: number }
  | { kind: 'joinManaged'; organization: Organization; colleagues: number };

export type SignupPlanKind = SignupPlan['kind'];

/** Plans that record something once the user confirms; the others are answered straight away. */
export type RecordablePlan = Extract<SignupPlan, { kind: 'addService' | 'createUnmanaged' | 'joinUnmanaged' | 'joinManaged' }>;

export function isRecordable(plan: SignupPlan): plan is RecordablePlan {
  return plan.kind === 'addService' || plan.kind === 'createUnmanaged' || plan.kind === 'joinUnmanaged' || plan.kind === 'joinManaged';
}

/** The directory reads a plan needs: the directory itself, or a transaction inside it. */
type DirectoryReads = Pick<DirectoryTransaction, 'findByDomain' | 'findMember' | 'countMembers'>;

export async function planSignup(directory: DirectoryReads, request: SignupRequest): Promise<SignupPlan> {
  const { domain, address } = request.address;
  const kind = classifyAddressDomain(domain);
  if (kind !== 'work') return { kind, domain };
  const organization = await directory.findByDomain(domain);
  if (!organization) return { kind: 'createUnmanaged', domain };
  const found = await directory.findMember(address);
  const recorded = found?.orgId === organization.id ? found : undefined;
  const inTenant = !recorded && chatsFromTenantOf(request, organization);
  // An existing user of the organization: their license is activated there, nobody new joins (docs/facts.md 4.3).
  const member = recorded ?? (inTenant ? { email: address, orgId: organization.id, joinedVia: 'admin' as const, services: [], joinedAt: '' } : undefined);
  const { allowAdHocSubscriptions, allowEmailVerifiedUsers } = organization.selfService;
  if (!allowAdHocSubscriptions) return { kind: 'turnedOff', organization, reason: 'signupOff' };
  if (!member && !allowEmailVerifiedUsers) return { kind: 'turnedOff', organization, reason: 'joiningOff' };
  if (member) {
    const service = request.service;
    return service && !member.services.includes(service)
      ? { kind: 'addService', organization, member, service }
      : { kind: 'alreadyMember', organization, member, ...(inTenant ? { inTenant: true as const } : {}) };
  }
  const colleagues = await directory.countMembers(organization.id);
  return organization.managed ? { kind: 'joinManaged', organization, colleagues } : { kind: 'joinUnmanaged', organization, colleagues };
}

/** The person chats from the organization's own tenant, with the address asked about as their own (when Teams says). */
function chatsFromTenantOf(request: SignupRequest, organization: Organization): boolean {
  if (!organization.tenantId || request.requesterTenantId !== organization.tenantId) return false;
  return !request.requesterEmail || request.requesterEmail.toLowerCase() === request.address.address;
}

/** What the directory recorded; `plan` is what was true at the moment of recording. */
export interface SignupResult {
  plan: SignupPlan;
  organization?: Organization;
  member?: Member;
}

/**
 * Plans again and records the outcome in one transaction: a new unmanaged organization, a new member, or
 * a service added. Signing up twice changes nothing; refusals record only an audit entry.
 */
export function recordSignup(directory: Directory, request: SignupRequest, now: Date): Promise<SignupResult> {
  return directory.transaction(async (tx) => {
    const plan = await planSignup(tx, request);
    const at = now.toISOString();
    const actor = request.address.address;
    const subject = request.address.domain;
    await tx.audit({ at, actor, action: 'signup', subject, outcome: plan.kind });
    if (!isRecordable(plan)) return { plan, organization: 'organization' in plan ? plan.organization : undefined };

    const organization = plan.kind === 'createUnmanaged' ? await newUnmanagedOrganization(tx, plan.domain, at) : plan.organization;
    const services = request.service ? [request.service] : [];
    const member: Member =
      plan.kind === 'addService'
        ? // A member known from the tenant only is recorded from now on.
          { ...plan.member, services: [...plan.member.services, plan.service], joinedAt: plan.member.joinedAt || at }
        : {
            email: request.address.address,
            orgId: organization.id,
            joinedVia: 'selfService',
            services,
            joinedAt: at,
            ...(request.userId ? { userId: request.userId } : {}),
            ...(request.name ? { name: request.name } : {}),
          };
    if (plan.kind === 'createUnmanaged') await tx.saveOrganization(organization);
    await tx.saveMember(member);
    return { plan, organization, member };
  });
}

/** What self-service signup creates for a new domain: an organization nobody administers. */
async function newUnmanagedOrganization(tx: DirectoryTransaction, domain: string, at: string): Promise<Organization> {
  let id = `org-${domain}`;
  for (let n = 2; await tx.findById(id); n++) id = `org-${domain}-${n}`;
  return {
    id,
    displayName: domain,
    domains: [domain],
    managed: false,
    orgType: 'unknown',
    cloud: 'worldwide',
    admins: [],
    selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: true },
    createdAt: at,
  };
}
