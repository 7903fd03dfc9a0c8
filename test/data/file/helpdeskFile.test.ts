/**
 * The embedded store file: lowdb with one durable adapter. What reaches the disk and when, the last good copy,
 * damaged files, symlinks, and the journal an older version left. A disk that fails is diskFaults.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { copyFile, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelpdeskFile, type HelpdeskData } from '../../../data/file/helpdeskFile.js';
import { HelpdeskFileDirectory } from '../../../data/file/helpdeskFileDirectory.js';
import { HelpdeskFileStorage } from '../../../data/file/helpdeskFileStorage.js';
import { COMFORTABLE_STORE_BYTES, openFileStore } from '../../../data/file/openFileStore.js';
import { faultyDisk } from './faultyDisk.js';
import { organization } from '../directoryConformance.js';

/** A counter kept in the state section, so updates have something to read-check-write. */
function readCounter(data: Readonly<HelpdeskData>): number {
  const stored = data.state['test/counter'];
  return stored ? (JSON.parse(stored.json) as { value: number }).value : 0;
}

/** The counter as the file on disk holds it right now (0 when there is no file yet). */
function counterOnDisk(path: string): number {
  let text: string;
  try {
    text = readFileSync(path, 'utf-8');
  } catch {
    return 0;
  }
  return readCounter(JSON.parse(text) as HelpdeskData);
}

function writeCounter(data: HelpdeskData, value: number): void {
  data.state['test/counter'] = { eTag: String(value), json: JSON.stringify({ value }) };
}

