import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelpdeskFile } from '../../../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../../data/file/helpdeskFileDirectory.js';
import {
  exportDirectory,
  formatImportError,
  importOrganizations,
  ImportRejectedError,
  parseDirectoryFile,
  type ImportedOrganization,
  type ImportFormat,
} from '../../../services/import/directoryImport.js';
import { projectFile } from '../../../lib/projectFiles.js';
import { organization } from '../../helpers/fixtures.js';
import { useTempStore } from '../../helpers/tempStore.js';

const fixture = (name: string) => readFile(projectFile('test', 'fixtures', 'directory', name), 'utf8');

/** Parses text that must be valid; fails the test with the errors otherwise. */
function parseValid(text: string, format: ImportFormat): ImportedOrganization[] {
  const { organizations, errors } = parseDirectoryFile(text, format);
  expect(errors.map(formatImportError)).toEqual([]);
  return organizations;
}

const errorLines = (text: string, format: ImportFormat) => parseDirectoryFile(text, format).errors.map(formatImportError);

describe('parseDirectoryFile', () => {
  it('reads the JSON export format, with every field', async () => {
    const [contoso, lyceum, tailspin, ...rest] = parseValid(await fixture('good.json'), 'json');

    expect(rest).toEqual([]);
    expect(contoso).toEqual({
      line: 3,
      displayName: 'Contoso "[HQ]", {Amsterdam}',
      domains: ['contoso.com', 'contoso.nl'],
      orgType: 'enterprise',
      cloud: 'worldwide',
      managed: true,
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      helpdeskContact: {
        title: 'Contoso IT Service Desk',
        phone: '+31 20 123 4567',
        email: 'servicedesk@contoso.com',
        url: 'https://help.contoso.com',
      },
      admins: [
        { name: 'Megan Bowen', email: 'megan@contoso.com', since: '2024-01-15T09:00:00.000Z' },
        { name: 'Ada Admin', email: 'ada@contoso.com', since: '2025-03-01T00:00:00.000Z' },
      ],
      selfService: { allowEmailVerifiedUsers: false, allowAdHocSubscriptions: true },
    });
    expect(lyceum?.line).toBe(22);
    expect(tailspin).toMatchObject({ line: 28, managed: false, selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: false } });
  });

  it('reads a bare JSON list of organizations as well as the export format', () => {
    const organizations = parseValid('[\n  { "displayName": "Contoso", "domains": ["contoso.com"] },\n  { "displayName": "Fabrikam", "domains": ["fabrikam.nl"] }\n]', 'json');

    expect(organizations.map((org) => [org.line, org.displayName])).toEqual([
      [2, 'Contoso'],
      [3, 'Fabrikam'],
    ]);
  });

  it('fills in the defaults for every optional field', () => {
    const [contoso] = parseValid('displayName,domains\nContoso,contoso.com\n', 'csv');

    expect(contoso).toEqual({
      line: 2,
      displayName: 'Contoso',
      domains: ['contoso.com'],
      orgType: 'unknown',
      cloud: 'worldwide',
      managed: true,
      admins: [],
      selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: true },
    });
  });

  it('reads a CSV with quoted commas, doubled quotes, a cell spanning lines and lists in cells', async () => {
    const [fabrikam, bucher, woodgrove] = parseValid(await fixture('good.csv'), 'csv');

    expect(fabrikam).toEqual({
      line: 2,
      displayName: 'Fabrikam, Inc.',
      domains: ['fabrikam.nl', 'fabrikam.com'],
      orgType: 'smallBusiness',
      cloud: 'china21Vianet',
      managed: true,
      tenantId: 'a1b2c3d4-0000-4000-8000-000000000001',
      helpdeskContact: { title: 'The "Fast" Desk', phone: '+31 20 555 0100' },
      admins: [
        { name: 'Jan de Vries', email: 'jan@fabrikam.nl' },
        { name: 'de Vries, Eva', email: 'eva@fabrikam.nl' },
      ],
      selfService: { allowEmailVerifiedUsers: false, allowAdHocSubscriptions: true },
    });
    expect(bucher).toMatchObject({ line: 5, orgType: 'smallBusiness' });
    expect(woodgrove).toMatchObject({
      line: 6,
      domains: ['woodgrove.com', 'woodgrove.nl'],
      helpdeskContact: { title: 'Servicedesk', email: 'help@woodgrove.com', url: 'http://help.woodgrove.com' },
      selfService: { allowEmailVerifiedUsers: false, allowAdHocSubscriptions: true },
    });
  });

  it('stores a Unicode domain and an address on it in punycode', async () => {
    const bucher = parseValid(await fixture('good.csv'), 'csv').find((org) => org.displayName === 'Boekhandel Bücher');

    expect(bucher?.domains).toEqual(['xn--bcher-kva.nl']);
    expect(bucher?.admins).toEqual([{ name: 'Sanne', email: 'sanne@xn--bcher-kva.nl' }]);
  });

  it('reads a semicolon-separated CSV with a byte order mark and CRLF line ends, as Dutch Excel saves it', async () => {
    const text = await fixture('good-semicolon.csv');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('\r\n');

    const [oost, linde, ...rest] = parseValid(text, 'csv');

    expect(rest).toEqual([]);
    expect(oost).toMatchObject({
      line: 2,
      displayName: 'Gemeente Oost',
      domains: ['oost.nl', 'gemeente-oost.nl'],
      orgType: 'enterprise',
      managed: true,
      helpdeskContact: { title: 'Servicedesk', phone: '+31 (0)30 123 4567' },
      admins: [
        { name: 'Piet Jansen', email: 'piet@oost.nl' },
        { name: 'Kim de Boer', email: 'kim@oost.nl' },
      ],
    });
    expect(linde).toMatchObject({ line: 3, orgType: 'school', managed: false });
  });

  it('reads booleans in English and Dutch, and as 1 or 0', () => {
    const text = 'displayName,domains,managed\nA,a.nl,TRUE\nB,b.nl,no\nC,c.nl,Ja\nD,d.nl,nee\nE,e.nl,1\nF,f.nl,0\n';

    expect(parseValid(text, 'csv').map((org) => org.managed)).toEqual([true, false, true, false, true, false]);
  });

  it('skips blank lines and counts them in the line numbers', () => {
    const organizations = parseValid('\ndisplayName,domains\n\nContoso,contoso.com\n,\n   \nFabrikam,fabrikam.nl\n\n', 'csv');

    expect(organizations.map((org) => org.line)).toEqual([4, 7]);
  });

  it('reports every bad CSV row at the line it starts on, counting the lines inside a quoted cell', async () => {
    expect(errorLines(await fixture('bad.csv'), 'csv')).toEqual([
      'line 6: domain "northwind" has no dot',
      'line 7: orgType "college" is not one of school, enterprise, smallBusiness, unknown',
      'line 7: cloud "mars" is not one of worldwide, china21Vianet, germanyLegacy, usGovGcc, usGovGccHigh, usGovDod',
      'line 7: managed "maybe" is not true or false (use true/false, yes/no, ja/nee or 1/0)',
      'line 7: tenantId "not-a-guid" is not a GUID (like 72f988bf-86f1-41af-91ab-2d7cd011db47)',
      'line 9: helpdeskUrl "ftp://help.woodgrove.com" is not an http or https address',
      'line 9: domain "contoso.com" is also on line 2',
      'line 10: displayName is missing',
      'line 10: admin email "pat@lyceum" is not a valid email address: its domain has no dot',
    ]);
  });

  it('reports every bad JSON element at the line it starts on, including unknown fields', async () => {
    expect(errorLines(await fixture('bad.json'), 'json')).toEqual([
      'line 7: unknown field "domain" (known: displayName, domains, orgType, cloud, managed, tenantId, helpdeskContact, admins, selfService)',
      'line 7: domain "con toso.com" has spaces',
      'line 12: helpdeskContact.title is missing: a helpdesk contact needs a title',
      'line 13: admin since "2024-02-30" is not an ISO date (like 2024-01-15 or 2024-01-15T09:00:00Z)',
      'line 13: domain "contoso.com" is also on line 3',
    ]);
  });

  it('reports a JSON syntax error at its line', async () => {
    expect(errorLines(await fixture('bad-syntax.json'), 'json')).toEqual([
      "line 3: not valid JSON: Expected ',' or '}' after property value (column 31)",
    ]);
  });

  it('reports a JSON file cut short at its last line', () => {
    expect(errorLines('[\n  { "displayName": "Contoso", "domains": ["contoso.com"] }\n', 'json')).toEqual([
      "line 2: not valid JSON: Expected ',' or ']' after array element (column 59)",
    ]);
    expect(errorLines('\n', 'json')).toEqual(['line 1: not valid JSON: Unexpected end of JSON input']);
  });

  it('reports unknown fields inside the helpdesk contact, self-service settings and admins', () => {
    const text = JSON.stringify([
      {
        displayName: 'Contoso',
        domains: ['contoso.com'],
        helpdeskContact: { title: 'IT', phone: '123', mail: 'it@contoso.com' },
        selfService: { allowAdHoc: false },
        admins: [{ name: 'Ada', email: 'ada@contoso.com', role: 'global' }],
      },
    ]);

    expect(errorLines(text, 'json')).toEqual([
      'line 1: unknown field "helpdeskContact.mail" (known: title, phone, email, url)',
      'line 1: unknown field "selfService.allowAdHoc" (known: allowEmailVerifiedUsers, allowAdHocSubscriptions)',
      'line 1: unknown field "admins[0].role" (known: name, email, since, userId)',
    ]);
  });

  it('reports an unknown CSV column on line 1 and reads no rows', () => {
    expect(errorLines('displayName,domain,orgtype\nContoso,contoso.com,school\n', 'csv')).toEqual([
      'line 1: unknown column "domain" (columns: displayName, domains, orgType, cloud, managed, tenantId, helpdeskTitle, helpdeskPhone, helpdeskEmail, helpdeskUrl, admins, allowEmailVerifiedUsers, allowAdHocSubscriptions)',
      'line 1: the header has no column "domains"',
    ]);
  });

  it('reports a CSV without a header row', () => {
    expect(errorLines('Contoso,contoso.com\n', 'csv')).toEqual([
      'line 1: the first row must be a header naming the columns (displayName, domains, orgType, cloud, managed, tenantId, helpdeskTitle, helpdeskPhone, helpdeskEmail, helpdeskUrl, admins, allowEmailVerifiedUsers, allowAdHocSubscriptions)',
    ]);
  });

  it('reports a quoted cell that is never closed at the line its row starts on', () => {
    expect(errorLines('displayName,domains\nContoso,contoso.com\n"Fabrikam,fabrikam.nl\nNorthwind,northwind.com\n', 'csv')).toEqual([
      'line 3: a quoted cell is not closed: its closing quote is missing',
    ]);
  });

  it('reports a row with more cells than the header has columns', () => {
    expect(errorLines('displayName,domains\nContoso, Inc.,contoso.com\n', 'csv')).toEqual([
      'line 2: has 3 fields but the header has 2 (a comma inside a cell needs quotes)',
    ]);
  });

  it('reports a domain used twice in the file, naming both lines', () => {
    const text = 'displayName,domains\nContoso,contoso.com contoso.nl\nFabrikam,fabrikam.nl\nContoso NL,CONTOSO.NL\n';

    expect(errorLines(text, 'csv')).toEqual(['line 4: domain "contoso.nl" is also on line 2']);
  });

  it('reports a domain listed twice on one row, also when one is written in Unicode and one in punycode', () => {
    expect(errorLines('displayName,domains\nBücher,bücher.nl xn--bcher-kva.nl\n', 'csv')).toEqual([
      'line 2: domain "xn--bcher-kva.nl" is listed twice in this organization',
    ]);
  });

  it('reports a file with no organizations', () => {
    expect(errorLines('displayName,domains\n\n', 'csv')).toEqual(['line 1: the file has no organizations']);
    expect(errorLines('', 'csv')).toEqual([
      'line 1: the header row is missing (columns: displayName, domains, orgType, cloud, managed, tenantId, helpdeskTitle, helpdeskPhone, helpdeskEmail, helpdeskUrl, admins, allowEmailVerifiedUsers, allowAdHocSubscriptions)',
    ]);
    expect(errorLines('{ "organizations": [] }', 'json')).toEqual(['line 1: the file has no organizations']);
  });

  it('requires a title and a way to reach the helpdesk once any part of a contact is given', () => {
    const text = [
      'displayName,domains,helpdeskTitle,helpdeskPhone,helpdeskEmail,helpdeskUrl',
      'A,a.nl,,+31 20 123,,',
      'B,b.nl,Servicedesk,,,',
      'C,c.nl,Servicedesk,call us,it@c,https://',
    ].join('\n');

    expect(errorLines(text, 'csv')).toEqual([
      'line 2: helpdeskTitle is missing: a helpdesk contact needs a title',
      'line 3: the helpdesk contact needs a helpdeskPhone, helpdeskEmail or helpdeskUrl',
      'line 4: helpdeskPhone "call us" has no digits',
      'line 4: helpdeskEmail "it@c" is not a valid email address: its domain has no dot',
      'line 4: helpdeskUrl "https://" is not an http or https address',
    ]);
  });

  it('requires a name and a valid address for every admin', () => {
    const text = 'displayName,domains,admins\nA,a.nl,ada@a.nl\nB,b.nl,Bob | <bob@b.nl>\nC,c.nl,Cas <cas at c.nl>; Cas <CAS@c.nl>; Cas <cas@c.nl>\n';

    expect(errorLines(text, 'csv')).toEqual([
      'line 2: admin "ada@a.nl" needs a name: write it as Name <email>',
      'line 3: admin "Bob" needs an email address: write it as Name <email>',
      'line 3: admin "bob@b.nl" needs a name',
      'line 4: admin email "cas at c.nl" is not a valid email address: it has spaces',
      'line 4: admin "cas@c.nl" is listed twice',
    ]);
  });

  it('reports a name that is too long, a missing domain list and a tenant id used twice', () => {
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const text = `displayName,domains,tenantId\n${'x'.repeat(201)},a.nl,\nB,,\nC,c.nl,${tenant}\nD,d.nl,${tenant.toUpperCase()}\n`;

    expect(errorLines(text, 'csv')).toEqual([
      'line 2: displayName is longer than 200 characters',
      'line 3: domains is missing: give at least one domain',
      `line 5: tenantId "${tenant}" is also on line 4`,
    ]);
  });
});

