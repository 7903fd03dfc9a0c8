/**
 * The organization directory: organizations keyed by email domain, the people who joined them, and an
 * audit trail of every change. `data/` implements it; the rules that decide a change live in `services/`.
 * @remarks Changes that read before they write (a signup, an import, a takeover) run in `transaction`, so
 * two of them never interleave: 200 people signing up on one new domain end in one organization.
 */
import type { Organization } from '../models/organization.js';
import type { TakeoverRequest } from '../models/takeoverRequest.js';

export const JOIN_ROUTES = ['selfService', 'admin', 'takeover', 'import'] as const;
export type JoinRoute = (typeof JOIN_ROUTES)[number];

/** A person the directory knows, by email address; one organization per address. */
export interface Member {
  /** Lower-case address; the key. */
  email: string;
  orgId: string;
  joinedVia: JoinRoute;
  /** Self-service services this person signed up for (display names such as "Power BI"). */
  services: string[];
  joinedAt: string;
  /** The Teams user who signed up, when it happened in Teams; never used to prove who someone is. */
  userId?: string;
  name?: string;
  /**
   * Whether the address is this person's by the channel's word: `verified` when the channel gave it for them (the
   * Teams member look-up), `claimed` when it was only typed (Web Chat, the Emulator, a failed look-up, or another
   * address than the one Teams gives). A claimed member joins no organization's inside view. Records from before
   * this was kept have none: read them as claimed (isVerifiedMember).
   */
  identity?: MemberIdentity;
}

export type MemberIdentity = 'verified' | 'claimed';

/** The channel vouched for the member's address; a record without the mark proves nothing either. */
export function isVerifiedMember(member: Pick<Member, 'identity'>): boolean {
  return member.identity === 'verified';
}

export interface AuditEntry {
  at: string;
  /** Who did it: an email address, a Teams user id, or `cli` for the operators' command line. */
  actor: string;
  action: string;
  /** What it was done to: usually a domain. */
  subject: string;
  outcome: string;
}

/** What a transaction may read and change; everything it does is kept, or nothing is. */
export interface DirectoryTransaction {
  findById(id: string): Promise<Organization | undefined>;
  findByDomain(domain: string): Promise<Organization | undefined>;
  findMember(email: string): Promise<Member | undefined>;
  countMembers(orgId: string): Promise<number>;
  membersOf(orgId: string): Promise<Member[]>;
  /** Adds or replaces by id; throws when one of its domains belongs to another organization. */
  saveOrganization(organization: Organization): Promise<void>;
  /** Adds or replaces by email. */
  saveMember(member: Member): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
  findTakeover(id: string): Promise<TakeoverRequest | undefined>;
  /** Every takeover request for a domain, open or ended. */
  takeoversFor(domain: string): Promise<TakeoverRequest[]>;
  saveTakeover(request: TakeoverRequest): Promise<void>;
}

export interface Directory {
  findByTenantId(tenantId: string): Promise<Organization | undefined>;
  /** Exact domain match: sales.contoso.com is not contoso.com. */
  findByDomain(domain: string): Promise<Organization | undefined>;
  findById(id: string): Promise<Organization | undefined>;
  findMember(email: string): Promise<Member | undefined>;
  countMembers(orgId: string): Promise<number>;
  membersOf(orgId: string): Promise<Member[]>;
  listOrganizations(): Promise<Organization[]>;
  /** Managed organizations that record this person as an admin: by email (case-insensitive) or by user id. */
  organizationsAdministeredBy(person: { email?: string; userId?: string }): Promise<Organization[]>;
  findTakeover(id: string): Promise<TakeoverRequest | undefined>;
  /** Every takeover request for a domain, open or ended, oldest first. */
  takeoversFor(domain: string): Promise<TakeoverRequest[]>;
  /** Requests still open or reported by their requester and not yet confirmed by Microsoft (isUnsettled), for the background re-check. */
  openTakeovers(): Promise<TakeoverRequest[]>;
  /** The most recent audit entries about a subject (a domain), newest last. */
  auditTrail(subject: string, limit: number): Promise<AuditEntry[]>;
  /** Adds or replaces the organization with the same id (a transaction of one write). */
  save(organization: Organization): Promise<void>;
  /** Runs `work` alone against a consistent directory; if it throws, none of its writes are kept. */
  transaction<T>(work: (tx: DirectoryTransaction) => Promise<T>): Promise<T>;
}

/** A domain may belong to one organization only; the error names both. */
export function domainConflict(organization: Organization, others: readonly Organization[]): string | undefined {
  for (const other of others) {
    if (other.id === organization.id) continue;
    const shared = organization.domains.find((domain) => other.domains.includes(domain));
    if (shared) return `domain "${shared}" already belongs to organization "${other.id}" (${other.displayName})`;
  }
  return undefined;
}
