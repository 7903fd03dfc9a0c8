/**
 * `npm run directory -- import FILE | export [FILE] | show DOMAIN`: the operators' command line for the
 * organization directory in the embedded store (DB_FILE).
 * @remarks An import takes the store lock, so it is refused while the bot runs: the bot keeps the store in
 * memory and would overwrite the imported organizations with its next write. Export and show only read the
 * file, which the bot replaces atomically, so they work while it runs.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { domainToUnicode } from 'node:url';
import { HelpdeskFile } from '../data/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../data/helpdeskFileDirectory.js';
import { lockStore, StoreLockedError } from '../data/storeLock.js';
import type { AuditEntry } from '../services/directory.js';
import {
  exportDirectory,
  formatImportError,
  importOrganizations,
  ImportRejectedError,
  parseDirectoryFile,
  type ImportError,
  type ImportFormat,
} from '../services/directoryImport.js';
import { parseDomain } from '../services/emailAddress.js';
import type { Organization } from '../services/organization.js';
import { runAsMain, type CliIo } from './cliMain.js';
import { loadConfig } from './config.js';

export type DirectoryCliIo = CliIo;

export const USAGE = `usage: npm run directory -- COMMAND

  import FILE      load organizations from FILE (.json or .csv) into the directory; every row is
                   checked first, and a file with any error is not imported at all.
                   Refused while the bot runs (stop it first).
  export [FILE]    write the directory as JSON (the import format) to FILE, or to the screen
  show DOMAIN      print the organization that owns DOMAIN
  help             print this text

The store is DB_FILE (default .data/helpdesk.json), read from the environment or .env.
`;

/** Exit codes: 0 done, 1 failed (the message says why), 2 the command line itself was wrong. */
const OK = 0;
const FAILED = 1;
const USAGE_ERROR = 2;
const RECENT_CHANGES = 10;

export async function runDirectoryCli(args: string[], io: DirectoryCliIo): Promise<number> {
  const [command, ...rest] = args;
  const usage = (problem: string) => {
    io.stderr(`directory: ${problem}\n\n${USAGE}`);
    return USAGE_ERROR;
  };
  if (command === undefined) {
    io.stderr(USAGE);
    return USAGE_ERROR;
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    io.stdout(USAGE);
    return OK;
  }
  if (!['import', 'export', 'show'].includes(command)) return usage(`unknown command "${command}"`);

  const cwd = io.cwd ?? process.cwd();
  try {
    const dbFile = resolve(cwd, loadConfig(io.env).dbFile);
    switch (command) {
      case 'import': {
        if (rest.length !== 1) return usage('import needs exactly one FILE');
        const file = rest[0] ?? '';
        const format = formatOf(file);
        if (!format) return usage(`cannot tell the format of "${file}": the name must end in .json or .csv`);
        return await importFile(resolve(cwd, file), format, dbFile, io);
      }
      case 'export': {
        if (rest.length > 1) return usage('export takes at most one FILE');
        const file = rest[0];
        if (file !== undefined && formatOf(file) !== 'json') return usage(`export writes JSON: "${file}" must end in .json`);
        return await exportTo(file === undefined ? undefined : resolve(cwd, file), dbFile, io);
      }
      default: {
        if (rest.length !== 1) return usage('show needs exactly one DOMAIN');
        return await show(rest[0] ?? '', dbFile, io);
      }
    }
  } catch (error) {
    // Operators get the message, not a stack: every error thrown below names the file or setting at fault.
    io.stderr(`directory ${command}: ${(error as Error).message}\n`);
    return FAILED;
  }
}

function formatOf(file: string): ImportFormat | undefined {
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.csv') return 'csv';
  return undefined;
}

async function importFile(path: string, format: ImportFormat, dbFile: string, io: DirectoryCliIo): Promise<number> {
  const text = await readText(path);
  const parsed = parseDirectoryFile(text, format);
  if (parsed.errors.length > 0) return rejected(path, parsed.errors, io);

  let lock;
  try {
    lock = await lockStore(dbFile, 'directory import');
  } catch (error) {
    if (!(error instanceof StoreLockedError)) throw error;
    io.stderr(`directory import: ${error.message}\nNothing was imported.\n`);
    return FAILED;
  }
  try {
    const store = await HelpdeskFile.open(dbFile);
    let summary;
    try {
      summary = await importOrganizations(new HelpdeskFileDirectory(store), parsed.organizations, new Date());
    } catch (error) {
      if (error instanceof ImportRejectedError) return rejected(path, error.errors, io);
      throw error;
    } finally {
      await store.flush();
    }
    const total = summary.created + summary.updated;
    io.stdout(`Imported ${total} organization${total === 1 ? '' : 's'} from ${path} into ${dbFile}: ${summary.created} created, ${summary.updated} updated.\n`);
    for (const result of summary.organizations) {
      io.stdout(`  ${result.outcome.padEnd(8)} ${result.domain}  ${result.displayName} (${result.id})\n`);
    }
    return OK;
  } finally {
    await lock.release();
  }
}

function rejected(path: string, errors: readonly ImportError[], io: DirectoryCliIo): number {
  io.stderr(`directory import: ${path} has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n`);
  for (const error of errors) io.stderr(`  ${formatImportError(error)}\n`);
  io.stderr('Nothing was imported: fix the file and run the import again.\n');
  return FAILED;
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

/** Opens the store for reading; a missing store is an error, since it usually means the wrong DB_FILE. */
async function openExisting(dbFile: string): Promise<HelpdeskFileDirectory> {
  if (!existsSync(dbFile)) {
    throw new Error(`the store "${dbFile}" does not exist (check DB_FILE, or import a file first)`);
  }
  return new HelpdeskFileDirectory(await HelpdeskFile.open(dbFile));
}

async function exportTo(path: string | undefined, dbFile: string, io: DirectoryCliIo): Promise<number> {
  if (path !== undefined && path === dbFile) throw new Error(`"${path}" is the store itself; choose another file name`);
  const exported = await exportDirectory(await openExisting(dbFile));
  const json = `${JSON.stringify(exported, null, 2)}\n`;
  if (path === undefined) {
    io.stdout(json);
  } else {
    await writeFile(path, json, 'utf8');
    const count = exported.organizations.length;
    io.stdout(`Exported ${count} organization${count === 1 ? '' : 's'} to ${path}.\n`);
  }
  return OK;
}

async function show(given: string, dbFile: string, io: DirectoryCliIo): Promise<number> {
  const domain = parseDomain(given);
  if (!domain.ok) throw new Error(`"${given}" is not a domain (${domain.problem})`);
  const directory = await openExisting(dbFile);
  const organization = await directory.findByDomain(domain.value);
  if (!organization) {
    io.stderr(`directory show: no organization in ${dbFile} has the domain "${domain.value}".\n`);
    return FAILED;
  }
  const members = await directory.countMembers(organization.id);
  const trail = await recentChanges(directory, organization);
  io.stdout(describeOrganization(organization, members, trail));
  return OK;
}

/** The audit entries about any of the organization's domains, oldest first, at most RECENT_CHANGES. */
async function recentChanges(directory: HelpdeskFileDirectory, organization: Organization): Promise<AuditEntry[]> {
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

await runAsMain(import.meta.url, runDirectoryCli);
