import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDirectoryCli } from '../../cli/directoryCli.js';
import { HelpdeskFile } from '../../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../data/file/helpdeskFileDirectory.js';
import { lockStore } from '../../data/file/storeLock.js';
import { projectFile } from '../../lib/projectFiles.js';

const fixture = (name: string) => projectFile('test', 'fixtures', 'directory', name);

describe('runDirectoryCli', () => {
  let dir: string;
  /** The store, as DB_FILE names it relative to the working directory. */
  let store: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'directory-cli-'));
    store = join(dir, 'data', 'helpdesk.json');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the command line against the temp store; output is collected as the operator would see it. */
  async function run(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runDirectoryCli(args, {
      env: { DB_FILE: 'data/helpdesk.json' },
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      cwd: dir,
    });
    return { code, stdout, stderr };
  }

  async function storedOrganizations() {
    const file = await HelpdeskFile.open(store);
    return new HelpdeskFileDirectory(file).listOrganizations();
  }

  it('imports a good JSON file and shows an organization from it', async () => {
    const imported = await run('import', fixture('good.json'));

    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 3 organizations');
    expect(imported.stdout).toContain('3 created, 0 updated');
    expect(existsSync(`${store}.lock`)).toBe(false);

    const shown = await run('show', 'Contoso.NL');

    expect(shown.code).toBe(0);
    expect(shown.stdout.split('\n')).toEqual([
      'Contoso "[HQ]", {Amsterdam} (org-contoso.com)',
      '  domains:       contoso.com, contoso.nl',
      '  type:          enterprise',
      '  cloud:         worldwide',
      '  state:         managed',
      '  tenant id:     72f988bf-86f1-41af-91ab-2d7cd011db47',
      expect.stringMatching(/^ {2}created: {7}\d{4}-\d\d-\d\dT/),
      '  helpdesk:      Contoso IT Service Desk, +31 20 123 4567, servicedesk@contoso.com, https://help.contoso.com',
      '  admins:        Megan Bowen <megan@contoso.com>, since 2024-01-15T09:00:00.000Z',
      '                 Ada Admin <ada@contoso.com>, since 2025-03-01T00:00:00.000Z',
      '  self-service:  people with a verified email address may join: no',
      '                 people may sign up for services themselves: yes',
      '  members:       2',
      '  recent changes (last 10):',
      expect.stringMatching(/^ {4}\S+ {2}cli {2}import contoso\.com: created$/),
      '',
    ]);
  });

  it('shows an unmanaged organization without a helpdesk contact or admins', async () => {
    await run('import', fixture('good.json'));

    const shown = await run('show', 'tailspin.example');

    expect(shown.stdout).toContain('  state:         unmanaged');
    expect(shown.stdout).toContain('  helpdesk:      (none)');
    expect(shown.stdout).toContain('  admins:        (none)');
    expect(shown.stdout).toContain('  members:       0');
  });

  it('stores a Unicode domain as punycode and finds it by either form', async () => {
    expect((await run('import', fixture('good.csv'))).code).toBe(0);

    expect((await storedOrganizations()).find((org) => org.displayName === 'Boekhandel Bücher')?.domains).toEqual(['xn--bcher-kva.nl']);
    const byUnicode = await run('show', 'BÜCHER.nl');
    expect(byUnicode.code).toBe(0);
    expect(byUnicode.stdout).toContain('  domains:       xn--bcher-kva.nl (bücher.nl)');
    expect((await run('show', 'xn--bcher-kva.nl')).stdout).toBe(byUnicode.stdout);
  });

  it('imports a semicolon-separated CSV', async () => {
    const imported = await run('import', fixture('good-semicolon.csv'));

    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('2 created, 0 updated');
    expect((await run('show', 'gemeente-oost.nl')).stdout).toContain('Piet Jansen <piet@oost.nl>');
  });

  it('refuses a bad CSV whole, printing every problem with its line, and leaves the store unchanged', async () => {
    await run('import', fixture('good.json'));
    const before = await readFile(store, 'utf8');

    const result = await run('import', fixture('bad.csv'));

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('has 9 problems:');
    expect(result.stderr.match(/^ {2}line \d+:/gm)).toEqual([
      '  line 6:',
      '  line 7:',
      '  line 7:',
      '  line 7:',
      '  line 7:',
      '  line 9:',
      '  line 9:',
      '  line 10:',
      '  line 10:',
    ]);
    expect(result.stderr).toContain('  line 9: domain "contoso.com" is also on line 2\n');
    expect(result.stderr).toContain('Nothing was imported');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(store, 'utf8')).toBe(before);
  });

  it('refuses a bad JSON file whole and leaves the store unchanged', async () => {
    await run('import', fixture('good.csv'));
    const before = await readFile(store, 'utf8');

    const result = await run('import', fixture('bad.json'));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('  line 7: domain "con toso.com" has spaces\n');
    expect(result.stderr).toContain('  line 13: domain "contoso.com" is also on line 3\n');
    expect(result.stderr).toContain('Nothing was imported');
    expect(await readFile(store, 'utf8')).toBe(before);
  });

  it('refuses a file that conflicts with a stored organization, importing none of its rows', async () => {
    await run('import', fixture('good.json'));
    await run('import', fixture('good.csv'));
    const before = await readFile(store, 'utf8');

    const result = await run('import', fixture('conflict.csv'));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '  line 3: the domains belong to different organizations in the directory: "contoso.nl" belongs to "org-contoso.com"',
    );
    expect(result.stderr).toContain('Nothing was imported');
    expect(await readFile(store, 'utf8')).toBe(before);
    expect((await run('show', 'northwind.com')).code).toBe(1);
  });

  it('refuses to import while another process holds the store, and changes nothing', async () => {
    await run('import', fixture('good.json'));
    const before = await readFile(store, 'utf8');
    const lock = await lockStore(store, 'the helpdesk bot');
    try {
      const result = await run('import', fixture('good.csv'));

      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `directory import: The store "${store}" is in use by process ${process.pid} (the helpdesk bot). Stop that process first, then try again.\nNothing was imported.\n`,
      );
      expect(await readFile(store, 'utf8')).toBe(before);
    } finally {
      await lock.release();
    }
  });

  it('updates the stored organizations when the same file is imported again instead of adding copies', async () => {
    await run('import', fixture('good.csv'));
    const first = await storedOrganizations();

    const again = await run('import', fixture('good.csv'));

    expect(again.stdout).toContain('0 created, 3 updated');
    expect(await storedOrganizations()).toEqual(first);
    expect((await run('show', 'fabrikam.nl')).stdout).toMatch(/import fabrikam\.nl: created\n.*import fabrikam\.nl: updated\n$/);
  });

  it('exports to a file that imports into a fresh store unchanged', async () => {
    await run('import', fixture('good.json'));
    await run('import', fixture('good.csv'));
    const exported = await run('export', 'export.json');
    expect(exported).toEqual({ code: 0, stdout: `Exported 6 organizations to ${join(dir, 'export.json')}.\n`, stderr: '' });

    const fresh = join(dir, 'fresh.json');
    const freshRun = (args: string[]) => {
      let stdout = '';
      return runDirectoryCli(args, { env: { DB_FILE: fresh }, stdout: (text) => (stdout += text), stderr: () => undefined, cwd: dir }).then((code) => ({ code, stdout }));
    };
    expect((await freshRun(['import', 'export.json'])).code).toBe(0);

    const original = await run('export');
    const copy = await freshRun(['export']);
    expect(copy.code).toBe(0);
    expect(copy.stdout).toBe(original.stdout);
    expect(JSON.parse(original.stdout)).toEqual(JSON.parse(await readFile(join(dir, 'export.json'), 'utf8')));
  });

  it('exports the directory as JSON to stdout, with nothing else in it', async () => {
    await run('import', fixture('good-semicolon.csv'));

    const result = await run('export');

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      organizations: [
        expect.objectContaining({ displayName: 'Gemeente Oost', domains: ['oost.nl', 'gemeente-oost.nl'] }),
        expect.objectContaining({ displayName: 'Basisschool De Linde', domains: ['delinde.nl'] }),
      ],
    });
  });

  it('reads the store without taking the lock, so export and show work while the bot runs', async () => {
    await run('import', fixture('good.json'));
    const lock = await lockStore(store, 'the helpdesk bot');
    try {
      expect((await run('export')).code).toBe(0);
      expect((await run('show', 'lyceum.nl')).code).toBe(0);
    } finally {
      await lock.release();
    }
  });

  it('says so when no organization has the domain', async () => {
    await run('import', fixture('good.json'));

    const result = await run('show', 'fabrikam.com');

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`directory show: no organization in ${store} has the domain "fabrikam.com".\n`);
  });

  it('says which file is missing: the import file or the store', async () => {
    expect(await run('import', 'missing.csv')).toEqual({
      code: 1,
      stdout: '',
      stderr: `directory import: the file "${join(dir, 'missing.csv')}" does not exist\n`,
    });
    expect(await run('show', 'contoso.com')).toEqual({
      code: 1,
      stdout: '',
      stderr: `directory show: the store "${store}" does not exist (check DB_FILE, or import a file first)\n`,
    });
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('reports a store that is not valid JSON without a stack trace', async () => {
    await run('import', fixture('good.json'));
    await writeFile(store, '{ broken');

    const result = await run('export');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^directory export: HelpdeskFile\.open\(\): the store file ".*" is not valid JSON/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the usage and exits 2 without a command, or with a wrong one', async () => {
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: npm run directory -- COMMAND');

    for (const args of [['frobnicate'], ['import'], ['import', 'a.json', 'b.json'], ['show'], ['export', 'out.csv']]) {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('usage:');
    }
  });

  it('refuses an import file whose name does not say its format', async () => {
    await copyFile(fixture('good.csv'), join(dir, 'organizations.txt'));

    const result = await run('import', 'organizations.txt');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot tell the format of "organizations.txt": the name must end in .json or .csv');
    expect(existsSync(store)).toBe(false);
  });

  it('prints the usage on help and exits 0', async () => {
    const result = await run('help');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('import FILE');
    expect(result.stdout).toContain('export [FILE]');
    expect(result.stdout).toContain('show DOMAIN');
  });

  it('refuses to export over the store itself', async () => {
    await run('import', fixture('good.json'));
    const before = await readFile(store, 'utf8');

    const result = await run('export', 'data/helpdesk.json');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is the store itself');
    expect(await readFile(store, 'utf8')).toBe(before);
  });
});
