/**
 * Self-service signup through the bot (docs/facts.md sections 4 and 10): the domain of the address decides the
 * organization, and Microsoft says which organization holds the domain (the directory adds what it knows). The
 * same rule answers twice: once as a preview, before anything is recorded, and again inside the directory
 * transaction that records it, because a colleague may have signed up in between.
 * @remarks Microsoft is asked before, never inside the transaction (it may take seconds): its answer is passed in.
 * Where Microsoft shows the domain otherwise than the directory can record (a managed organization the directory
 * does not know, or an organization other than the one on record), the plan says so and records nothing.
 */
import { classifyAddressDomain } from './addressPolicy.js';
import type { Directory, DirectoryTransaction, Member } from '../ports/directory.js';
import type { EmailAddress } from './emailAddress.js';
import type { Organization } from '../models/organization.js';
import { agreesWithMicrosoft, holderInDirectory, type MicrosoftDomainView } from '../organizations/domainAtMicrosoft.js';
import { newUnmanagedOrganization } from '../organizations/unmanagedOrganization.js';
import { belongsTo } from '../organizations/findOrganization.js';

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

/** The organization the directory records for the domain, when Microsoft shows the domain in another one now. */
export type MovedFrom = { movedFrom?: Pick<Organization, 'id' | 'displayName' | 'managed'> };

/** What signing up with this address means, decided from what Microsoft says and the directory as it is now. */
export type SignupPlan =
  | { kind: 'consumer'; domain: string }
  | { kind: 'government'; domain: string }
  /** The organization switched self-service off (AllowAdHocSubscriptions, or AllowEmailVerifiedUsers for newcomers). */
  /** `signupOff`: nobody may sign up for services themselves; `joiningOff`: only people already in the organization may. */
  | ({ kind: 'turnedOff'; organization: Organization; reason: 'signupOff' | 'joiningOff' } & MovedFrom)
  /** `inTenant`: known from the Teams tenant the person chats from, not from a member record (no join date). */
  | ({ kind: 'alreadyMember'; organization: Organization; member: Member; inTenant?: true } & MovedFrom)
  /** Already a member; the named service is new. */
  | ({ kind: 'addService'; organization: Organization; member: Member; service: string } & MovedFrom)
  /** `existsAtMicrosoft`: Microsoft shows an unmanaged organization for the domain that the directory did not know; `tenantId`: its tenant. */
  | { kind: 'createUnmanaged'; domain: string; existsAtMicrosoft?: true; tenantId?: string }
  /** `colleagues`: how many members the directory knows, only for someone the channel says is in the organization (belongsTo). */
  | ({ kind: 'joinUnmanaged'; organization: Organization; colleagues?: number } & MovedFrom)
  | ({ kind: 'joinManaged'; organization: Organization; colleagues?: number } & MovedFrom)
  /**
   * Microsoft shows the domain otherwise than the directory can record: `shows` what Microsoft says holds it (a
   * managed organization, by `brand` when it gives one; an unmanaged one; none), `recorded` the organization on
   * record for it, if any; `inTenant`: the managed organization is the one the person chats from. Nothing is recorded.
   */
  | { kind: 'heldAtMicrosoft'; domain: string; shows: 'unknown' | 'unmanaged' | 'managed'; brand?: string; inTenant?: true; recorded?: Pick<Organization, 'id' | 'displayName'> };

export type SignupPlanKind = SignupPlan['kind'];

/** Plans that record something once the user confirms; the others are answered straight away. */
export type RecordablePlan = Extract<SignupPlan, { kind: 'addService' | 'createUnmanaged' | 'joinUnmanaged' | 'joinManaged' }>;

export function isRecordable(plan: SignupPlan): plan is RecordablePlan {
  return plan.kind === 'addService' || plan.kind === 'createUnmanaged' || plan.kind === 'joinUnmanaged' || plan.kind === 'joinManaged';
}

/** The directory reads a plan needs: the directory itself, or a transaction inside it. */
type DirectoryReads = Pick<DirectoryTransaction, 'findByDomain' | 'findById' | 'findMember' | 'countMembers'>;

/**
 * @param atMicrosoft What Microsoft says about the address's domain (services/organizations/domainAtMicrosoft.ts);
 * undefined when it could not be asked: then the directory decides alone.
 */
export async function planSignup(directory: DirectoryReads, request: SignupRequest, atMicrosoft?: MicrosoftDomainView): Promise<SignupPlan> {
  const { domain } = request.address;
  const kind = classifyAddressDomain(domain);
  if (kind !== 'work') return { kind, domain };
  const recorded = await directory.findByDomain(domain);
  if (!atMicrosoft) return recorded ? planIn(directory, request, recorded) : { kind: 'createUnmanaged', domain };

  const holder = await holderInDirectory(directory, atMicrosoft, recorded);
  if (holder && agreesWithMicrosoft(holder, atMicrosoft.holder)) {
    // After an external takeover the domain, and the people on it, are in the organization Microsoft names now.
    return planIn(directory, request, holder, recorded && recorded.id !== holder.id ? recorded : undefined, atMicrosoft.tenantId);
  }
  // Nobody holds it, for Microsoft and the directory alike: the first signup makes the organization.
  if (atMicrosoft.holder.kind === 'unknown' && !recorded) return { kind: 'createUnmanaged', domain };
  const held = atMicrosoft.holder;
  // An unmanaged organization that nobody told the directory about: joining it is what signing up does, and it is recorded.
  if (held.kind === 'unmanaged' && !recorded && !holder) {
    return { kind: 'createUnmanaged', domain, existsAtMicrosoft: true, ...(atMicrosoft.tenantId ? { tenantId: atMicrosoft.tenantId } : {}) };
  }
  const inTenant = held.kind === 'managed' && sameTenant(request.requesterTenantId, atMicrosoft.tenantId) && isOwnAddress(request);
  return {
    kind: 'heldAtMicrosoft',
    domain,
    shows: held.kind,
    ...(held.kind !== 'unknown' && held.brand ? { brand: held.brand } : {}),
    ...(inTenant ? { inTenant: true as const } : {}),
    ...(recorded ? { recorded: { id: recorded.id, displayName: recorded.displayName } } : {}),
  };
}

