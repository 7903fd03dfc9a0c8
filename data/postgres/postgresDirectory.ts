/**
 * The organization directory in PostgreSQL.
 * @remarks A transaction takes one transaction-scoped advisory lock first, so directory transactions run
 * one at a time across every instance, exactly as they do in the embedded file's single-writer queue:
 * two verifications of one domain cannot both complete a takeover, 200 signups on a new domain end in one
 * organization. Changes are rare next to reads (a signup, a takeover step, an import), so one lock costs
 * little; reads outside a transaction take no lock. The domain table's primary key backs the "a domain
 * belongs to one organization" rule up inside the database itself.
 */
import { domainConflict, type AuditEntry, type Directory, type DirectoryTransaction, type Member } from '../../services/ports/directory.js';
import { isRecordedAdmin } from '../../services/organizations/adminAnswer.js';
import type { Organization } from '../../services/models/organization.js';
import { isUnsettled, LEGACY_OPEN_STATUSES, UNSETTLED_STATUSES, type TakeoverRequest } from '../../services/models/takeoverRequest.js';
import { allRecords, firstRecord, type Database, type DataRow, type Queryable } from './database.js';

/**
 * The advisory lock key that serialises directory transactions (distinct from the migration lock). Anything
 * else that changes the directory in a transaction (the store file import) takes it too, with
 * `pg_advisory_xact_lock`.
 */
export const DIRECTORY_LOCK = 741_852_002;

export class PostgresDirectory implements Directory {
  private readonly reads: DirectoryQueries;

  constructor(private readonly database: Database) {
    this.reads = new DirectoryQueries(database);
  }

  async findByTenantId(tenantId: string): Promise<Organization | undefined> {
    return firstRecord(await this.database.query<DataRow>('SELECT data FROM organizations WHERE tenant_id = $1 ORDER BY seq LIMIT 1', [tenantId]));
  }

  findByDomain(domain: string): Promise<Organization | undefined> {
    return this.reads.findByDomain(domain);
  }

  findById(id: string): Promise<Organization | undefined> {
    return this.reads.findById(id);
  }

  findMember(email: string): Promise<Member | undefined> {
    return this.reads.findMember(email);
  }

  countMembers(orgId: string): Promise<number> {
    return this.reads.countMembers(orgId);
  }

  membersOf(orgId: string): Promise<Member[]> {
    return this.reads.membersOf(orgId);
  }

  async listOrganizations(): Promise<Organization[]> {
    return allRecords(await this.database.query<DataRow>('SELECT data FROM organizations ORDER BY seq'));
  }

  async organizationsAdministeredBy(person: { email?: string; userId?: string }): Promise<Organization[]> {
    const keys = personAdminKeys(person);
    if (keys.length === 0) return [];
    const rows = await this.database.query<DataRow>(
      'SELECT data FROM organizations WHERE id IN (SELECT org_id FROM organization_admins WHERE admin_key = ANY($1)) ORDER BY seq',
      [keys],
    );
    // The keys find the candidates; the rule itself is the one both backends share.
    return allRecords<Organization>(rows).filter((org) => org.managed && isRecordedAdmin(org, person));
  }

  findTakeover(id: string): Promise<TakeoverRequest | undefined> {
    return this.reads.findTakeover(id);
  }

  takeoversFor(domain: string): Promise<TakeoverRequest[]> {
    return this.reads.takeoversFor(domain);
  }

  async openTakeovers(): Promise<TakeoverRequest[]> {
    // The statuses of earlier versions too: a store file moved in with db:import-file may hold them.
    const rows = await this.database.query<DataRow>('SELECT data FROM takeovers WHERE status = ANY($1) ORDER BY seq', [[...UNSETTLED_STATUSES, ...LEGACY_OPEN_STATUSES]]);
    return allRecords<TakeoverRequest>(rows).filter(isUnsettled);
  }

