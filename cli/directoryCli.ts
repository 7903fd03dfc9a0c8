/**
 * `npm run directory -- import FILE | export [FILE] | show DOMAIN`: the operators' command line for the
 * organization directory: in the embedded store (DB_FILE), or in PostgreSQL when DATABASE_URL is set.
 * Started through cli/index.ts (`node dist/cli/index.js directory ...`); arguments are read with parseArgs.
 * @remarks On the file, an import takes the store lock, so it is refused while the bot runs: the bot keeps
 * the store in memory and would overwrite the imported organizations with its next write. Export and show
 * only read the file, which the bot replaces atomically, so they work while it runs. On PostgreSQL every
 * command works while bots run: the import is a directory transaction like theirs.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { domainToUnicode } from 'node:url';
import { HelpdeskFile } from '../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../data/file/helpdeskFileDirectory.js';
import { openHelpdeskStore } from '../data/openHelpdeskStore.js';
import { describeDatabaseUrl } from '../data/postgres/postgresStore.js';
import { lockStore, StoreLockedError } from '../data/file/storeLock.js';
import type { AuditEntry, Directory } from '../services/ports/directory.js';
import {
  exportDirectory,
  formatImportError,
  importOrganizations,
  ImportRejectedError,
  parseDirectoryFile,
  type ImportError,
  type ImportFormat,
  type ImportedOrganization,
} from '../services/import/directoryImport.js';
import { parseDomain } from '../services/signup/emailAddress.js';
import type { Organization } from '../services/models/organization.js';
import { EXIT_FAILED, EXIT_OK, readSubcommandLine, usageError, type CliIo } from './cliMain.js';
import { loadConfig } from '../bot/app/config.js';

export type DirectoryCliIo = CliIo;

export const USAGE = `usage: npm run directory -- COMMAND

  import FILE      load organizations from FILE (.json or .csv) into the directory; every row is
                   checked first, and a file with any error is not imported at all.
                   On the store file: refused while the bot runs (stop it first).
  export [FILE]    write the directory as JSON (the import format) to FILE, or to the screen
  show DOMAIN      print the organization that owns DOMAIN
  help             print this text

The store is the PostgreSQL database in DATABASE_URL when that is set (postgres://user:password@host:5432/db),
otherwise the file DB_FILE (default .data/helpdesk.json); both are read from the environment or .env.
`;

const RECENT_CHANGES = 10;

const CLI = { name: 'directory', usage: USAGE, commands: ['import', 'export', 'show'] } as const;

export async function runDirectoryCli(args: string[], io: DirectoryCliIo): Promise<number> {
  const usage = (problem: string) => usageError(CLI, problem, io);
  const read = readSubcommandLine(CLI, args, io);
  if ('exit' in read) return read.exit;
  const { command, rest } = read;

  const cwd = io.cwd ?? process.cwd();
  try {
    const config = loadConfig(io.env);
    const store: StoreSettings = { dbFile: resolve(cwd, config.dbFile), databaseUrl: config.databaseUrl };
    switch (command) {
      case 'import': {
        if (rest.length !== 1) return usage('import needs exactly one FILE');
        const file = rest[0] ?? '';
        const format = formatOf(file);
        if (!format) return usage(`cannot tell the format of "${file}": the name must end in .json or .csv`);
        return await importFile(resolve(cwd, file), format, store, io);
      }
      case 'export': {
        if (rest.length > 1) return usage('export takes at most one FILE');
        const file = rest[0];
        if (file !== undefined && formatOf(file) !== 'json') return usage(`export writes JSON: "${file}" must end in .json`);
        return await exportTo(file === undefined ? undefined : resolve(cwd, file), store, io);
      }
      default: {
        if (rest.length !== 1) return usage('show needs exactly one DOMAIN');
        return await show(rest[0] ?? '', store, io);
      }
    }
  } catch (error) {
    // Operators get the message, not a stack: every error thrown below names the file or setting at fault.
    io.stderr(`directory ${command}: ${(error as Error).message}\n`);
    return EXIT_FAILED;
  }
}

function formatOf(file: string): ImportFormat | undefined {
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.csv') return 'csv';
  return undefined;
}

/** Where the directory is: the store file (an absolute path), or the database when `databaseUrl` is set. */
interface StoreSettings {
  dbFile: string;
  databaseUrl?: string;
}

/** The store's name in messages; a database is named without its user name and password. */
function storeName(store: StoreSettings): string {
  return store.databaseUrl ? `PostgreSQL at ${describeDatabaseUrl(store.databaseUrl)}` : store.dbFile;
}

async function importFile(path: string, format: ImportFormat, store: StoreSettings, io: DirectoryCliIo): Promise<number> {
  const text = await readText(path);
  const parsed = parseDirectoryFile(text, format);
  if (parsed.errors.length > 0) return rejected(path, parsed.errors, io);
  if (store.databaseUrl) {
    const database = await openHelpdeskStore(store, 'directory import');
    try {
      return await importInto(database.directory, path, parsed.organizations, storeName(store), io);
    } finally {
      await database.close();
    }
  }

  const { dbFile } = store;
  let lock;
  try {
    lock = await lockStore(dbFile, 'directory import');
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    io.stderr(`directory import: ${error.message}\nNothing was imported.\n`);
    return EXIT_FAILED;
  }
  try {
    const file = await HelpdeskFile.open(dbFile);
    try {
      return await importInto(new HelpdeskFileDirectory(file), path, parsed.organizations, dbFile, io);
    } finally {
      await file.flush();
    }
  } finally {
    await lock.release();
  }
}

