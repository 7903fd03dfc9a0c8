import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { USAGE, runCli } from '../../cli/index.js';
import { USAGE as NLU_EVAL_USAGE } from '../../cli/nluEval.js';

// The package command loads @microsoft/app-manifest, whose ESM-only strip-bom jest's module runtime cannot
// require before Node 24.9: a stand-in, as in test/manifest/manifest.test.ts. (swc hoists jest.mock above
// the constants, so the path comes from a hoisted function declaration.)
jest.mock(stripBomOfAppManifest(), () => (text: string) => text.replace(/^\uFEFF/, ''));
function stripBomOfAppManifest(): string {
  const appManifestBuild = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest'));
  return createRequire(import.meta.url).resolve('strip-bom', { paths: [appManifestBuild] });
}

describe('runCli, the one entry of the operators’ command lines', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-index-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the command line with a store that does not exist yet; output is collected as the operator would see it. */
  async function run(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      env: { DB_FILE: 'data/helpdesk.json' },
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      cwd: dir,
    });
    return { code, stdout, stderr };
  }

  it('prints the usage on stderr and exits 2 without a command', async () => {
    expect(await run()).toEqual({ code: 2, stdout: '', stderr: USAGE });
  });

  it('refuses an unknown command with the usage and exit code 2', async () => {
    const result = await run('frobnicate', '--help');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`cli: unknown command "frobnicate"\n\n${USAGE}`);
  });

  it.each([['help'], ['--help'], ['-h']])('prints the usage on stdout and exits 0 on %s', async (word) => {
    const result = await run(word);

    expect(result).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    for (const command of ['npm run directory -- import FILE', 'npm run report --', 'npm run db:migrate', 'npm run db:import-file -- FILE', 'npm run package', 'npm run nlu:eval -- FILE.tsv']) {
      expect(result.stdout).toContain(command);
    }
  });

  it.each([
    [['directory', 'help'], 'usage: npm run directory -- COMMAND'],
    [['directory', '--help'], 'usage: npm run directory -- COMMAND'],
    [['report', '--help'], 'usage: npm run report --'],
    [['report', '-h'], 'usage: npm run report --'],
    [['db', '--help'], 'usage: npm run db:migrate'],
    [['db', 'migrate', '--help'], 'usage: npm run db:migrate'],
    [['package', '--help'], 'usage: npm run package'],
    [['package', 'help'], 'usage: npm run package'],
    [['nlu:eval', '--help'], 'usage: npm run nlu:eval -- FILE.tsv'],
  ])('hands %j to the command, which prints its own usage', async (args, usage) => {
    const result = await run(...args);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(usage);
  });

  it('hands the arguments after the command to it', async () => {
    const result = await run('directory', 'show', 'nosuch.example');

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`directory show: the store "${join(dir, 'data', 'helpdesk.json')}" does not exist (check DB_FILE, or import a file first)\n`);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it.each([
    [['report', '--verbose'], 'report: unknown argument "--verbose"', 'usage: npm run report --'],
    [['report', '--verbose=yes'], 'report: unknown argument "--verbose=yes"', 'usage: npm run report --'],
    [['report', '--since'], 'report: --since needs a value', 'usage: npm run report --'],
    [['report', '--since='], 'report: --since needs a value', 'usage: npm run report --'],
    [['report', '--since', '--until', '2026-11-01'], 'report: --since needs a value', 'usage: npm run report --'],
    [['report', '--help=yes'], 'report: --help takes no value', 'usage: npm run report --'],
    [['report', '--format=csv', '--format', 'json'], 'report: --format is given twice', 'usage: npm run report --'],
    [['report', 'csv'], 'report: unknown argument "csv"', 'usage: npm run report --'],
    [['directory', 'show', '--bogus', 'contoso.com'], 'directory: unknown argument "--bogus"', 'usage: npm run directory -- COMMAND'],
    [['directory', 'export', '-x'], 'directory: unknown argument "-x"', 'usage: npm run directory -- COMMAND'],
    [['db', 'migrate', '--now'], 'db: unknown argument "--now"', 'usage: npm run db:migrate'],
    [['package', '--out'], 'package: --out needs a value', 'usage: npm run package'],
    [['package', '--zip'], 'package: unknown argument "--zip"', 'usage: npm run package'],
    [['package', 'out.zip'], 'package: unknown argument "out.zip"', 'usage: npm run package'],
    [['nlu:eval', '--verbose', 'rows.tsv'], 'nlu:eval: unknown argument "--verbose"', 'usage: npm run nlu:eval -- FILE.tsv'],
    [['nlu:eval', 'a.tsv', 'b.tsv'], 'nlu:eval: needs exactly one FILE', 'usage: npm run nlu:eval -- FILE.tsv'],
  ])('refuses %j with the command’s usage and exit code 2', async (args, problem, usage) => {
    const result = await run(...args);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${problem}\n\n`);
    expect(result.stderr).toContain(usage);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  describe('nlu:eval', () => {
    it('prints only its usage and exits 2 without a FILE', async () => {
      expect(await run('nlu:eval')).toEqual({ code: 2, stdout: '', stderr: NLU_EVAL_USAGE });
    });

    it('fails with the message when the FILE cannot be read', async () => {
      const result = await run('nlu:eval', 'missing.tsv');

      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^nlu:eval: ENOENT: no such file or directory, open '.*missing\.tsv'\n$/);
    });

    it('scores the model on a FILE relative to the working directory, accuracy last', async () => {
      await writeFile(join(dir, 'rows.tsv'), 'utterance\tintent\tlang\nwho is my admin\twhoIsMyAdmin\ten\nwie is mijn beheerder\twhoIsMyAdmin\tnl\n', 'utf8');

      const result = await run('nlu:eval', 'rows.tsv');

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/\naccuracy: [01]\.\d{2} \(\d\/2\)\n$/);
    });
  });
});
