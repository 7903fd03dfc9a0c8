import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDbCli } from '../../cli/dbCli.js';
import { runDirectoryCli } from '../../cli/directoryCli.js';
import { runReportCli } from '../../cli/reportCli.js';
import { HelpdeskFile } from '../../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../data/file/helpdeskFileDirectory.js';
import { HelpdeskFileRecords } from '../../data/file/helpdeskFileRecords.js';
import { HelpdeskFileStorage } from '../../data/file/helpdeskFileStorage.js';
import type { HelpdeskStore } from '../../data/helpdeskStore.js';
import { openHelpdeskStore } from '../../data/openHelpdeskStore.js';
import { lockStore } from '../../data/file/storeLock.js';
import type { CliIo } from '../../cli/cliMain.js';
import { importOrganizations, parseDirectoryFile } from '../../services/import/directoryImport.js';
import type { Organization } from '../../services/models/organization.js';
import { projectFile } from '../../lib/projectFiles.js';
import type { TakeoverRequest } from '../../services/models/takeoverRequest.js';
import type { Ticket } from '../../services/models/ticket.js';
import { usePostgresDatabase } from '../helpers/postgresDatabase.js';

type Cli = (args: string[], io: CliIo) => Promise<number>;

const CONVERSATION_KEY = 'msteams/a:1conv-sara/conversations/a:1conv-sara';
const USER_KEY = 'msteams/users/29:sara';

function takeover(orgId: string): TakeoverRequest {
  return {
    id: 'tk-0001',
    domain: 'tailspin.example',
    orgId,
    kind: 'internal',
    requester: { userId: '29:sara', name: 'Sara Davis', email: 'sara@tailspin.example', conversation: { conversation: { id: 'a:1conv-sara' } }, language: 'en' },
    value: 'MS=ms12345678',
    status: 'waitingForDns',
    attempts: [{ at: '2026-11-02T10:05:00.000Z', outcome: 'noRecord', found: [], automatic: false }],
    recheck: true,
    createdAt: '2026-11-02T10:00:00.000Z',
    expiresAt: '2026-11-09T10:00:00.000Z',
  };
}

function ticketDraft(question: string, createdAt: string): Omit<Ticket, 'id'> {
  return {
    requester: { userId: '29:sara', name: 'Sara Davis', email: 'sara@tailspin.example', conversation: { conversation: { id: 'a:1conv-sara' } }, language: 'nl' },
    orgId: 'org-tailspin',
    question,
    transcript: [{ from: 'user', text: question, at: createdAt }],
    status: 'open',
    createdAt,
  };
}

/**
 * A store file as a bot leaves it, written through the file store's own classes: the directory fixture
 * imported, a signup, a takeover, answers, tickets (one assigned, one without its transcript) and state.
 */
