/**
 * `npm run db:migrate` and `npm run db:import-file -- FILE`: the operators' command line for the PostgreSQL
 * database in DATABASE_URL. Started through cli/index.ts (`node dist/cli/index.js db migrate|import-file ...`);
 * arguments are read with parseArgs.
 * - migrate: applies the schema migrations this version ships (the bot does the same when it starts).
 * - import-file: moves an embedded store file (DB_FILE) into the database, once: every record the database
 *   does not hold yet is added, every record it already holds is left as it is, in one transaction.
 * @remarks The import takes the directory's advisory lock for its whole transaction, so a bot already running
 * on the database cannot change the directory half-way through it, and the store file's own lock, so a bot
 * running on the file cannot change the file while it is read. The file is never written (nor created).
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { HelpdeskFile, type HelpdeskData, type StoredStateItem } from '../data/file/helpdeskFile.js';
import { allRecords, Database, type DataRow, type Queryable } from '../data/postgres/database.js';
import { migrate, type MigrationReport } from '../data/postgres/migrations.js';
import { DIRECTORY_LOCK, insertAuditEntry, insertMember, insertOrganization, insertTakeover } from '../data/postgres/postgresDirectory.js';
import { insertAnswer, insertTicket } from '../data/postgres/postgresRecords.js';
import { describeDatabaseUrl } from '../data/postgres/postgresStore.js';
import { lockStore, StoreLockedError } from '../data/file/storeLock.js';
import { ticketId, type Ticket } from '../services/models/ticket.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, readSubcommandLine, usageError, type CliIo } from './cliMain.js';
import { loadConfig } from '../bot/app/config.js';

export type DbCliIo = CliIo;

export const USAGE = `usage: npm run db:migrate
       npm run db:import-file -- FILE

  migrate           bring the PostgreSQL database in DATABASE_URL to this version's schema (the bot
                    does the same when it starts); prints the schema version and what was applied
  import-file FILE  move the store file FILE (a DB_FILE such as .data/helpdesk.json) into the database:
                    organizations with their domains, members, takeovers, audit entries, answers,
                    tickets, conversation and user state, and the ticket number sequence (set to the
                    file's last number when that is higher, so no ticket number is handed out twice).
                    Reads the store file of this version, and one an older version left with its
                    journal (FILE.journal), which is replayed as the older version would have.
                    Migrates first, then moves everything in one transaction: all of it, or nothing.
                    Whatever the database already holds wins: a record with the same id (organization,
                    takeover, answer, ticket), address (member) or key (state item) is left as the
                    database has it and counted as "already there", so running it again moves nothing.
                    A domain of the file that belongs to another organization in the database stops
                    the whole import. Refused while a bot runs on FILE; the file is only read.
                    Best run before any bot uses the database: a ticket number the database handed out
                    already is kept, and the file's ticket with that number is not moved.
  help              print this text

DATABASE_URL (postgres://user:password@host:5432/database) is read from the environment or .env.
`;

/** A problem with what the operator gave (setting, file): one line, exit code 2. */
class InputError extends Error {}

const CLI = { name: 'db', usage: USAGE, commands: ['migrate', 'import-file'] } as const;

export async function runDbCli(args: string[], io: DbCliIo): Promise<number> {
  const usage = (problem: string) => usageError(CLI, problem, io);
  const read = readSubcommandLine(CLI, args, io);
  if ('exit' in read) return read.exit;
  const { command, rest } = read;
  if (command === 'migrate' && rest.length > 0) return usage('migrate takes no arguments');
  if (command === 'import-file' && rest.length !== 1) return usage('import-file needs exactly one FILE');

  try {
    const url = databaseUrl(io.env);
    if (command === 'migrate') return await runMigrate(url, io);
    return await importFile(resolve(io.cwd ?? process.cwd(), rest[0] ?? ''), url, io);
  } catch (error) {
    // Operators get the message, not a stack: every error thrown below names the file or setting at fault.
    io.stderr(`db ${command}: ${(error as Error).message}\n`);
    return error instanceof InputError ? EXIT_USAGE : EXIT_FAILED;
  }
}

