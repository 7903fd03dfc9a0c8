/**
 * The organization directory, kept in the embedded store file.
 * @remarks A transaction stages its writes and applies them in one synchronous step at the end, inside
 * the file's update queue: other transactions wait, readers never see half a change, and a transaction
 * that throws leaves nothing behind.
 */
import { domainConflict, type AuditEntry, type Directory, type DirectoryTransaction, type Member } from '../services/directory.js';
import type { Organization } from '../services/organization.js';
import { isOpen, type TakeoverRequest } from '../services/takeoverRequest.js';
import type { HelpdeskData, HelpdeskFile } from './helpdeskFile.js';

export class HelpdeskFileDirectory implements Directory {
  constructor(private readonly file: HelpdeskFile) {}

  async findByTenantId(tenantId: string): Promise<Organization | undefined> {
    return copy(this.file.data.organizations.find((org) => org.tenantId === tenantId));
  }

  async findByDomain(domain: string): Promise<Organization | undefined> {
    return copy(organizationWithDomain(this.file.data.organizations, domain));
  }

  async findById(id: string): Promise<Organization | undefined> {
    return copy(this.file.data.organizations.find((org) => org.id === id));
  }

  async findMember(email: string): Promise<Member | undefined> {
    const wanted = email.toLowerCase();
    return copy(this.file.data.members.find((member) => member.email === wanted));
  }

  async countMembers(orgId: string): Promise<number> {
    return this.file.data.members.filter((member) => member.orgId === orgId).length;
  }

  async membersOf(orgId: string): Promise<Member[]> {
    return structuredClone(this.file.data.members.filter((member) => member.orgId === orgId));
  }

  async listOrganizations(): Promise<Organization[]> {
    return structuredClone(this.file.data.organizations);
  }

  async findTakeover(id: string): Promise<TakeoverRequest | undefined> {
    return copy(this.file.data.takeovers.find((request) => request.id === id));
  }

  async openTakeovers(): Promise<TakeoverRequest[]> {
    return structuredClone(this.file.data.takeovers.filter(isOpen));
  }

  async auditTrail(subject: string, limit: number): Promise<AuditEntry[]> {
    return structuredClone(this.file.data.audit.filter((entry) => entry.subject === subject).slice(-limit));
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

  constructor(private readonly data: Readonly<HelpdeskData>) {}

  async findById(id: string): Promise<Organization | undefined> {
    return copy(this.currentOrganizations().find((org) => org.id === id));
  }

  async findByDomain(domain: string): Promise<Organization | undefined> {
    return copy(organizationWithDomain(this.currentOrganizations(), domain));
  }

  async findMember(email: string): Promise<Member | undefined> {
    const wanted = email.toLowerCase();
    return copy(this.members.get(wanted) ?? this.data.members.find((member) => member.email === wanted));
  }

  async countMembers(orgId: string): Promise<number> {
    return (await this.membersOf(orgId)).length;
  }

  async membersOf(orgId: string): Promise<Member[]> {
    const stored = this.data.members.filter((member) => member.orgId === orgId && !this.members.has(member.email));
    const staged = [...this.members.values()].filter((member) => member.orgId === orgId);
    return structuredClone([...stored, ...staged]);
  }

  async saveOrganization(organization: Organization): Promise<void> {
    const stored = structuredClone({ ...organization, domains: organization.domains.map((domain) => domain.toLowerCase()) });
    const conflict = domainConflict(stored, this.currentOrganizations());
    if (conflict) throw new Error(`Directory.saveOrganization("${stored.id}"): ${conflict}`);
    this.organizations.set(stored.id, stored);
  }

  async saveMember(member: Member): Promise<void> {
    const stored = structuredClone({ ...member, email: member.email.toLowerCase() });
    this.members.set(stored.email, stored);
  }

  async audit(entry: AuditEntry): Promise<void> {
    this.entries.push(structuredClone(entry));
  }

  async findTakeover(id: string): Promise<TakeoverRequest | undefined> {
    return copy(this.takeovers.get(id) ?? this.data.takeovers.find((request) => request.id === id));
  }

  async takeoversFor(domain: string): Promise<TakeoverRequest[]> {
    const stored = this.data.takeovers.filter((request) => request.domain === domain && !this.takeovers.has(request.id));
    const staged = [...this.takeovers.values()].filter((request) => request.domain === domain);
    return structuredClone([...stored, ...staged]);
  }

  async saveTakeover(request: TakeoverRequest): Promise<void> {
    this.takeovers.set(request.id, structuredClone(request));
  }

  /** Organizations as they will be after this transaction. */
  private currentOrganizations(): Organization[] {
    const untouched = this.data.organizations.filter((org) => !this.organizations.has(org.id));
    return [...untouched, ...this.organizations.values()];
  }

  applyTo(data: HelpdeskData): void {
    for (const org of this.organizations.values()) upsert(data.organizations, org, (candidate) => candidate.id === org.id);
    for (const member of this.members.values()) upsert(data.members, member, (candidate) => candidate.email === member.email);
    for (const request of this.takeovers.values()) upsert(data.takeovers, request, (candidate) => candidate.id === request.id);
    data.audit.push(...this.entries);
  }
}

/** Replaces the item `same` finds, or appends it. */
function upsert<T>(list: T[], item: T, same: (candidate: T) => boolean): void {
  const index = list.findIndex(same);
  if (index === -1) list.push(item);
  else list[index] = item;
}

function organizationWithDomain(organizations: readonly Organization[], domain: string): Organization | undefined {
  const wanted = domain.toLowerCase();
  return organizations.find((org) => org.domains.includes(wanted));
}

function copy<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