  async auditTrail(subject: string, limit: number): Promise<AuditEntry[]> {
    const rows = await this.database.query<DataRow>(
      'SELECT data FROM (SELECT seq, data FROM audit_entries WHERE subject = $1 ORDER BY seq DESC LIMIT $2) newest ORDER BY seq',
      [subject, limit],
    );
    return allRecords(rows);
  }

  save(organization: Organization): Promise<void> {
    return this.transaction((tx) => tx.saveOrganization(organization));
  }

  transaction<T>(work: (tx: DirectoryTransaction) => Promise<T>): Promise<T> {
    return this.database.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [DIRECTORY_LOCK]);
      return work(new DirectoryQueries(client));
    });
  }
}

/** The directory's reads and writes on one connection: the pool for plain reads, a transaction's client for the rest. */
class DirectoryQueries implements DirectoryTransaction {
  constructor(private readonly db: Queryable) {}

  async findById(id: string): Promise<Organization | undefined> {
    return firstRecord(await this.db.query<DataRow>('SELECT data FROM organizations WHERE id = $1', [id]));
  }

  async findByDomain(domain: string): Promise<Organization | undefined> {
    const rows = await this.db.query<DataRow>(
      'SELECT o.data FROM organization_domains d JOIN organizations o ON o.id = d.org_id WHERE d.domain = $1',
      [domain.toLowerCase()],
    );
    return firstRecord(rows);
  }

  async findMember(email: string): Promise<Member | undefined> {
    return firstRecord(await this.db.query<DataRow>('SELECT data FROM members WHERE email = $1', [email.toLowerCase()]));
  }

  async countMembers(orgId: string): Promise<number> {
    const [row] = await this.db.query<{ count: number }>('SELECT count(*)::int AS count FROM members WHERE org_id = $1', [orgId]);
    return row?.count ?? 0;
  }

  async membersOf(orgId: string): Promise<Member[]> {
    return allRecords(await this.db.query<DataRow>('SELECT data FROM members WHERE org_id = $1 ORDER BY seq', [orgId]));
  }

  async saveOrganization(organization: Organization): Promise<void> {
    const stored = storedOrganization(organization);
    const owners = await this.db.query<DataRow>(
      'SELECT DISTINCT o.data FROM organization_domains d JOIN organizations o ON o.id = d.org_id WHERE d.domain = ANY($1) AND d.org_id <> $2',
      [stored.domains, stored.id],
    );
    const conflict = domainConflict(stored, allRecords(owners));
    if (conflict) throw new Error(`Directory.saveOrganization("${stored.id}"): ${conflict}`);
    await this.db.query(
      `INSERT INTO organizations (id, tenant_id, data) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, data = EXCLUDED.data`,
      [stored.id, stored.tenantId ?? null, JSON.stringify(stored)],
    );
    await this.db.query('DELETE FROM organization_domains WHERE org_id = $1 AND NOT (domain = ANY($2))', [stored.id, stored.domains]);
    await this.db.query(
      'INSERT INTO organization_domains (domain, org_id) SELECT unnest($1::text[]), $2 ON CONFLICT (domain) DO NOTHING',
      [stored.domains, stored.id],
    );
    await this.db.query('DELETE FROM organization_admins WHERE org_id = $1', [stored.id]);
    await insertAdminKeys(this.db, stored);
  }

  async saveMember(member: Member): Promise<void> {
    const stored: Member = { ...member, email: member.email.toLowerCase() };
    await this.db.query(
      `INSERT INTO members (email, org_id, data) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO UPDATE SET org_id = EXCLUDED.org_id, data = EXCLUDED.data`,
      [stored.email, stored.orgId, JSON.stringify(stored)],
    );
  }

  async audit(entry: AuditEntry): Promise<void> {
    await insertAuditEntry(this.db, entry);
  }

  async findTakeover(id: string): Promise<TakeoverRequest | undefined> {
    return firstRecord(await this.db.query<DataRow>('SELECT data FROM takeovers WHERE id = $1', [id]));
  }

