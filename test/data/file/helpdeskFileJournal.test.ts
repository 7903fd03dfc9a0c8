/**
 * The store file's journal: what an update writes once the store is past its size for whole rewrites, how a
 * store opens again from the store file plus its journal, and what happens to a journal a crash cut off or
 * damaged. The whole-file behaviour of small stores is helpdeskFile.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { appendFile, copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelpdeskFile, type HelpdeskData, type HelpdeskFileOptions } from '../../../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../../data/file/helpdeskFileDirectory.js';
import { organization } from '../../helpers/fixtures.js';

/** Every update goes to the journal; a new store file only when the journal outgrows ten times the old one. */
const JOURNAL: HelpdeskFileOptions = { rewriteBelowBytes: 0, compactRatio: 10 };

function put(data: HelpdeskData, key: string, value: unknown): void {
  data.state[key] = { eTag: `e-${key}`, json: JSON.stringify(value) };
}

function journalLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);
}

describe('HelpdeskFile journal', () => {
  let dir: string;
  let path: string;
  let journal: string;
  const opened: HelpdeskFile[] = [];

  async function open(options: HelpdeskFileOptions = JOURNAL): Promise<HelpdeskFile> {
    const file = await HelpdeskFile.open(path, options);
    opened.push(file);
    return file;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helpdesk-journal-'));
    path = join(dir, 'helpdesk.json');
    journal = `${path}.journal`;
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((file) => file.flush().catch(() => undefined)));
    await rm(dir, { recursive: true, force: true });
  });

  /** A store file with something in it, so the journal has a store file to continue. */
  async function seeded(): Promise<HelpdeskFile> {
    const first = await open({ rewriteBelowBytes: Infinity });
    await first.update((data) => put(data, 'seed', { n: 0 }));
    await first.flush();
    return open();
  }

  it('appends one line per update and leaves the store file alone, and a reopened store has every update', async () => {
    const file = await seeded();
    const before = await readFile(path, 'utf8');
    const directory = new HelpdeskFileDirectory(file);

    await file.update((data) => put(data, 'a', { n: 1 }));
    await directory.save(organization({ id: 'org-1', displayName: 'Contoso', domains: ['contoso.com'] }));
    await file.update((data) => {
      data.ticketSequence += 1;
      delete data.state.seed;
    });

    expect(await readFile(path, 'utf8')).toBe(before);
    const lines = journalLines(await readFile(journal, 'utf8'));
    expect(lines[0]).toMatchObject({ journal: 'helpdesk' });
    expect(lines).toHaveLength(4);
    const reopened = await HelpdeskFile.open(path, JOURNAL);
    expect(reopened.data).toEqual(file.data);
    expect(await new HelpdeskFileDirectory(reopened).findByDomain('contoso.com')).toMatchObject({ id: 'org-1' });
    expect(reopened.data.state.seed).toBeUndefined();
    expect(reopened.data.ticketSequence).toBe(1);
  });

  it('writes a line the size of the change, however large the store', async () => {
    const file = await seeded();
    const directory = new HelpdeskFileDirectory(file);
    await file.update((data) => {
      for (let i = 0; i < 2000; i++) data.organizations.push(organization({ id: `org-${i}`, displayName: `Org ${i}`, domains: [`d${i}.example`] }));
    });
    const size = (await stat(journal)).size;

    await directory.save(organization({ id: 'org-1500', displayName: 'Renamed', domains: ['d1500.example'] }));

    const line = (await stat(journal)).size - size;
    expect(line).toBeLessThan(1000);
    expect(await directory.findById('org-1500')).toMatchObject({ displayName: 'Renamed' });
  });

  it('drops a last line a crash cut off, and the next writer continues after the last whole line', async () => {
    const file = await seeded();
    await file.update((data) => put(data, 'kept', { n: 1 }));
    // What a kill -9 during the next append leaves: part of a line, no line break.
    await appendFile(journal, '[["state","lost",{"eTag":"x","js');
    expect(journalLines((await readFile(journal, 'utf8')).split('\n').slice(0, -1).join('\n'))).toHaveLength(2);

    const reopened = await open();
    expect(reopened.data.state.lost).toBeUndefined();
    await reopened.update((data) => put(data, 'after', { n: 2 }));

    const again = await HelpdeskFile.open(path, JOURNAL);
    expect(Object.keys(again.data.state).sort()).toEqual(['after', 'kept', 'seed']);
  });

  it('refuses a journal with a damaged line before the last, naming the journal, and leaves it alone', async () => {
    const file = await seeded();
    await file.update((data) => put(data, 'a', { n: 1 }));
    await file.update((data) => put(data, 'b', { n: 2 }));
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[1] = 'not json at all';
    const damaged = lines.join('\n');
    await writeFile(journal, damaged);

    await expect(HelpdeskFile.open(path, JOURNAL)).rejects.toThrow(`the journal "${journal}" of the store file "${path}" is damaged`);
    expect(await readFile(journal, 'utf8')).toBe(damaged);
  });

  it('ignores a journal that belongs to an earlier store file (a new one was written before the journal started over)', async () => {
    const file = await seeded();
    await file.update((data) => put(data, 'a', { n: 1 }));
    const oldJournal = await readFile(journal);
    await file.flush();
    // A crash after the new store file and before the journal went: the old journal is still there.
    await writeFile(journal, oldJournal);
    await writeFile(path, (await readFile(path, 'utf8')).replace('"e-a"', '"e-a2"'));

    const reopened = await open();
    expect(reopened.data.state.a).toEqual({ eTag: 'e-a2', json: '{"n":1}' });
  });

  it('keeps the journal with its store file when both are copied elsewhere (a restore, another disk)', async () => {
    const file = await seeded();
    await file.update((data) => put(data, 'a', { n: 1 }));
    await file.update((data) => put(data, 'b', { n: 2 }));
    const moved = join(dir, 'moved');
    await mkdir(moved);
    // Copies are new files: another inode and modification time than the journal's header saw.
    await copyFile(path, join(moved, 'helpdesk.json'));
    await copyFile(journal, join(moved, 'helpdesk.json.journal'));

    const copy = await HelpdeskFile.open(join(moved, 'helpdesk.json'), JOURNAL);
    expect(copy.data).toEqual(file.data);
    await copy.update((data) => put(data, 'c', { n: 3 }));
    expect((await HelpdeskFile.open(join(moved, 'helpdesk.json'), JOURNAL)).data.state.c).toEqual({ eTag: 'e-c', json: '{"n":3}' });
  });

  it('refuses a journal whose store file is missing', async () => {
    const file = await seeded();
    await file.update((data) => put(data, 'a', { n: 1 }));
    await rm(path);

    await expect(HelpdeskFile.open(path, JOURNAL)).rejects.toThrow(`the store file "${path}" is missing`);
  });

  it('writes a new store file when the journal outgrows it, and starts the journal over', async () => {
    const file = await open({ rewriteBelowBytes: 0, compactRatio: 1 });
    await file.update((data) => put(data, 'seed', { n: 0 }));
    for (let i = 0; i < 50; i++) await file.update((data) => put(data, `item-${i}`, { i, text: 'x'.repeat(200) }));

    const onDisk = JSON.parse(await readFile(path, 'utf8')) as HelpdeskData;
    const entries = journalLines(await readFile(journal, 'utf8')).slice(1);
    expect(Object.keys(onDisk.state).length + entries.length).toBeGreaterThanOrEqual(51);
    expect(entries.length).toBeLessThan(50);
    expect((await HelpdeskFile.open(path)).data).toEqual(file.data);
  });

  it('keeps every update when a new store file cannot be written (a full disk, say), goes on in the journal, and folds it later', async () => {
    const file = await open({ rewriteBelowBytes: 0, compactRatio: 1 });
    await file.update((data) => put(data, 'seed', { n: 0 }));
    const storeBefore = await readFile(path, 'utf8');
    // The temporary file the new store file is written to cannot be created: a folder is in its place.
    const blocker = join(dir, '.helpdesk.json.tmp');
    await mkdir(blocker);

    for (let i = 0; i < 30; i++) await file.update((data) => put(data, `item-${i}`, { i, text: 'x'.repeat(200) }));

    expect(await readFile(path, 'utf8')).toBe(storeBefore);
    expect(Object.keys((await HelpdeskFile.open(path)).data.state)).toHaveLength(31);
    await rm(blocker, { recursive: true });
    for (let i = 30; i < 60; i++) await file.update((data) => put(data, `item-${i}`, { i, text: 'x'.repeat(200) }));

    expect(await readFile(path, 'utf8')).not.toBe(storeBefore);
    expect((await HelpdeskFile.open(path)).data).toEqual(file.data);
    expect(Object.keys(file.data.state)).toHaveLength(61);
  });

  it('folds the journal into the store file on flush, and removes it', async () => {
    const file = await seeded();
    await file.update((data) => put(data, 'a', { n: 1 }));

    await file.flush();

    expect(await readdir(dir)).toEqual(['helpdesk.json', 'helpdesk.json.bak']);
    expect((JSON.parse(await readFile(path, 'utf8')) as HelpdeskData).state.a).toEqual({ eTag: 'e-a', json: '{"n":1}' });
  });

  it('writes nothing and undoes everything, indexes included, when a change throws', async () => {
    const file = await seeded();
    const directory = new HelpdeskFileDirectory(file);
    await directory.save(organization({ id: 'org-1', displayName: 'Contoso', domains: ['contoso.com'] }));
    const size = (await stat(journal)).size;

    await expect(
      file.update((data) => {
        data.organizations[0] = organization({ id: 'org-1', displayName: 'Contoso', domains: ['fabrikam.com'] });
        data.organizations.push(organization({ id: 'org-2', displayName: 'Contoso NL', domains: ['contoso.nl'] }));
        put(data, 'half', { n: 1 });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');

    expect((await stat(journal)).size).toBe(size);
    expect(file.data.organizations).toHaveLength(1);
    expect(file.data.state.half).toBeUndefined();
    expect(await directory.findByDomain('contoso.com')).toMatchObject({ id: 'org-1' });
    expect(await directory.findByDomain('fabrikam.com')).toBeUndefined();
    expect(await directory.findByDomain('contoso.nl')).toBeUndefined();
  });

  it('refuses a record changed in place, and any change outside an update', async () => {
    const file = await seeded();
    await new HelpdeskFileDirectory(file).save(organization({ id: 'org-1', displayName: 'Contoso', domains: ['contoso.com'] }));

    await expect(
      file.update((data) => {
        data.organizations[0]!.displayName = 'Changed in place';
      }),
    ).rejects.toThrow(TypeError);
    expect(() => {
      (file.data as HelpdeskData).state.outside = { eTag: 'e', json: '{}' };
    }).toThrow('can only change inside HelpdeskFile.update()');
    expect(file.data.organizations[0]?.displayName).not.toBe('Changed in place');
  });

  it('reads a store file in the layout older versions wrote (indented JSON) and keeps writing after it', async () => {
    const older = { state: { 'conversation/old': { eTag: 'e1', json: '{"count":1}' } }, organizations: [organization({ id: 'org-1', displayName: 'Contoso', domains: ['contoso.com'] })] };
    await writeFile(path, JSON.stringify(older, null, 2));

    const file = await open();
    await file.update((data) => put(data, 'new', { n: 1 }));

    const reopened = await HelpdeskFile.open(path, JOURNAL);
    expect(reopened.data.state['conversation/old']).toEqual({ eTag: 'e1', json: '{"count":1}' });
    expect(reopened.data.state.new).toEqual({ eTag: 'e-new', json: '{"n":1}' });
    expect(await new HelpdeskFileDirectory(reopened).findByDomain('contoso.com')).toMatchObject({ id: 'org-1' });
  });
});