describe('importOrganizations', () => {
  const store = useTempStore('directory-import-');
  const now = new Date('2026-03-01T10:00:00.000Z');

  it('creates each organization with an id from its first domain, its admins as members, and one audit entry', async () => {
    const summary = await importOrganizations(store.directory, parseValid(await fixture('good.csv'), 'csv'), now);

    expect(summary).toMatchObject({ created: 3, updated: 0 });
    expect(await store.directory.findByDomain('fabrikam.com')).toEqual({
      id: 'org-fabrikam.nl',
      displayName: 'Fabrikam, Inc.',
      domains: ['fabrikam.nl', 'fabrikam.com'],
      tenantId: 'a1b2c3d4-0000-4000-8000-000000000001',
      managed: true,
      orgType: 'smallBusiness',
      cloud: 'china21Vianet',
      helpdeskContact: { title: 'The "Fast" Desk', phone: '+31 20 555 0100' },
      admins: [
        { name: 'Jan de Vries', email: 'jan@fabrikam.nl', since: now.toISOString() },
        { name: 'de Vries, Eva', email: 'eva@fabrikam.nl', since: now.toISOString() },
      ],
      selfService: { allowEmailVerifiedUsers: false, allowAdHocSubscriptions: true },
      createdAt: now.toISOString(),
    });
    expect(await store.directory.findMember('jan@fabrikam.nl')).toEqual({
      email: 'jan@fabrikam.nl',
      orgId: 'org-fabrikam.nl',
      joinedVia: 'admin',
      services: [],
      joinedAt: now.toISOString(),
      name: 'Jan de Vries',
    });
    expect(await store.directory.countMembers('org-fabrikam.nl')).toBe(2);
    expect(await store.directory.auditTrail('fabrikam.nl', 10)).toEqual([
      { at: now.toISOString(), actor: 'cli', action: 'import', subject: 'fabrikam.nl', outcome: 'created' },
    ]);
  });

  it('replaces the stored organization that owns a domain, keeping its id and creation time', async () => {
    const stored = organization({
      id: 'org-contoso',
      displayName: 'Contoso (old)',
      domains: ['contoso.com', 'contoso-old.com'],
      managed: false,
      createdAt: '2025-01-01T00:00:00.000Z',
    });
    await store.directory.save(stored);

    const summary = await importOrganizations(store.directory, parseValid('displayName,domains\nContoso,contoso.nl contoso.com\n', 'csv'), now);

    expect(summary).toMatchObject({ created: 0, updated: 1, organizations: [{ id: 'org-contoso', domain: 'contoso.nl', outcome: 'updated' }] });
    expect(await store.directory.listOrganizations()).toEqual([
      { ...stored, displayName: 'Contoso', domains: ['contoso.nl', 'contoso.com'], managed: true },
    ]);
    expect(await store.directory.findByDomain('contoso-old.com')).toBeUndefined();
    expect(await store.directory.auditTrail('contoso.nl', 10)).toEqual([
      { at: now.toISOString(), actor: 'cli', action: 'import', subject: 'contoso.nl', outcome: 'updated' },
    ]);
  });

  it('updates instead of duplicating when the same file is imported again, keeping admins\' start dates', async () => {
    const rows = parseValid(await fixture('good.csv'), 'csv');
    await importOrganizations(store.directory, rows, now);
    const first = await store.directory.listOrganizations();

    const summary = await importOrganizations(store.directory, rows, new Date('2026-04-01T00:00:00.000Z'));

    expect(summary).toMatchObject({ created: 0, updated: 3 });
    expect(await store.directory.listOrganizations()).toEqual(first);
  });

  it('keeps the membership of an admin who already joined another way', async () => {
    await store.directory.save(organization({ id: 'org-contoso', displayName: 'Contoso', domains: ['contoso.com'] }));
    await store.directory.transaction((tx) =>
      tx.saveMember({ email: 'ada@contoso.com', orgId: 'org-contoso', joinedVia: 'selfService', services: ['Power BI'], joinedAt: '2025-05-05T00:00:00.000Z' }),
    );

    await importOrganizations(store.directory, parseValid('displayName,domains,admins\nContoso,contoso.com,Ada <ada@contoso.com>\n', 'csv'), now);

    expect(await store.directory.findMember('ada@contoso.com')).toMatchObject({ joinedVia: 'selfService', services: ['Power BI'] });
  });

  it('gives a new organization a different id when an earlier organization still has the one from its domain', async () => {
    await store.directory.save(organization({ id: 'org-contoso.com', displayName: 'Contoso', domains: ['contoso.nl'] }));

    const summary = await importOrganizations(store.directory, parseValid('displayName,domains\nContoso US,contoso.com\n', 'csv'), now);

    expect(summary.organizations.map((result) => result.id)).toEqual(['org-contoso.com-2']);
  });

  it('rejects the whole file, writing nothing, when a row would merge two stored organizations', async () => {
    await store.directory.save(organization({ id: 'org-contoso', displayName: 'Contoso', domains: ['contoso.com', 'contoso.nl'] }));
    await store.directory.save(organization({ id: 'org-fabrikam', displayName: 'Fabrikam', domains: ['fabrikam.nl'] }));
    await store.file.flush();
    const before = await readFile(store.path, 'utf8');

    const rows = parseValid(await fixture('conflict.csv'), 'csv');
    const rejection = importOrganizations(store.directory, rows, now);

    await expect(rejection).rejects.toBeInstanceOf(ImportRejectedError);
    await expect(rejection).rejects.toMatchObject({
      errors: [
        {
          line: 3,
          message:
            'the domains belong to different organizations in the directory: "contoso.nl" belongs to "org-contoso" (Contoso), "fabrikam.nl" belongs to "org-fabrikam" (Fabrikam); one row cannot merge them',
        },
      ],
    });
    expect(await readFile(store.path, 'utf8')).toBe(before);
    expect(await store.directory.findByDomain('northwind.com')).toBeUndefined();
  });

  it('rejects two rows that would both update one stored organization', async () => {
    await store.directory.save(organization({ id: 'org-contoso', displayName: 'Contoso', domains: ['contoso.com', 'contoso.nl'] }));

    const rows = parseValid('displayName,domains\nContoso,contoso.com\nContoso NL,contoso.nl\n', 'csv');

    await expect(importOrganizations(store.directory, rows, now)).rejects.toMatchObject({
      errors: [
        {
          line: 3,
          message:
            'domain "contoso.nl" belongs to organization "org-contoso" (Contoso), which line 2 already updates; one organization can be updated by one row only',
        },
      ],
    });
    expect((await store.directory.findById('org-contoso'))?.domains).toEqual(['contoso.com', 'contoso.nl']);
  });
});

