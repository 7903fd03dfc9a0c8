/**
 * The demo directory the README tells newcomers to import (docs/demo-directory.json): it imports without a
 * problem through the operators' command line, and holds what the bot's answers need to show something: a
 * managed organization with admins and a helpdesk contact, and an unmanaged one to take over.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDirectoryCli } from '../../cli/directoryCli.js';
import { HelpdeskFile } from '../../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../data/file/helpdeskFileDirectory.js';
import { projectFile } from '../../lib/projectFiles.js';
import { parseDirectoryFile } from '../../services/import/directoryImport.js';

const DEMO = projectFile('docs', 'demo-directory.json');

describe('docs/demo-directory.json', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'demo-directory-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has no problems by the import rules', async () => {
    const { organizations, errors } = parseDirectoryFile(await readFile(DEMO, 'utf8'), 'json');
    expect(errors).toEqual([]);
    expect(organizations.map((organization) => organization.displayName)).toEqual(['Contoso', 'Fabrikam', 'Tailspin Toys']);
  });

  it('imports with `npm run directory -- import docs/demo-directory.json` into an empty store', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runDirectoryCli(['import', DEMO], {
      env: { DB_FILE: 'helpdesk.json' },
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
      cwd: dir,
    });

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('Imported 3 organizations');
    expect(stdout).toContain('3 created, 0 updated');

    const stored = await new HelpdeskFileDirectory(await HelpdeskFile.open(join(dir, 'helpdesk.json'))).listOrganizations();
    const byName = new Map(stored.map((organization) => [organization.displayName, organization]));
    expect(byName.get('Contoso')).toMatchObject({
      domains: ['contoso.com', 'contoso.nl'],
      managed: true,
      helpdeskContact: { title: 'Contoso IT Service Desk' },
      admins: [{ email: 'megan@contoso.com' }, { email: 'alex@contoso.com' }],
    });
    expect(byName.get('Fabrikam')).toMatchObject({ managed: true, admins: [{ email: 'diego@fabrikam.com' }] });
    expect(byName.get('Tailspin Toys')).toMatchObject({ domains: ['tailspintoys.com'], managed: false, admins: [] });
  });
});