  async takeoversFor(domain: string): Promise<TakeoverRequest[]> {
    return allRecords(await this.db.query<DataRow>('SELECT data FROM takeovers WHERE domain = $1 ORDER BY seq', [domain]));
  }

  async saveTakeover(request: TakeoverRequest): Promise<void> {
    await this.db.query(
      `INSERT INTO takeovers (id, domain, status, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET domain = EXCLUDED.domain, status = EXCLUDED.status, data = EXCLUDED.data`,
      [request.id, request.domain, request.status, JSON.stringify(request)],
    );
  }
}

/** An organization as the directory stores it: its domains in lower case. */
function storedOrganization(organization: Organization): Organization {
  return { ...organization, domains: organization.domains.map((domain) => domain.toLowerCase()) };
}

// Adding records that may be there already (importing a store file, again): what the database holds wins.
// Each returns true when it added the record. They write the rows exactly as the directory above does.

/**
 * Adds an organization and its domains unless one with its id is there. The caller checks first that none
 * of its domains belongs to another organization; if one does all the same, the domain's primary key
 * fails the statement (and with it the transaction) rather than dropping the domain.
 */
export async function insertOrganization(db: Queryable, organization: Organization): Promise<boolean> {
  const stored = storedOrganization(organization);
  const added = await db.query(
    'INSERT INTO organizations (id, tenant_id, data) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id',
    [stored.id, stored.tenantId ?? null, JSON.stringify(stored)],
  );
  if (added.length === 0) return false;
  if (stored.domains.length > 0) {
    await db.query('INSERT INTO organization_domains (domain, org_id) SELECT DISTINCT unnest($1::text[]), $2', [stored.domains, stored.id]);
  }
  await insertAdminKeys(db, stored);
  return true;
}

/** The keys organization_admins lists a person under: lower-case email, user id (isRecordedAdmin's rule). */
function personAdminKeys(person: { email?: string; userId?: string }): string[] {
  const email = person.email?.trim().toLowerCase();
  return [...(email ? [`email:${email}`] : []), ...(person.userId ? [`user:${person.userId}`] : [])];
}

async function insertAdminKeys(db: Queryable, organization: Organization): Promise<void> {
  const keys = organization.admins.flatMap((admin) => personAdminKeys(admin));
  if (keys.length === 0) return;
  await db.query('INSERT INTO organization_admins (admin_key, org_id) SELECT DISTINCT unnest($1::text[]), $2', [keys, organization.id]);
}

/** Adds a member unless one with the same (lower-case) address is there. */
export async function insertMember(db: Queryable, member: Member): Promise<boolean> {
  const stored: Member = { ...member, email: member.email.toLowerCase() };
  const added = await db.query('INSERT INTO members (email, org_id, data) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING RETURNING email', [
    stored.email,
    stored.orgId,
    JSON.stringify(stored),
  ]);
  return added.length > 0;
}

/** Adds a takeover request unless one with its id is there. */
export async function insertTakeover(db: Queryable, request: TakeoverRequest): Promise<boolean> {
  const added = await db.query(
    'INSERT INTO takeovers (id, domain, status, data) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id',
    [request.id, request.domain, request.status, JSON.stringify(request)],
  );
  return added.length > 0;
}

/**
 * Appends an audit entry. Entries have no id of their own: one moved from a store file carries an
 * `importKey`, and is added only when no entry with that key is there yet.
 */
export async function insertAuditEntry(db: Queryable, entry: AuditEntry, importKey?: string): Promise<boolean> {
  const added = await db.query(
    'INSERT INTO audit_entries (subject, data, import_key) VALUES ($1, $2, $3) ON CONFLICT (import_key) DO NOTHING RETURNING seq',
    [entry.subject, JSON.stringify(entry), importKey ?? null],
  );
  return added.length > 0;
}