describe('exportDirectory', () => {
  let dir: string;
  const files: HelpdeskFile[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'directory-export-'));
  });

  afterEach(async () => {
    await Promise.all(files.map((file) => file.flush()));
    await rm(dir, { recursive: true, force: true });
  });

  async function store(name: string): Promise<HelpdeskFileDirectory> {
    const file = await HelpdeskFile.open(join(dir, name));
    files.push(file);
    return new HelpdeskFileDirectory(file);
  }

  it('writes the JSON import format, so an export imports into a fresh store unchanged', async () => {
    const first = await store('first.json');
    await importOrganizations(first, parseValid(await fixture('good.json'), 'json'), new Date('2026-03-01T10:00:00.000Z'));
    await importOrganizations(first, parseValid(await fixture('good.csv'), 'csv'), new Date('2026-03-02T10:00:00.000Z'));
    // An admin who took over in Teams has a user id, which the export must carry too.
    const contoso = await first.findById('org-contoso.com');
    if (!contoso) throw new Error('the import did not create org-contoso.com');
    await first.save({ ...contoso, admins: [{ userId: 'aad-megan', name: 'Megan Bowen', email: 'megan@contoso.com', since: '2024-01-15T09:00:00.000Z' }] });
    const exported = await exportDirectory(first);
    expect(exported.organizations).toHaveLength(6);

    const second = await store('second.json');
    await importOrganizations(second, parseValid(JSON.stringify(exported, null, 2), 'json'), new Date('2026-05-01T00:00:00.000Z'));

    expect(await exportDirectory(second)).toEqual(exported);
    expect(JSON.stringify(await exportDirectory(second))).toBe(JSON.stringify(exported));
  });
});