async function writeStoreFile(path: string): Promise<HelpdeskFile> {
  const file = await HelpdeskFile.open(path);
  const directory = new HelpdeskFileDirectory(file);
  const records = new HelpdeskFileRecords(file);
  const parsed = parseDirectoryFile(await readFile(projectFile('test', 'fixtures', 'directory', 'good.json'), 'utf8'), 'json');
  await importOrganizations(directory, parsed.organizations, new Date('2026-11-01T09:00:00.000Z'));
  const tailspin = (await directory.findByDomain('tailspin.example'))!;
  await directory.transaction(async (tx) => {
    await tx.saveMember({ email: 'Sara@Tailspin.example', orgId: tailspin.id, joinedVia: 'selfService', services: ['Power BI'], joinedAt: '2026-11-02T09:00:00.000Z', userId: '29:sara', name: 'Sara Davis' });
    const signup = { at: '2026-11-02T09:00:00.000Z', actor: 'sara@tailspin.example', action: 'signup', subject: 'tailspin.example', outcome: 'joined' };
    // Two identical entries: both are moved, once.
    await tx.audit(signup);
    await tx.audit(signup);
    await tx.saveTakeover(takeover(tailspin.id));
    await tx.audit({ at: '2026-11-02T10:00:00.000Z', actor: '29:sara', action: 'takeover', subject: 'tailspin.example', outcome: 'started' });
  });
  await records.recordAnswer({ id: 'ans-1', intent: 'signup', language: 'en', userId: '29:sara', at: '2026-11-02T08:59:00.000Z', helpful: true });
  await records.recordAnswer({ id: 'ans-2', intent: 'takeover', language: 'nl', userId: '29:sara', at: '2026-11-02T09:59:00.000Z', ticketId: 'HD-1002' });
  await records.recordAnswer({ id: 'ans-3', intent: 'whoIsMyAdmin', language: 'nl', userId: '29:sara', at: '2026-11-03T09:00:00.000Z', helpful: false });
  await records.createTicket(ticketDraft('Wie is mijn beheerder?', '2026-10-01T09:00:00.000Z'));
  // A NUL a user typed is kept as it is (the tables keep JSON text, not jsonb).
  await records.createTicket(ticketDraft('TXT record \u0000 not found', '2026-11-02T10:01:00.000Z'));
  await records.createTicket(ticketDraft('Take me to a person', '2026-11-03T09:01:00.000Z'));
  await records.updateTicket('HD-1002', (ticket) => ({ ticket: { ...ticket, status: 'assigned', assignee: { userId: '29:megan', name: 'Megan Bowen' }, assignedAt: '2026-11-02T11:00:00.000Z' }, result: true }));
  await records.removeTranscriptsBefore(new Date('2026-10-15T00:00:00.000Z'), new Date('2026-11-04T00:00:00.000Z'));
  await new HelpdeskFileStorage(file).write({
    [CONVERSATION_KEY]: { dialogState: { dialogStack: [{ id: 'takeover', state: { step: 2 } }] } },
    [USER_KEY]: { profile: { language: 'nl', orgType: 'smallBusiness' } },
  });
  await file.flush();
  return file;
}