describe('HelpdeskFile', () => {
  let dir: string;
  let path: string;
  const opened: HelpdeskFile[] = [];

  async function open(filePath = path, options: Parameters<typeof HelpdeskFile.open>[1] = {}): Promise<HelpdeskFile> {
    const file = await HelpdeskFile.open(filePath, options);
    opened.push(file);
    return file;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helpdesk-'));
    path = join(dir, 'helpdesk.json');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((file) => file.flush()));
    await rm(dir, { recursive: true, force: true });
  });

  it('starts empty when the file does not exist yet, and writes nothing until a change', async () => {
    const file = await open();

    expect(file.path).toBe(path);
    expect(file.data).toEqual({ state: {}, organizations: [], members: [], audit: [], takeovers: [], answers: [], tickets: [], ticketSequence: 0 });
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps state written through HelpdeskFileStorage across a restart, with the time it was written', async () => {
    const before = await open();
    const storage = new HelpdeskFileStorage(before, () => new Date('2026-11-20T12:00:00.000Z'));
    await storage.write({ 'msteams/conversations/19:abc': { dialogState: { step: 2 }, name: 'Zoë' } });
    const written = (await storage.read(['msteams/conversations/19:abc']))['msteams/conversations/19:abc'];

    const after = await open();
    const items = await new HelpdeskFileStorage(after).read(['msteams/conversations/19:abc']);

    expect(items['msteams/conversations/19:abc']).toEqual({ dialogState: { step: 2 }, name: 'Zoë', eTag: written.eTag });
    expect(after.data.state['msteams/conversations/19:abc']?.updatedAt).toBe('2026-11-20T12:00:00.000Z');
  });

  it('leaves valid JSON on disk, and no temporary file', async () => {
    const file = await open();
    const storage = new HelpdeskFileStorage(file);
    const contoso = organization();
    await new HelpdeskFileDirectory(file).save(contoso);
    await storage.write({ 'conversation/a': { count: 1 } });
    await storage.write({ 'conversation/b': { text: 'ünïcödé 🚀' } });
    await storage.delete(['conversation/a']);

    const text = await readFile(path, 'utf-8');
    expect(JSON.parse(text)).toEqual({
      state: { 'conversation/b': { eTag: expect.any(String), json: JSON.stringify({ text: 'ünïcödé 🚀' }), updatedAt: expect.any(String) } },
      organizations: [contoso],
      members: [],
      audit: [],
      takeovers: [],
      answers: [],
      tickets: [],
      ticketSequence: 0,
    });
    expect((await readdir(dir)).sort()).toEqual(['helpdesk.json', 'helpdesk.json.bak']);
  });

  it('refuses a file that is not valid JSON, naming the file, and leaves the file alone', async () => {
    await writeFile(path, '{"state": {', 'utf-8');

    await expect(HelpdeskFile.open(path)).rejects.toThrow(`"${path}" is not valid JSON`);
    expect(await readFile(path, 'utf-8')).toBe('{"state": {');
  });

  it.each([
    ['null', 'it holds no JSON object'],
    ['{"state":[]}', '"state" is not an object'],
    ['{"organizations":"none"}', '"organizations" is not a list'],
    ['{"members":[1]}', 'members[0] is not an object'],
    ['{"state":{"k":{"eTag":"e"}}}', 'state item "k" has no eTag and json'],
  ])('refuses %s as not a helpdesk store: %s', async (content, problem) => {
    await writeFile(path, content, 'utf-8');

    await expect(HelpdeskFile.open(path)).rejects.toThrow(`"${path}" is not a helpdesk store (${problem})`);
  });

  it('keeps the store file it replaced as DB_FILE.bak: the previous version, whole', async () => {
    const file = await open();
    for (const value of [1, 2, 3]) await file.update((data) => writeCounter(data, value));

    expect(counterOnDisk(path)).toBe(3);
    expect(counterOnDisk(`${path}.bak`)).toBe(2);
  });

  it('points a damaged store file to its last good copy, and following that advice brings the previous version back', async () => {
    const file = await open();
    for (const value of [1, 2]) await file.update((data) => writeCounter(data, value));
    await writeFile(path, '{"state": {', 'utf-8');

    const refusal = HelpdeskFile.open(path);
    await expect(refusal).rejects.toThrow(`put back "${path}.bak"`);
    await expect(refusal).rejects.toThrow('backup');
    await copyFile(`${path}.bak`, path);

    expect(readCounter((await open()).data)).toBe(1);
  });

  it('creates a missing folder for the file', async () => {
    const nested = join(dir, 'missing', 'deeper', 'helpdesk.json');

    const file = await open(nested);
    expect((await stat(join(dir, 'missing', 'deeper'))).isDirectory()).toBe(true);

    await file.update((data) => writeCounter(data, 1));
    expect(counterOnDisk(nested)).toBe(1);
  });

  it('fills in a section missing from an existing file', async () => {
    await writeFile(path, JSON.stringify({ state: { 'conversation/old': { eTag: 'e1', json: '{"count":1}' } } }), 'utf-8');

    const file = await open();

    expect(file.data.organizations).toEqual([]);
    expect(file.data.state['conversation/old']).toEqual({ eTag: 'e1', json: '{"count":1}' });
  });

  it('resolves update with what the change returned, after the file is written', async () => {
    const file = await open();

    const result = await file.update((data) => {
      writeCounter(data, 7);
      return 'done';
    });

    expect(result).toBe('done');
    expect(counterOnDisk(path)).toBe(7);
  });

  it('writes nothing when the change throws, passes the error on, and keeps accepting updates', async () => {
    const file = await open();
    await file.update((data) => writeCounter(data, 1));
    const contentBefore = await readFile(path, 'utf-8');

    await expect(
      file.update(() => {
        throw new Error('change refused');
      }),
    ).rejects.toThrow('change refused');
    await file.flush();
    expect(await readFile(path, 'utf-8')).toBe(contentBefore);

    await expect(file.update((data) => writeCounter(data, readCounter(data) + 1))).resolves.toBeUndefined();
    expect(counterOnDisk(path)).toBe(2);
  });

  it('runs 50 concurrent updates one at a time, shares writes between them, and resolves each only once the disk holds it', async () => {
    const { ops, calls } = faultyDisk({});
    const file = await open(path, { ops });
    const onDiskWhenResolved: [number, number][] = [];

    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        file
          .update((data) => {
            const next = readCounter(data) + 1;
            writeCounter(data, next);
            return next;
          })
          .then((value) => {
            onDiskWhenResolved.push([value, counterOnDisk(path)]);
            return value;
          }),
      ),
    );

    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (const [value, onDisk] of onDiskWhenResolved) expect({ value, onDiskAtLeast: onDisk >= value }).toEqual({ value, onDiskAtLeast: true });
    expect(calls.renames).toBeGreaterThan(0);
    expect(calls.renames).toBeLessThan(50);
    expect(readCounter((await open()).data)).toBe(50);
  });

  it('opened through a symlink, writes the file it points to and leaves the symlink in place', async () => {
    const real = join(dir, 'real', 'helpdesk.json');
    await mkdir(join(dir, 'real'));
    await writeFile(real, JSON.stringify({ ticketSequence: 4 }));
    await symlink(real, path);

    const file = await open(path);
    await file.update((data) => writeCounter(data, 1));

    expect(file.path).toBe(real);
    expect((await lstat(path)).isSymbolicLink()).toBe(true);
    expect(counterOnDisk(real)).toBe(1);
    expect(JSON.parse(await readFile(real, 'utf8')).ticketSequence).toBe(4);
  });

  it('says at start, naming DATABASE_URL, when the store file has grown past what the embedded store is for', async () => {
    const notices: [string, Record<string, unknown>][] = [];
    const onNotice = (message: string, details: Record<string, unknown>) => void notices.push([message, details]);
    const item = (n: number) => ({ eTag: `e${n}`, json: JSON.stringify({ text: 'x'.repeat(100_000) }) });
    const state = Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`msteams/conversations/c${n}/users/u${n}`, item(n)]));
    await writeFile(path, JSON.stringify({ state }));

    await (await openFileStore(path, 'a test', { onNotice })).close();
    expect(notices).toEqual([]);

    const many = Object.fromEntries(Array.from({ length: Math.ceil(COMFORTABLE_STORE_BYTES / 100_000) + 1 }, (_, n) => [`msteams/conversations/c${n}/users/u${n}`, item(n)]));
    await writeFile(path, JSON.stringify({ state: many, organizations: [organization()] }));
    await (await openFileStore(path, 'a test', { onNotice })).close();

    expect(notices).toHaveLength(1);
    const [message, details] = notices[0]!;
    expect(message).toContain(`"${path}"`);
    expect(message).toContain('set DATABASE_URL and run npm run db:import-file');
    expect(details).toMatchObject({ storeFile: path, organizations: 1, conversations: Object.keys(many).length, bytes: expect.any(Number) });
  });

  describe('a store an older version left with its journal', () => {
    /** The older version's layout: its store file names itself, its journal names the store file and lists changes. */
    async function oldStore(journalNames: string, entries: unknown[][]): Promise<void> {
      await writeFile(path, JSON.stringify({ state: {}, organizations: [organization()], members: [], audit: [], takeovers: [], answers: [], tickets: [], ticketSequence: 1, storeFileId: 'file-1' }));
      const header = { journal: 'helpdesk', version: 1, continues: { ino: '1', size: '2', mtimeNs: '3', storeFileId: journalNames } };
      await writeFile(`${path}.journal`, [header, ...entries].map((line) => `${JSON.stringify(line)}\n`).join(''));
    }

    const fabrikam = organization({ id: 'org-fabrikam', displayName: 'Fabrikam', domains: ['fabrikam.nl'] });
    const changes = [
      [['put', 'organizations', 1, fabrikam]],
      [['state', 'msteams/users/u1', { eTag: 'e1', json: '{"profile":{}}' }], ['set', 'ticketSequence', 2]],
    ];

    it('reads the journal once: the bot writes the store whole at start and removes it', async () => {
      await oldStore('file-1', changes);
      // Half a line: a change the older version never acknowledged.
      await writeFile(`${path}.journal`, `${await readFile(`${path}.journal`, 'utf8')}[["set","ticketSeq`);

      const store = await openFileStore(path, 'a test');
      try {
        expect(await store.directory.findByDomain('fabrikam.nl')).toEqual(fabrikam);
        expect((await store.storage.read(['msteams/users/u1']))['msteams/users/u1']).toEqual({ profile: {}, eTag: 'e1' });
        expect(await readdir(dir)).not.toContain('helpdesk.json.journal');
        const onDisk = JSON.parse(await readFile(path, 'utf8')) as HelpdeskData & { storeFileId?: string };
        expect(onDisk.organizations.map((org) => org.id)).toEqual(['org-contoso', 'org-fabrikam']);
        expect(onDisk.ticketSequence).toBe(2);
        expect(onDisk.storeFileId).toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('replays it for a reader without writing anything', async () => {
      await oldStore('file-1', changes);
      const before = await readFile(path, 'utf8');

      const file = await open();

      expect(file.data.organizations).toEqual([organization(), fabrikam]);
      expect(file.holdsOldJournal).toBe(true);
      expect(await readFile(path, 'utf8')).toBe(before);
      expect(await readdir(dir)).toContain('helpdesk.json.journal');
    });

    it('stops, naming both files, when the journal does not continue the store file (never dropped in silence)', async () => {
      await oldStore('another-file', changes);

      await expect(HelpdeskFile.open(path)).rejects.toThrow(`"${path}.journal", the journal of an older version, does not continue the store file "${path}"`);
    });

    it('stops on a damaged line before the last, naming the journal', async () => {
      await oldStore('file-1', changes);
      await writeFile(`${path}.journal`, `${await readFile(`${path}.journal`, 'utf8')}not json\n[["set","ticketSequence",3]]\n`);

      await expect(HelpdeskFile.open(path)).rejects.toThrow(`the journal "${path}.journal" of the store file "${path}" is damaged (line 4 is not valid JSON)`);
    });
  });
});