function databaseUrl(env: CliIo['env']): string {
  let url: string | undefined;
  try {
    url = loadConfig(env).databaseUrl;
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  if (!url) throw new InputError('DATABASE_URL is not set; set it to the database, as postgres://user:password@host:5432/database');
  return url;
}

function describeMigration({ applied, version }: MigrationReport): string {
  const names = applied.map((migration) => `${String(migration.version).padStart(4, '0')}_${migration.name}`);
  return `schema at version ${version}; ${names.length > 0 ? `applied: ${names.join(', ')}` : 'nothing to apply'}`;
}

/** Opens the pool, runs `work`, always closes it; a database that cannot be reached is named without its password. */
async function withDatabase<T>(url: string, work: (database: Database) => Promise<T>): Promise<T> {
  const database = new Database(url, { maxConnections: 2 });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

async function migrated(database: Database, url: string): Promise<MigrationReport> {
  try {
    return await migrate(database);
  } catch (error) {
    throw new Error(`the PostgreSQL database at ${describeDatabaseUrl(url)} could not be migrated: ${(error as Error).message}`, { cause: error });
  }
}

async function runMigrate(url: string, io: DbCliIo): Promise<number> {
  const report = await withDatabase(url, (database) => migrated(database, url));
  io.stdout(`PostgreSQL at ${describeDatabaseUrl(url)}: ${describeMigration(report)}\n`);
  return EXIT_OK;
}

// import-file

/** What the import moved of one kind of record, and what the database held already. */
interface Moved {
  moved: number;
  alreadyThere: number;
}

interface ImportReport {
  organizations: Moved;
  members: Moved;
  takeovers: Moved;
  auditEntries: Moved;
  answers: Moved;
  tickets: Moved;
  stateItems: Moved;
  /** The last ticket number in the database before and after, and the file's. */
  sequence: { before: number; after: number; file: number };
}

interface DomainConflict {
  domain: string;
  fileOrg: { id: string; displayName: string };
  databaseOrg: { id: string; displayName: string };
}

/** What the file and the database disagree on, so that importing would lose something: nothing is imported. */
class ImportConflictError extends Error {
  constructor(readonly conflicts: readonly string[]) {
    super(conflicts.join('; '));
  }
}

function describeDomainConflict({ domain, fileOrg, databaseOrg }: DomainConflict): string {
  return (
    `the domain "${domain}" belongs to organization "${fileOrg.id}" (${fileOrg.displayName}) in the file, ` +
    `but to organization "${databaseOrg.id}" (${databaseOrg.displayName}) in the database`
  );
}

async function importFile(path: string, url: string, io: DbCliIo): Promise<number> {
  // Checked before anything else, and before HelpdeskFile.open, which would create a missing file.
  if (!existsSync(path)) throw new InputError(`the file "${path}" does not exist`);
  if (!statSync(path).isFile()) throw new InputError(`"${path}" is not a file`);

  let lock;
  try {
    lock = await lockStore(path, 'database import');
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    io.stderr(`db import-file: ${error.message} Nothing was imported.\n`);
    return EXIT_FAILED;
  }
  try {
    checkStoreFile(path, await readFile(path, 'utf8'));
    // Opening reads the file as the bot does (an older version's journal replayed) and writes nothing.
    const { data } = await HelpdeskFile.open(lock.path);
    const owners = fileDomainOwners(path, data);
    const where = describeDatabaseUrl(url);
    const { migration, report } = await withDatabase(url, async (database) => {
      const migration = await migrated(database, url);
      const report = await database.transaction((client) => moveInto(client, data, owners));
      return { migration, report };
    });
    io.stdout(`Imported ${path} into PostgreSQL at ${where} (${describeMigration(migration)}):\n`);
    const line = (kind: string, { moved, alreadyThere }: Moved) => io.stdout(`  ${kind}: ${moved} moved, ${alreadyThere} already there\n`);
    line('organizations', report.organizations);
    line('members', report.members);
    line('takeovers', report.takeovers);
    line('audit entries', report.auditEntries);
    line('answers', report.answers);
    line('tickets', report.tickets);
    line('state items', report.stateItems);
    io.stdout(`  ticket number sequence: ${describeSequence(report.sequence)}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ImportConflictError) {
      io.stderr(`db import-file: ${error.message}. Nothing was imported.\n`);
      return EXIT_FAILED;
    }
    throw error;
  } finally {
    await lock.release();
  }
}

function describeSequence({ before, after, file }: ImportReport['sequence']): string {
  const last = (n: number) => (n === 0 ? 'none yet' : `${n}, ${ticketId(n)}`);
  if (after > before) return `moved: the last ticket number is now the file's (${last(after)}; the database had ${last(before)})`;
  return `already there: the database's last ticket number (${last(before)}) is not below the file's (${last(file)})`;
}

/** Everything of the file that the database does not hold yet, on `client` inside one transaction. */
async function moveInto(client: Queryable, data: Readonly<HelpdeskData>, owners: DomainOwners): Promise<ImportReport> {
  // Directory changes of a running bot wait until this commits, as the bot's own transactions do.
  await client.query('SELECT pg_advisory_xact_lock($1)', [DIRECTORY_LOCK]);
  const conflicts = [...(await domainConflicts(client, owners)).map(describeDomainConflict), ...(await ticketConflicts(client, data.tickets))];
  if (conflicts.length > 0) throw new ImportConflictError(conflicts);

  const count = async <T>(items: readonly T[], insert: (item: T, index: number) => Promise<boolean>): Promise<Moved> => {
    let moved = 0;
    for (const [index, item] of items.entries()) if (await insert(item, index)) moved += 1;
    return { moved, alreadyThere: items.length - moved };
  };
  const report: Omit<ImportReport, 'sequence'> = {
    organizations: await count(data.organizations, (organization) => insertOrganization(client, organization)),
    members: await count(data.members, (member) => insertMember(client, member)),
    takeovers: await count(data.takeovers, (request) => insertTakeover(client, request)),
    auditEntries: await count(data.audit, (entry, index) => insertAuditEntry(client, entry, auditImportKey(entry, index))),
    answers: await count(data.answers, (answer) => insertAnswer(client, answer)),
    tickets: await count(data.tickets, (ticket) => insertTicket(client, ticket)),
    stateItems: await count(Object.entries(data.state), ([key, item]) => insertStateItem(client, key, item)),
  };
  // Last: a sequence is not transactional, so a setval is not undone by a rollback. Here only the COMMIT can
  // still fail, and then the sequence has merely skipped some numbers.
  return { ...report, sequence: await raiseTicketSequence(client, fileTicketSequence(data)) };
}

/** The key that makes a second import of the same file skip the audit entries the first one added. */
function auditImportKey(entry: unknown, index: number): string {
  return `file:${index}:${createHash('sha256').update(JSON.stringify(entry)).digest('hex')}`;
}

/**
 * A conversation or user state item, its JSON and eTag as the file keeps them (PostgresStorage reads them so), and
 * when it was last written, which idle conversations expire by (an older version's item has no time: now).
 */
async function insertStateItem(db: Queryable, key: string, { eTag, json, updatedAt }: StoredStateItem): Promise<boolean> {
  const added = await db.query(
    'INSERT INTO bot_state (key, etag, data, updated_at) VALUES ($1, $2, $3, COALESCE($4::timestamptz, now())) ON CONFLICT (key) DO NOTHING RETURNING key',
    [key, eTag, json, updatedAt ?? null],
  );
  return added.length > 0;
}

type DomainOwners = ReadonlyMap<string, { id: string; displayName: string }>;

/** Which organization of the file has each domain (lower case); two organizations with one domain are refused. */
function fileDomainOwners(path: string, data: Readonly<HelpdeskData>): DomainOwners {
  const owners = new Map<string, { id: string; displayName: string }>();
  for (const organization of data.organizations) {
    for (const domain of new Set(organization.domains.map((name) => name.toLowerCase()))) {
      const owner = owners.get(domain);
      if (owner && owner.id !== organization.id) {
        throw new InputError(`the file "${path}" gives the domain "${domain}" to two organizations, "${owner.id}" and "${organization.id}"`);
      }
      owners.set(domain, { id: organization.id, displayName: organization.displayName });
    }
  }
  return owners;
}

/** The file's domains that belong to another organization in the database. */
async function domainConflicts(db: Queryable, owners: DomainOwners): Promise<DomainConflict[]> {
  const rows = await db.query<{ domain: string; org_id: string; data: string }>(
    'SELECT d.domain, d.org_id, o.data FROM organization_domains d JOIN organizations o ON o.id = d.org_id WHERE d.domain = ANY($1) ORDER BY d.domain',
    [[...owners.keys()]],
  );
  const conflicts: DomainConflict[] = [];
  for (const row of rows) {
    const fileOrg = owners.get(row.domain);
    if (!fileOrg || fileOrg.id === row.org_id) continue;
    const { displayName } = JSON.parse(row.data) as { displayName: string };
    conflicts.push({ domain: row.domain, fileOrg, databaseOrg: { id: row.org_id, displayName } });
  }
  return conflicts;
}

/**
 * Tickets of the file whose number the database gave to another ticket (its own helpdesk ran before the
 * import): skipping them would lose them. The same ticket (same requester, same moment), changed since in
 * the database, is no conflict: the database's version stays.
 */
async function ticketConflicts(db: Queryable, tickets: readonly Ticket[]): Promise<string[]> {
  const rows = await db.query<DataRow>('SELECT data FROM tickets WHERE id = ANY($1) ORDER BY id', [tickets.map((ticket) => ticket.id)]);
  const fileTickets = new Map(tickets.map((ticket) => [ticket.id, ticket]));
  return allRecords<Ticket>(rows)
    .filter((stored) => {
      const fromFile = fileTickets.get(stored.id);
      return fromFile !== undefined && (fromFile.requester.userId !== stored.requester.userId || fromFile.createdAt !== stored.createdAt);
    })
    .map((stored) => `the ticket ${stored.id} in the file is another ticket than ${stored.id} in the database (opened ${fileTickets.get(stored.id)!.createdAt} and ${stored.createdAt})`);
}

/** The file's last ticket number: its sequence, or a higher number one of its tickets carries. */
function fileTicketSequence(data: Readonly<HelpdeskData>): number {
  const numbers = data.tickets.map((ticket) => /^HD-(\d+)$/.exec(ticket.id)).map((match) => (match ? Number(match[1]) - 1000 : 0));
  return Math.max(data.ticketSequence, 0, ...numbers);
}

/** Moves the ticket number sequence up to `file` when it is lower; never down. */
async function raiseTicketSequence(db: Queryable, file: number): Promise<ImportReport['sequence']> {
  const [row] = await db.query<{ before: string; after: string }>(
    `WITH current AS (SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM ticket_number)
     SELECT current.n AS before,
            CASE WHEN $1::bigint > current.n THEN setval('ticket_number', $1::bigint) ELSE current.n END AS after
     FROM current`,
    [file],
  );
  return { before: Number(row?.before ?? 0), after: Number(row?.after ?? 0), file };
}

/**
 * Refuses what is not a store file before anything is read into the database: the file's name and the
 * first problem, in one line.
 */
function checkStoreFile(path: string, text: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`the file "${path}" is not valid JSON (${(error as Error).message})`);
  }
  const problem = storeFileProblem(parsed);
  if (problem) throw new InputError(`the file "${path}" is not a helpdesk store file: ${problem}`);
}

function storeFileProblem(parsed: unknown): string | undefined {
  if (!isObject(parsed)) return 'it holds no JSON object';
  const { state, ticketSequence } = parsed;
  if (ticketSequence !== undefined && !(Number.isSafeInteger(ticketSequence) && (ticketSequence as number) >= 0)) {
    return '"ticketSequence" is not a whole number';
  }
  if (state !== undefined) {
    if (!isObject(state)) return '"state" is not an object';
    for (const [key, item] of Object.entries(state)) {
      if (!isObject(item) || typeof item.eTag !== 'string' || typeof item.json !== 'string') return `state item "${key}" has no eTag and json`;
    }
  }
  const text = (value: unknown) => typeof value === 'string' && value !== '';
  const sections: [string, (item: Record<string, unknown>) => boolean, string][] = [
    ['organizations', (org) => text(org.id) && Array.isArray(org.domains) && org.domains.every(text), 'an id and domains'],
    ['members', (member) => text(member.email) && text(member.orgId), 'an email and orgId'],
    ['takeovers', (request) => text(request.id) && text(request.domain) && text(request.status), 'an id, domain and status'],
    ['audit', (entry) => typeof entry.subject === 'string', 'a subject'],
    ['answers', (answer) => text(answer.id), 'an id'],
    ['tickets', (ticket) => text(ticket.id) && isObject(ticket.requester) && text(ticket.createdAt) && !Number.isNaN(Date.parse(String(ticket.createdAt))), 'an id, requester and createdAt'],
  ];
  for (const [name, valid, needs] of sections) {
    const items = parsed[name];
    if (items === undefined) continue;
    if (!Array.isArray(items)) return `"${name}" is not a list`;
    const bad = items.findIndex((item) => !isObject(item) || !valid(item));
    if (bad !== -1) return `${name}[${bad}] does not have ${needs}`;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