async function importInto(directory: Directory, path: string, organizations: ImportedOrganization[], where: string, io: DirectoryCliIo): Promise<number> {
  let summary;
  try {
    summary = await importOrganizations(directory, organizations, new Date());
  } catch (error) {
    if (error instanceof ImportRejectedError) return rejected(path, error.errors, io);
    throw error;
  }
  const total = summary.created + summary.updated;
  io.stdout(`Imported ${total} organization${total === 1 ? '' : 's'} from ${path} into ${where}: ${summary.created} created, ${summary.updated} updated.\n`);
  for (const result of summary.organizations) {
    io.stdout(`  ${result.outcome.padEnd(8)} ${result.domain}  ${result.displayName} (${result.id})\n`);
  }
  return EXIT_OK;
}

function rejected(path: string, errors: readonly ImportError[], io: DirectoryCliIo): number {
  io.stderr(`directory import: ${path} has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n`);
  for (const error of errors) io.stderr(`  ${formatImportError(error)}\n`);
  io.stderr('Nothing was imported: fix the file and run the import again.\n');
  return EXIT_FAILED;
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`the file "${path}" does not exist`);
    if (code === 'EISDIR') throw new Error(`"${path}" is a folder, not a file`);
    throw new Error(`cannot read "${path}": ${(error as Error).message}`);
  }
}

/**
 * Opens the store for reading, then closes it. The file is read without its lock (the bot may be running);
 * a missing file is an error, since it usually means the wrong DB_FILE.
 */
async function withDirectory<T>(store: StoreSettings, work: (directory: Directory) => Promise<T>): Promise<T> {
  if (store.databaseUrl) {
    const database = await openHelpdeskStore(store, 'directory');
    try {
      return await work(database.directory);
    } finally {
      await database.close();
    }
  }
  if (!existsSync(store.dbFile)) {
    throw new Error(`the store "${store.dbFile}" does not exist (check DB_FILE, or import a file first)`);
  }
  return work(new HelpdeskFileDirectory(await HelpdeskFile.open(store.dbFile)));
}

async function exportTo(path: string | undefined, store: StoreSettings, io: DirectoryCliIo): Promise<number> {
  if (path !== undefined && !store.databaseUrl && path === store.dbFile) throw new Error(`"${path}" is the store itself; choose another file name`);
  const exported = await withDirectory(store, exportDirectory);
  const json = `${JSON.stringify(exported, null, 2)}\n`;
  if (path === undefined) {
    io.stdout(json);
  } else {
    await writeFile(path, json, 'utf8');
    const count = exported.organizations.length;
    io.stdout(`Exported ${count} organization${count === 1 ? '' : 's'} to ${path}.\n`);
  }
  return EXIT_OK;
}

async function show(given: string, store: StoreSettings, io: DirectoryCliIo): Promise<number> {
  const domain = parseDomain(given);
  if (!domain.ok) throw new Error(`"${given}" is not a domain (${domain.problem})`);
  return withDirectory(store, async (directory) => {
    const organization = await directory.findByDomain(domain.value);
    if (!organization) {
      io.stderr(`directory show: no organization in ${storeName(store)} has the domain "${domain.value}".\n`);
      return EXIT_FAILED;
    }
    const members = await directory.countMembers(organization.id);
    const trail = await recentChanges(directory, organization);
    io.stdout(describeOrganization(organization, members, trail));
    return EXIT_OK;
  });
}

/** The audit entries about any of the organization's domains, oldest first, at most RECENT_CHANGES. */
async function recentChanges(directory: Directory, organization: Organization): Promise<AuditEntry[]> {
  const entries = (await Promise.all(organization.domains.map((domain) => directory.auditTrail(domain, RECENT_CHANGES)))).flat();
  return entries.sort((a, b) => a.at.localeCompare(b.at)).slice(-RECENT_CHANGES);
}

function describeOrganization(organization: Organization, members: number, trail: readonly AuditEntry[]): string {
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  const contact = organization.helpdeskContact;
  const lines = [
    `${organization.displayName} (${organization.id})`,
    `  domains:       ${organization.domains.map(readableDomain).join(', ')}`,
    `  type:          ${organization.orgType}`,
    `  cloud:         ${organization.cloud}`,
    `  state:         ${organization.managed ? 'managed' : 'unmanaged (created by self-service signup; no admin has taken it over)'}`,
    `  tenant id:     ${organization.tenantId ?? '(not known)'}`,
    `  created:       ${organization.createdAt}`,
    `  helpdesk:      ${contact ? [contact.title, contact.phone, contact.email, contact.url].filter(Boolean).join(', ') : '(none)'}`,
  ];
  if (organization.admins.length === 0) lines.push('  admins:        (none)');
  organization.admins.forEach((admin, index) => {
    lines.push(`  ${index === 0 ? 'admins:       ' : '              '} ${admin.name} <${admin.email}>, since ${admin.since}`);
  });
  lines.push(
    `  self-service:  people with a verified email address may join: ${yesNo(organization.selfService.allowEmailVerifiedUsers)}`,
    `                 people may sign up for services themselves: ${yesNo(organization.selfService.allowAdHocSubscriptions)}`,
    `  members:       ${members}`,
    `  recent changes (last ${RECENT_CHANGES}):`,
  );
  if (trail.length === 0) lines.push('    (none)');
  for (const entry of trail) lines.push(`    ${entry.at}  ${entry.actor}  ${entry.action} ${entry.subject}: ${entry.outcome}`);
  return `${lines.join('\n')}\n`;
}

/** Punycode domains with their Unicode form alongside, so an operator recognizes xn--bcher-kva.nl. */
function readableDomain(domain: string): string {
  const unicode = domainToUnicode(domain);
  return unicode && unicode !== domain ? `${domain} (${unicode})` : domain;
}
