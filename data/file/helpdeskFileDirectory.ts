/**
 * The organization directory, kept in the embedded store file.
 * @remarks A transaction stages its writes and applies them in one synchronous step at the end, inside
 * the file's update queue: other transactions wait, readers never see half a change, and a transaction
 * that throws leaves nothing behind. Look-ups by id, domain, tenant, email and organization go through the
 * store's indexes, so they cost the same with 100 organizations or 100,000.
 */
import { domainConflict, type AuditEntry, type Directory, type DirectoryTransaction, type Member } from '../../services/ports/directory.js';
import { isRecordedAdmin } from '../../services/organizations/adminAnswer.js';
import type { Organization } from '../../services/models/organization.js';
import { isUnsettled, type TakeoverRequest } from '../../services/models/takeoverRequest.js';
import type { HelpdeskData, HelpdeskFile } from './helpdeskFile.js';

export class HelpdeskFileDirectory implements Directory {
  constructor(private readonly file: HelpdeskFile) {}

  async findByTenantId(tenantId: string): Promise<Organization | undefined> {
    return this.file.find('organizations', 'tenantId', tenantId)[0]?.record;
  }

  async findByDomain(domain: string): Promise<Organization | undefined> {
    return this.file.find('organizations', 'domain', domain.toLowerCase())[0]?.record;
  }

  async findById(id: string): Promise<Organization | undefined> {
    return this.file.find('organizations', 'id', id)[0]?.record;
  }

  async findMember(email: string): Promise<Member | undefined> {
    return this.file.find('members', 'email', email.toLowerCase())[0]?.record;
  }

  async countMembers(orgId: string): Promise<number> {
    return this.file.find('members', 'orgId', orgId).length;
  }

  async membersOf(orgId: string): Promise<Member[]> {
    return this.file.find('members', 'orgId', orgId).map(({ record }) => record);
  }

  /** Managed organizations that record this person as an admin, by email or user id (isRecordedAdmin's rule). */
  async organizationsAdministeredBy(person: { email?: string; userId?: string }): Promise<Organization[]> {
    const found = new Map<number, Organization>();
    const email = person.email?.trim().toLowerCase();
    for (const key of [email, person.userId]) {
      if (key === undefined) continue;
      for (const { position, record } of this.file.find('organizations', 'admin', key)) found.set(position, record);
    }
    return [...found.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, org]) => org)
      .filter((org) => org.managed && isRecordedAdmin(org, person));
  }

  async listOrganizations(): Promise<Organization[]> {
    return this.file.records('organizations');
  }

  async findTakeover(id: string): Promise<TakeoverRequest | undefined> {
    return this.file.find('takeovers', 'id', id)[0]?.record;
  }

  async takeoversFor(domain: string): Promise<TakeoverRequest[]> {
    return this.file.find('takeovers', 'domain', domain).map(({ record }) => record);
  }

  async openTakeovers(): Promise<TakeoverRequest[]> {
    return this.file.records('takeovers').filter(isUnsettled);
  }

  async auditTrail(subject: string, limit: number): Promise<AuditEntry[]> {
    return this.file
      .records('audit')
      .filter((entry) => entry.subject === subject)
      .slice(-limit);
  }

  save(organization: Organization): Promise<void> {
    return this.transaction((tx) => tx.saveOrganization(organization));
  }

  transaction<T>(work: (tx: DirectoryTransaction) => Promise<T>): Promise<T> {
    return this.file.update(async (data) => {
      const staged = new StagedChanges(this.file);
      const result = await work(staged);
      staged.applyTo(data, this.file);
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

  constructor(private readonly file: HelpdeskFile) {}

  async findById(id: string): Promise<Organization | undefined> {
    return copy(this.organizations.get(id)) ?? this.file.find('organizations', 'id', id)[0]?.record;
  }

  async findByDomain(domain: string): Promise<Organization | undefined> {
    const wanted = domain.toLowerCase();
    // As a scan of stored-then-staged organizations would find it: stored ones the transaction has not replaced first.
    const stored = this.file.find('organizations', 'domain', wanted).find(({ record }) => !this.organizations.has(record.id));
    return stored?.record ?? copy([...this.organizations.values()].find((org) => org.domains.includes(wanted)));
  }

  async findMember(email: string): Promise<Member | undefined> {
    const wanted = email.toLowerCase();
    return copy(this.members.get(wanted)) ?? this.file.find('members', 'email', wanted)[0]?.record;
  }

  async countMembers(orgId: string): Promise<number> {
    return (await this.membersOf(orgId)).length;
  }

  async membersOf(orgId: string): Promise<Member[]> {
    const stored = this.file
      .find('members', 'orgId', orgId)
      .map(({ record }) => record)
      .filter((member) => !this.members.has(member.email));
    const staged = [...this.members.values()].filter((member) => member.orgId === orgId);
    return [...stored, ...structuredClone(staged)];
  }

  async saveOrganization(organization: Organization): Promise<void> {
    const stored = structuredClone({ ...organization, domains: organization.domains.map((domain) => domain.toLowerCase()) });
    const conflict = domainConflict(stored, this.holdersOf(stored.domains));
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
    return copy(this.takeovers.get(id)) ?? this.file.find('takeovers', 'id', id)[0]?.record;
  }

  async takeoversFor(domain: string): Promise<TakeoverRequest[]> {
    const stored = this.file
      .find('takeovers', 'domain', domain)
      .map(({ record }) => record)
      .filter((request) => !this.takeovers.has(request.id));
    const staged = [...this.takeovers.values()].filter((request) => request.domain === domain);
    return [...stored, ...structuredClone(staged)];
  }

  async saveTakeover(request: TakeoverRequest): Promise<void> {
    this.takeovers.set(request.id, structuredClone(request));
  }

  /**
   * The organizations, as they will be after this transaction, that hold any of `domains`: stored ones in
   * store order, then staged ones (the order a scan of all of them would meet them in).
   */
  private holdersOf(domains: readonly string[]): Organization[] {
    const stored = new Map<number, Organization>();
    for (const domain of domains) {
      for (const { position, record } of this.file.find('organizations', 'domain', domain)) {
        if (!this.organizations.has(record.id)) stored.set(position, record);
      }
    }
    const staged = [...this.organizations.values()].filter((org) => org.domains.some((domain) => domains.includes(domain)));
    return [...[...stored.entries()].sort(([a], [b]) => a - b).map(([, org]) => org), ...staged];
  }

  applyTo(data: HelpdeskData, file: HelpdeskFile): void {
    for (const org of this.organizations.values()) upsert(data.organizations, org, file.find('organizations', 'id', org.id)[0]?.position);
    for (const member of this.members.values()) upsert(data.members, member, file.find('members', 'email', member.email)[0]?.position);
    for (const request of this.takeovers.values()) upsert(data.takeovers, request, file.find('takeovers', 'id', request.id)[0]?.position);
    data.audit.push(...this.entries);
  }
}

/** Replaces the item at `position`, or appends it when it is new. */
function upsert<T>(list: T[], item: T, position: number | undefined): void {
  if (position === undefined) list.push(item);
  else list[position] = item;
}

function copy<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
