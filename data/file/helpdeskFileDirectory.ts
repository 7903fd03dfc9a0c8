/**
 * The organization directory, kept in the embedded store file.
 * @remarks A transaction stages its writes and applies them in one synchronous step at its end, inside the
 * file's queue: other transactions wait, readers never see half a change, and a transaction that throws leaves
 * nothing behind. Look-ups scan the lists: a few thousand records take well under a millisecond, and a store
 * that has outgrown that belongs in PostgreSQL (README, "Speed"). What a caller gets is a copy.
 */
import { domainConflict, type AuditEntry, type Directory, type DirectoryTransaction, type Member } from '../../services/ports/directory.js';
import { isRecordedAdmin } from '../../services/organizations/adminAnswer.js';
import type { Organization } from '../../services/models/organization.js';
import { isUnsettled, type TakeoverRequest } from '../../services/models/takeoverRequest.js';
import type { HelpdeskData, HelpdeskFile } from './helpdeskFile.js';

const copy = <T>(value: T): T => (value === undefined ? value : structuredClone(value));

/** The look-ups of a directory over some data: the stored data, or a transaction's staged view of it. */
function lookUps(data: () => Readonly<Pick<HelpdeskData, 'organizations' | 'members' | 'takeovers'>>) {
  return {
    findById: async (id: string) => copy(data().organizations.find((org) => org.id === id)),
    findByDomain: async (domain: string) => {
      const wanted = domain.toLowerCase();
      return copy(data().organizations.find((org) => org.domains.includes(wanted)));
    },
    findMember: async (email: string) => {
      const wanted = email.toLowerCase();
      return copy(data().members.find((member) => member.email === wanted));
    },
    countMembers: async (orgId: string) => data().members.filter((member) => member.orgId === orgId).length,
    membersOf: async (orgId: string) => copy(data().members.filter((member) => member.orgId === orgId)),
    findTakeover: async (id: string) => copy(data().takeovers.find((request) => request.id === id)),
    takeoversFor: async (domain: string) => copy(data().takeovers.filter((request) => request.domain === domain)),
  };
}

export class HelpdeskFileDirectory implements Directory {
  private readonly look = lookUps(() => this.file.data);
  readonly findById = this.look.findById;
  readonly findByDomain = this.look.findByDomain;
  readonly findMember = this.look.findMember;
  readonly countMembers = this.look.countMembers;
  readonly membersOf = this.look.membersOf;
  readonly findTakeover = this.look.findTakeover;
  readonly takeoversFor = this.look.takeoversFor;

  constructor(private readonly file: HelpdeskFile) {}

  async findByTenantId(tenantId: string): Promise<Organization | undefined> {
    return copy(this.file.data.organizations.find((org) => org.tenantId === tenantId));
  }

  /** Managed organizations that record this person as an admin, by email or user id (isRecordedAdmin's rule). */
  async organizationsAdministeredBy(person: { email?: string; userId?: string }): Promise<Organization[]> {
    return copy(this.file.data.organizations.filter((org) => org.managed && isRecordedAdmin(org, person)));
  }

  async listOrganizations(): Promise<Organization[]> {
    return copy(this.file.data.organizations);
  }

  async openTakeovers(): Promise<TakeoverRequest[]> {
    return copy(this.file.data.takeovers.filter(isUnsettled));
  }

  async auditTrail(subject: string, limit: number): Promise<AuditEntry[]> {
    return copy(this.file.data.audit.filter((entry) => entry.subject === subject).slice(-limit));
  }

  save(organization: Organization): Promise<void> {
    return this.transaction((tx) => tx.saveOrganization(organization));
  }

  transaction<T>(work: (tx: DirectoryTransaction) => Promise<T>): Promise<T> {
    return this.file.update(async (data) => {
      const staged = new StagedChanges(data);
      const result = await work(staged);
      staged.applyTo(data);
      return result;
    });
  }
}

/** A transaction's view: the stored data with its own writes laid over it, applied only at the end. */
class StagedChanges implements DirectoryTransaction {
  private readonly organizations = new Map<string, Organization>();
  private readonly members = new Map<string, Member>();
  private readonly entries: AuditEntry[] = [];
  private readonly takeovers = new Map<string, TakeoverRequest>();
  private readonly look = lookUps(() => this.view());

  readonly findById = this.look.findById;
  readonly findByDomain = this.look.findByDomain;
  readonly findMember = this.look.findMember;
  readonly countMembers = this.look.countMembers;
  readonly membersOf = this.look.membersOf;
  readonly findTakeover = this.look.findTakeover;
  readonly takeoversFor = this.look.takeoversFor;

  constructor(private readonly stored: Readonly<HelpdeskData>) {}

  async saveOrganization(organization: Organization): Promise<void> {
    const org = structuredClone({ ...organization, domains: organization.domains.map((domain) => domain.toLowerCase()) });
    const conflict = domainConflict(org, this.view().organizations);
    if (conflict) throw new Error(`Directory.saveOrganization("${org.id}"): ${conflict}`);
    this.organizations.set(org.id, org);
  }

  async saveMember(member: Member): Promise<void> {
    const stored = structuredClone({ ...member, email: member.email.toLowerCase() });
    this.members.set(stored.email, stored);
  }

  async audit(entry: AuditEntry): Promise<void> {
    this.entries.push(structuredClone(entry));
  }

  async saveTakeover(request: TakeoverRequest): Promise<void> {
    this.takeovers.set(request.id, structuredClone(request));
  }

  /** The lists as they will be after this transaction: stored records replaced in place, new ones after them. */
  private view(): Pick<HelpdeskData, 'organizations' | 'members' | 'takeovers'> {
    return {
      organizations: merged(this.stored.organizations, this.organizations, (org) => org.id),
      members: merged(this.stored.members, this.members, (member) => member.email),
      takeovers: merged(this.stored.takeovers, this.takeovers, (request) => request.id),
    };
  }

  /** Writes the staged changes into the data, in one synchronous step. */
  applyTo(data: HelpdeskData): void {
    if (this.organizations.size > 0) data.organizations = merged(data.organizations, this.organizations, (org) => org.id);
    if (this.members.size > 0) data.members = merged(data.members, this.members, (member) => member.email);
    if (this.takeovers.size > 0) data.takeovers = merged(data.takeovers, this.takeovers, (request) => request.id);
    data.audit.push(...this.entries);
  }
}

/** `stored` with each item that `staged` has a key for replaced in place, and staged items with new keys after them. */
function merged<T>(stored: readonly T[], staged: ReadonlyMap<string, T>, keyOf: (item: T) => string): T[] {
  if (staged.size === 0) return stored as T[];
  const seen = new Set<string>();
  const result = stored.map((item) => {
    const key = keyOf(item);
    const replacement = staged.get(key);
    if (replacement === undefined) return item;
    seen.add(key);
    return replacement;
  });
  for (const [key, item] of staged) if (!seen.has(key)) result.push(item);
  return result;
}
