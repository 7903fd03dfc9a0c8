/**
 * The organization directory, kept in the embedded store file.
 * @remarks A transaction stages its writes and applies them in one synchronous step at the end, inside
 * the file's update queue: other transactions wait, readers never see half a change, and a transaction
 * that throws leaves nothing behind.
 */
import { domainConflict, type AuditEntry, type Directory, type DirectoryTransaction, type Member } from '../services/directory.js';
import type { Organization } from '../services/organization.js';
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

  async listOrganizations(): Promise<Organization[]> {
    return structuredClone(this.file.data.organizations);
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
    const stored = this.data.members.filter((member) => member.orgId === orgId && !this.members.has(member.email)).length;
    const staged = [...this.members.values()].filter((member) => member.orgId === orgId).length;
    return stored + staged;
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

  /** Organizations as they will be after this transaction. */
  private currentOrganizations(): Organization[] {
    const untouched = this.data.organizations.filter((org) => !this.organizations.has(org.id));
    return [...untouched, ...this.organizations.values()];
  }

  applyTo(data: HelpdeskData): void {
    for (const org of this.organizations.values()) {
      const index = data.organizations.findIndex((candidate) => candidate.id === org.id);
      if (index === -1) data.organizations.push(org);
      else data.organizations[index] = org;
    }
    for (const member of this.members.values()) {
      const index = data.members.findIndex((candidate) => candidate.email === member.email);
      if (index === -1) data.members.push(member);
      else data.members[index] = member;
    }
    data.audit.push(...this.entries);
  }
}

function organizationWithDomain(organizations: readonly Organization[], domain: string): Organization | undefined {
  const wanted = domain.toLowerCase();
  return organizations.find((org) => org.domains.includes(wanted));
}

function copy<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