/**
 * The plan for joining this organization. `movedFrom`: the organization on record for the domain, which Microsoft
 * no longer shows holding it; its members moved with the domain. `microsoftTenant`: the tenant Microsoft says holds it.
 */
async function planIn(directory: DirectoryReads, request: SignupRequest, organization: Organization, movedFrom?: Organization, microsoftTenant?: string): Promise<SignupPlan> {
  const { address } = request.address;
  const moved: MovedFrom = movedFrom ? { movedFrom: { id: movedFrom.id, displayName: movedFrom.displayName, managed: movedFrom.managed } } : {};
  const found = await directory.findMember(address);
  const recorded = found && (found.orgId === organization.id || found.orgId === movedFrom?.id) ? { ...found, orgId: organization.id } : undefined;
  const inTenant = !recorded && chatsFromTenantOf(request, organization, microsoftTenant);
  // An existing user of the organization: their license is activated there, nobody new joins (docs/facts.md 4.3).
  const member = recorded ?? (inTenant ? { email: address, orgId: organization.id, joinedVia: 'admin' as const, services: [], joinedAt: '' } : undefined);
  const { allowAdHocSubscriptions, allowEmailVerifiedUsers } = organization.selfService;
  if (!allowAdHocSubscriptions) return { kind: 'turnedOff', organization, reason: 'signupOff', ...moved };
  if (!member && !allowEmailVerifiedUsers) return { kind: 'turnedOff', organization, reason: 'joiningOff', ...moved };
  if (member) {
    const service = request.service;
    return service && !member.services.includes(service)
      ? { kind: 'addService', organization, member, service, ...moved }
      : { kind: 'alreadyMember', organization, member, ...(inTenant ? { inTenant: true as const } : {}), ...moved };
  }
  // How many are there is the organization's own business: told only to someone the channel places in it.
  const insider = belongsTo(organization, { tenantId: request.requesterTenantId, email: request.requesterEmail });
  const colleagues = insider ? { colleagues: await directory.countMembers(organization.id) } : {};
  return organization.managed ? { kind: 'joinManaged', organization, ...colleagues, ...moved } : { kind: 'joinUnmanaged', organization, ...colleagues, ...moved };
}

/** The person chats from the organization's own tenant (or the one Microsoft says holds the domain), with the address asked about as their own (when Teams says). */
function chatsFromTenantOf(request: SignupRequest, organization: Organization, microsoftTenant?: string): boolean {
  if (!sameTenant(request.requesterTenantId, organization.tenantId) && !sameTenant(request.requesterTenantId, microsoftTenant)) return false;
  return isOwnAddress(request);
}

/** The address asked about is the one Teams gives for the person, or Teams gives none. */
function isOwnAddress(request: SignupRequest): boolean {
  return !request.requesterEmail || request.requesterEmail.toLowerCase() === request.address.address;
}

/** The channel gives the address asked about as the person's own (the Teams member look-up); anything else is their claim. */
export function isVerifiedAddress(request: Pick<SignupRequest, 'address' | 'requesterEmail'>): boolean {
  return request.requesterEmail !== undefined && request.requesterEmail.toLowerCase() === request.address.address;
}

function sameTenant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
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
 * @param atMicrosoft What Microsoft said about the domain, asked just before (never inside the transaction).
 */
export function recordSignup(directory: Directory, request: SignupRequest, now: Date, atMicrosoft?: MicrosoftDomainView): Promise<SignupResult> {
  return directory.transaction(async (tx) => {
    const plan = await planSignup(tx, request, atMicrosoft);
    const at = now.toISOString();
    const actor = request.address.address;
    const subject = request.address.domain;
    await tx.audit({ at, actor, action: 'signup', subject, outcome: plan.kind });
    if (!isRecordable(plan)) return { plan, organization: 'organization' in plan ? plan.organization : undefined };

    const organization = plan.kind === 'createUnmanaged' ? await newUnmanagedOrganization(tx, plan.domain, at, plan.tenantId) : plan.organization;
    const services = request.service ? [request.service] : [];
    // A typed address is recorded as the person's claim; only the channel's word makes it verified.
    const identity = isVerifiedAddress(request) ? 'verified' : (plan.kind === 'addService' && plan.member.identity) || 'claimed';
    const member: Member =
      plan.kind === 'addService'
        ? // A member known from the tenant only is recorded from now on.
          { ...plan.member, services: [...plan.member.services, plan.service], joinedAt: plan.member.joinedAt || at, identity }
        : {
            email: request.address.address,
            orgId: organization.id,
            joinedVia: 'selfService',
            services,
            joinedAt: at,
            ...(request.userId ? { userId: request.userId } : {}),
            ...(request.name ? { name: request.name } : {}),
            identity,
          };
    if (plan.kind === 'createUnmanaged') await tx.saveOrganization(organization);
    await tx.saveMember(member);
    return { plan, organization, member };
  });
}