describe('runDbCli', () => {
  const db = usePostgresDatabase();
  let dir: string;
  let storeFile: string;
  const opened: HelpdeskStore[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'db-cli-'));
    storeFile = join(dir, 'data', 'helpdesk.json');
  });

  afterEach(async () => {
    // Every connection closed before the test's database is dropped.
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(dir, { recursive: true, force: true });
  });

  async function runCli(cli: Cli, env: Record<string, string>, args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await cli(args, { env, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: dir });
    return { code, stdout, stderr };
  }

  const run = (...args: string[]) => runCli(runDbCli, { DATABASE_URL: db.url }, args);

  async function postgresStore(): Promise<HelpdeskStore> {
    const store = await openHelpdeskStore({ dbFile: '', databaseUrl: db.url }, 'a test');
    opened.push(store);
    return store;
  }

  /** The lines that report what was moved, without the first (which names the file and the database). */
  function counts(stdout: string): string[] {
    return stdout.trimEnd().split('\n').slice(1);
  }

  it('migrates an empty database once, and names the database without its password', async () => {
    const withPassword = new URL(db.url);
    withPassword.password = 'not-to-be-printed';

    const first = await runCli(runDbCli, { DATABASE_URL: withPassword.toString() }, ['migrate']);
    const second = await run('migrate');

    expect(first).toEqual({ code: 0, stdout: expect.stringContaining('schema at version 4; applied: 0001_initial, 0002_transcript_windows, 0003_organization_admins, 0004_takeover_statuses\n'), stderr: '' });
    expect(first.stdout).toContain(`${withPassword.hostname}:${withPassword.port}${withPassword.pathname}`);
    expect(first.stdout).not.toContain('not-to-be-printed');
    expect(second).toEqual({ code: 0, stdout: expect.stringContaining('schema at version 4; nothing to apply\n'), stderr: '' });
  });

  it('moves a whole store file, and the PostgreSQL store then returns the same records', async () => {
    const file = await writeStoreFile(storeFile);
    const before = await readFile(storeFile, 'utf8');

    const result = await run('import-file', 'data/helpdesk.json');

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^Imported .*helpdesk\.json into PostgreSQL at .* \(schema at version 4; applied: 0001_initial, 0002_transcript_windows, 0003_organization_admins, 0004_takeover_statuses\):$/);
    expect(counts(result.stdout)).toEqual([
      '  organizations: 3 moved, 0 already there',
      `  members: ${file.data.members.length} moved, 0 already there`,
      '  takeovers: 1 moved, 0 already there',
      `  audit entries: ${file.data.audit.length} moved, 0 already there`,
      '  answers: 3 moved, 0 already there',
      '  tickets: 3 moved, 0 already there',
      '  state items: 2 moved, 0 already there',
      "  ticket number sequence: moved: the last ticket number is now the file's (3, HD-1003; the database had none yet)",
    ]);
    // The file is only read, and its lock given back.
    expect(await readFile(storeFile, 'utf8')).toBe(before);
    expect(existsSync(`${storeFile}.lock`)).toBe(false);

    const store = await postgresStore();
    const fromFile = new HelpdeskFileDirectory(file);
    const fileRecords = new HelpdeskFileRecords(file);
    const organizations = await fromFile.listOrganizations();
    expect(await store.directory.listOrganizations()).toEqual(organizations);
    for (const organization of organizations) {
      expect(await store.directory.membersOf(organization.id)).toEqual(await fromFile.membersOf(organization.id));
      for (const domain of organization.domains) {
        expect(await store.directory.findByDomain(domain.toUpperCase())).toEqual(organization);
        expect(await store.directory.auditTrail(domain, 100)).toEqual(await fromFile.auditTrail(domain, 100));
      }
    }
    expect(await store.directory.findMember('sara@tailspin.example')).toEqual(await fromFile.findMember('sara@tailspin.example'));
    expect(await store.directory.findTakeover('tk-0001')).toEqual(await fromFile.findTakeover('tk-0001'));
    expect(await store.directory.openTakeovers()).toEqual(await fromFile.openTakeovers());
    expect(await store.records.listAnswers()).toEqual(await fileRecords.listAnswers());
    expect(await store.records.listTickets()).toEqual(await fileRecords.listTickets());
    expect((await store.records.findTicket('HD-1002'))?.question).toBe('TXT record \u0000 not found');
    expect(await store.records.ticketsOf('29:sara')).toHaveLength(3);

    // State reads as it did from the file, and its eTag works for the next write.
    const keys = [CONVERSATION_KEY, USER_KEY];
    const state = await store.storage.read(keys);
    expect(state).toEqual(await new HelpdeskFileStorage(file).read(keys));
    expect(state[USER_KEY]?.eTag).toEqual(expect.any(String));
    await store.storage.write({ [USER_KEY]: { ...state[USER_KEY], profile: { language: 'en' } } });
    await expect(store.storage.write({ [USER_KEY]: { ...state[USER_KEY], profile: { language: 'nl' } } })).rejects.toThrow(/eTag conflict/);
    expect((await store.storage.read([USER_KEY]))[USER_KEY]?.profile).toEqual({ language: 'en' });
  });

  it('moves nothing the second time, and new tickets are numbered after the file\'s', async () => {
    await writeStoreFile(storeFile);
    expect((await run('import-file', storeFile)).code).toBe(0);

    const again = await run('import-file', storeFile);

    expect(again.code).toBe(0);
    expect(again.stdout.split('\n')[0]).toContain('(schema at version 4; nothing to apply)');
    const lines = counts(again.stdout);
    expect(lines.slice(0, -1).every((line) => /^ {2}[a-z ]+: 0 moved, [1-9]\d* already there$/.test(line))).toBe(true);
    expect(lines).toHaveLength(8);
    expect(lines.at(-1)).toBe("  ticket number sequence: already there: the database's last ticket number (3, HD-1003) is not below the file's (3, HD-1003)");

    const store = await postgresStore();
    expect(await store.records.listTickets()).toHaveLength(3);
    const created = await store.records.createTicket(ticketDraft('After the move', '2026-11-05T09:00:00.000Z'));
    expect(created.id).toBe('HD-1004');
  });

  it('keeps what the database holds already and counts it as already there', async () => {
    await writeStoreFile(storeFile);
    const store = await postgresStore();
    // The same organizations, imported into the database directly, and a database that handed out five tickets:
    // the file's three (the same requester at the same moments), changed since, and two more.
    const imported = await runCli(runDirectoryCli, { DATABASE_URL: db.url }, ['import', projectFile('test', 'fixtures', 'directory', 'good.json')]);
    expect(imported.stdout).toContain('into PostgreSQL at ');
    const contoso = (await store.directory.findByDomain('contoso.com'))!;
    await store.directory.save({ ...contoso, displayName: 'Contoso (the database)', domains: ['contoso.com'] });
    await store.storage.write({ [USER_KEY]: { profile: { language: 'en' } } });
    const fileMoments = ['2026-10-01T09:00:00.000Z', '2026-11-02T10:01:00.000Z', '2026-11-03T09:01:00.000Z'];
    for (let i = 0; i < 5; i += 1) await store.records.createTicket(ticketDraft(`database ticket ${i}`, fileMoments[i] ?? '2026-11-04T09:00:00.000Z'));

    const result = await run('import-file', storeFile);

    expect(result.code).toBe(0);
    expect(counts(result.stdout)).toEqual(
      expect.arrayContaining([
        '  organizations: 0 moved, 3 already there',
        '  tickets: 0 moved, 3 already there',
        '  state items: 1 moved, 1 already there',
        "  ticket number sequence: already there: the database's last ticket number (5, HD-1005) is not below the file's (3, HD-1003)",
      ]),
    );
    const kept = await store.directory.findById(contoso.id);
    expect(kept).toMatchObject({ displayName: 'Contoso (the database)', domains: ['contoso.com'] });
    expect(await store.directory.findByDomain('contoso.nl')).toBeUndefined();
    expect((await store.storage.read([USER_KEY]))[USER_KEY]?.profile).toEqual({ language: 'en' });
    expect((await store.records.findTicket('HD-1001'))?.question).toBe('database ticket 0');
    expect((await store.records.createTicket(ticketDraft('next', '2026-11-05T09:00:00.000Z'))).id).toBe('HD-1006');
  });

  it('refuses the whole import when a domain of the file belongs to another organization in the database', async () => {
    const file = await writeStoreFile(storeFile);
    const lyceum = (await new HelpdeskFileDirectory(file).findByDomain('lyceum.nl'))!;
    const store = await postgresStore();
    const other: Organization = { ...lyceum, id: 'org-other', displayName: 'Another School', domains: ['LYCEUM.nl'] };
    await store.directory.save(other);

    const result = await run('import-file', storeFile);

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      `db import-file: the domain "lyceum.nl" belongs to organization "${lyceum.id}" (Het Lyceum) in the file, ` +
        'but to organization "org-other" (Another School) in the database. Nothing was imported.',
    ]);
    expect((await store.directory.listOrganizations()).map((org) => org.id)).toEqual(['org-other']);
    expect(await store.directory.findMember('sara@tailspin.example')).toBeUndefined();
    expect(await store.directory.auditTrail('tailspin.example', 10)).toEqual([]);
    expect(await store.directory.findTakeover('tk-0001')).toBeUndefined();
    expect(await store.records.listAnswers()).toEqual([]);
    expect(await store.records.listTickets()).toEqual([]);
    expect(await store.storage.read([CONVERSATION_KEY, USER_KEY])).toEqual({});
    expect((await store.records.createTicket(ticketDraft('first', '2026-11-05T09:00:00.000Z'))).id).toBe('HD-1001');
    expect(existsSync(`${storeFile}.lock`)).toBe(false);
  });

  it('refuses the whole import when a ticket number of the file is another ticket in the database', async () => {
    await writeStoreFile(storeFile);
    const store = await postgresStore();
    await store.records.createTicket(ticketDraft('asked in the database first', '2026-11-04T09:00:00.000Z'));

    const result = await run('import-file', storeFile);

    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'db import-file: the ticket HD-1001 in the file is another ticket than HD-1001 in the database ' +
        '(opened 2026-10-01T09:00:00.000Z and 2026-11-04T09:00:00.000Z). Nothing was imported.',
    ]);
    expect((await store.records.listTickets()).map((ticket) => ticket.question)).toEqual(['asked in the database first']);
    expect(await store.directory.listOrganizations()).toEqual([]);
  });

  it('refuses while a bot runs on the file, before touching the database', async () => {
    await writeStoreFile(storeFile);
    const lock = await lockStore(storeFile, 'the helpdesk bot');
    try {
      const result = await run('import-file', storeFile);

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^db import-file: The store ".*helpdesk\.json" is in use by process \d+ \(the helpdesk bot\)\. .* Nothing was imported\.\n$/);
    } finally {
      await lock.release();
    }
    const store = await postgresStore();
    expect(await store.directory.listOrganizations()).toEqual([]);
  });

  it('works with directory show and the report on the database after the import, as on the file', async () => {
    await writeStoreFile(storeFile);
    expect((await run('import-file', storeFile)).code).toBe(0);
    const onFile = { DB_FILE: storeFile };
    const onDatabase = { DATABASE_URL: db.url, DB_FILE: join(dir, 'unused.json') };

    for (const domain of ['contoso.nl', 'tailspin.example']) {
      const fromDatabase = await runCli(runDirectoryCli, onDatabase, ['show', domain]);
      expect(fromDatabase.code).toBe(0);
      expect(fromDatabase.stdout).toBe((await runCli(runDirectoryCli, onFile, ['show', domain])).stdout);
    }
    const shown = await runCli(runDirectoryCli, onDatabase, ['show', 'tailspin.example']);
    expect(shown.stdout).toContain('  members:       1');
    expect(shown.stdout).toMatch(/ {4}2026-11-02T10:00:00\.000Z {2}29:sara {2}takeover tailspin\.example: started\n$/);
    const missing = await runCli(runDirectoryCli, onDatabase, ['show', 'fabrikam.com']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^directory show: no organization in PostgreSQL at \S+ has the domain "fabrikam\.com"\.\n$/);
    const exported = await runCli(runDirectoryCli, onDatabase, ['export']);
    expect(exported.stdout).toBe((await runCli(runDirectoryCli, onFile, ['export'])).stdout);

    for (const format of ['text', 'json', 'csv']) {
      const fromDatabase = await runCli(runReportCli, onDatabase, ['--format', format]);
      expect(fromDatabase).toEqual({ code: 0, stdout: (await runCli(runReportCli, onFile, ['--format', format])).stdout, stderr: '' });
    }
    const figures = JSON.parse((await runCli(runReportCli, onDatabase, ['--format', 'json'])).stdout);
    expect(figures).toMatchObject({ answered: 3, helpful: 1, notHelpful: 1, pendingTakeovers: 1, tickets: { open: 2, assigned: 1, resolved: 0 } });
    // Neither command created the file it would use without DATABASE_URL.
    expect(existsSync(onDatabase.DB_FILE)).toBe(false);
  });

  it('moves a store an older version left with its journal, the journal included, and changes neither file', async () => {
    await mkdir(join(dir, 'data'));
    const tailspin: Organization = {
      id: 'org-tailspin',
      displayName: 'tailspin.example',
      domains: ['tailspin.example'],
      managed: false,
      orgType: 'unknown',
      cloud: 'worldwide',
      admins: [],
      selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: true },
      createdAt: '2026-11-01T09:00:00.000Z',
    };
    const sara = { email: 'sara@tailspin.example', orgId: tailspin.id, joinedVia: 'selfService', services: ['Power BI'], joinedAt: '2026-11-02T09:00:00.000Z' };
    await writeFile(storeFile, JSON.stringify({ state: {}, organizations: [tailspin], members: [], audit: [], takeovers: [], answers: [], tickets: [], ticketSequence: 0, storeFileId: 'file-1' }));
    const journal = [
      { journal: 'helpdesk', version: 1, continues: { ino: '1', size: '1', mtimeNs: '1', storeFileId: 'file-1' } },
      [['put', 'members', 0, sara]],
      [['state', USER_KEY, { eTag: 'e-1', json: '{"profile":{"language":"nl"}}' }]],
    ];
    await writeFile(`${storeFile}.journal`, journal.map((line) => `${JSON.stringify(line)}\n`).join(''));
    const before = [await readFile(storeFile, 'utf8'), await readFile(`${storeFile}.journal`, 'utf8')];

    const result = await run('import-file', storeFile);

    expect(result.stderr).toBe('');
    expect(counts(result.stdout)).toEqual(
      expect.arrayContaining(['  organizations: 1 moved, 0 already there', '  members: 1 moved, 0 already there', '  state items: 1 moved, 0 already there']),
    );
    const store = await postgresStore();
    expect(await store.directory.findMember('sara@tailspin.example')).toEqual(sara);
    expect((await store.storage.read([USER_KEY]))[USER_KEY]).toEqual({ profile: { language: 'nl' }, eTag: 'e-1' });
    expect([await readFile(storeFile, 'utf8'), await readFile(`${storeFile}.journal`, 'utf8')]).toEqual(before);
  });

  it('keeps when each conversation was last written, so an idle one expires in the database as it would have in the file', async () => {
    await mkdir(join(dir, 'data'));
    const conversation = 'msteams/conversations/a:1conv-sara/users/29:sara';
    const written = { eTag: 'e-1', json: '{}', updatedAt: '2026-01-01T00:00:00.000Z' };
    await writeFile(storeFile, JSON.stringify({ state: { [conversation]: written, [USER_KEY]: written } }));
    expect((await run('import-file', storeFile)).code).toBe(0);

    const store = await postgresStore();

    expect(await store.forgetIdleConversations(new Date('2026-01-01T00:00:00.001Z'))).toBe(1);
    expect(Object.keys(await store.storage.read([conversation, USER_KEY]))).toEqual([USER_KEY]);
  });

  describe('refuses what it cannot use, in one line, with exit code 2', () => {
    it('without DATABASE_URL, or with one that is not PostgreSQL', async () => {
      await writeStoreFile(storeFile);
      for (const args of [['migrate'], ['import-file', storeFile]]) {
        const unset = await runCli(runDbCli, {}, args);
        expect(unset).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^db (migrate|import-file): DATABASE_URL is not set; [^\n]+\n$/) });
        const wrong = await runCli(runDbCli, { DATABASE_URL: 'mysql://root:hunter2@db/helpdesk' }, args);
        expect(wrong).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^db [a-z-]+: [^\n]*DATABASE_URL must be a PostgreSQL connection string[^\n]*\n$/) });
        expect(wrong.stderr).not.toContain('hunter2');
      }
    });

    it('a file that does not exist, without creating it', async () => {
      const result = await run('import-file', 'data/helpdesk.json');

      expect(result).toEqual({ code: 2, stdout: '', stderr: `db import-file: the file "${storeFile}" does not exist\n` });
      expect(existsSync(storeFile)).toBe(false);
      expect(existsSync(join(dir, 'data'))).toBe(false);
    });

    it('a folder', async () => {
      await mkdir(storeFile, { recursive: true });

      expect(await run('import-file', storeFile)).toEqual({ code: 2, stdout: '', stderr: `db import-file: "${storeFile}" is not a file\n` });
    });

    it('a file that is not JSON, or not a store file', async () => {
      await mkdir(join(dir, 'data'));
      await writeFile(storeFile, '{"organizations": [', 'utf8');

      const badJson = await run('import-file', storeFile);

      expect(badJson.code).toBe(2);
      expect(badJson.stderr).toMatch(new RegExp(`^db import-file: the file "${storeFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" is not valid JSON \\([^\n]+\\)\n$`));
      expect(existsSync(`${storeFile}.lock`)).toBe(false);

      await writeFile(storeFile, JSON.stringify({ organizations: [{ displayName: 'No id' }] }), 'utf8');
      const notStore = await run('import-file', storeFile);
      expect(notStore).toEqual({ code: 2, stdout: '', stderr: `db import-file: the file "${storeFile}" is not a helpdesk store file: organizations[0] does not have an id and domains\n` });

      const store = await postgresStore();
      expect(await store.directory.listOrganizations()).toEqual([]);
    });

    it('an unknown command or a wrong number of arguments, with the usage', async () => {
      for (const args of [[], ['bogus'], ['import-file'], ['import-file', 'a.json', 'b.json'], ['migrate', 'now']]) {
        const result = await run(...args);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('usage: npm run db:migrate');
      }
      const help = await run('--help');
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Whatever the database already holds wins');
    });
  });
});
