import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelpdeskFile, type HelpdeskData } from '../../../data/file/helpdeskFile.js';
import { HelpdeskFileStorage } from '../../../data/file/helpdeskFileStorage.js';

/** A counter kept in the state section, so updates have something to read-check-write. */
function readCounter(data: HelpdeskData): number {
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

  async function open(filePath = path): Promise<HelpdeskFile> {
    const file = await HelpdeskFile.open(filePath);
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

  it('starts empty when the file does not exist yet', async () => {
    const file = await open();

    expect(file.path).toBe(path);
    expect(file.data).toEqual({ state: {}, organizations: [], members: [], audit: [], takeovers: [], answers: [], tickets: [], ticketSequence: 0 });
  });

  it('keeps state written through HelpdeskFileStorage across a restart', async () => {
    const before = await open();
    const storage = new HelpdeskFileStorage(before);
    await storage.write({ 'msteams/conversations/19:abc': { dialogState: { step: 2 }, name: 'Zoë' } });
    const written = (await storage.read(['msteams/conversations/19:abc']))['msteams/conversations/19:abc'];
    await before.flush();

    const after = await open();
    const items = await new HelpdeskFileStorage(after).read(['msteams/conversations/19:abc']);

    expect(items['msteams/conversations/19:abc']).toEqual({ dialogState: { step: 2 }, name: 'Zoë', eTag: written.eTag });
  });

  it('leaves valid JSON on disk, and no temporary file, after writes', async () => {
    const file = await open();
    const storage = new HelpdeskFileStorage(file);
    await storage.write({ 'conversation/a': { count: 1 } });
    await storage.write({ 'conversation/b': { text: 'ünïcödé 🚀' } });
    await storage.delete(['conversation/a']);
    await file.flush();

    const onDisk = JSON.parse(await readFile(path, 'utf-8')) as HelpdeskData;

    expect(onDisk).toEqual({
      state: { 'conversation/b': { eTag: expect.any(String), json: JSON.stringify({ text: 'ünïcödé 🚀' }) } },
      organizations: [],
      members: [],
      audit: [],
      takeovers: [],
      answers: [],
      tickets: [],
      ticketSequence: 0,
      storeFileId: expect.any(String),
    });
    expect(await readdir(dir)).toEqual(['helpdesk.json', 'helpdesk.json.bak']);
  });

  it('refuses a file that is not valid JSON, naming the file, and leaves the file alone', async () => {
    await writeFile(path, '{"state": {', 'utf-8');

    await expect(HelpdeskFile.open(path)).rejects.toThrow(`"${path}"`);
    expect(await readFile(path, 'utf-8')).toBe('{"state": {');
  });

  it('keeps the store file it replaced as DB_FILE.bak: the previous version, whole', async () => {
    const file = await open();
    for (const value of [1, 2, 3]) await file.update((data) => writeCounter(data, value));
    await file.flush();

    expect(counterOnDisk(path)).toBe(3);
    expect(counterOnDisk(`${path}.bak`)).toBe(2);
  });

  it('points a damaged store file to its last good copy, and following that advice brings the previous version back', async () => {
    const file = await open();
    for (const value of [1, 2]) await file.update((data) => writeCounter(data, value));
    await file.flush();
    await writeFile(path, '{"state": {', 'utf-8');

    const refusal = HelpdeskFile.open(path);
    await expect(refusal).rejects.toThrow(`put back "${path}.bak"`);
    await expect(refusal).rejects.toThrow(`move "${path}" and "${path}.journal" aside`);
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

  it('keeps no trace of what a change altered before it threw, even after a later update', async () => {
    const file = await open();
    await file.update((data) => writeCounter(data, 1));

    await expect(
      file.update((data) => {
        writeCounter(data, 1000);
        throw new Error('change refused halfway');
      }),
    ).rejects.toThrow('change refused halfway');
    await file.update((data) => {
      data.state['conversation/unrelated'] = { eTag: 'e', json: '{}' };
    });

    const reopened = await open();
    expect(readCounter(reopened.data)).toBe(1);
  });

  it('applies 50 concurrent updates one at a time, each after the previous one reached the disk', async () => {
    const file = await open();
    const onDiskWhenStarted: number[] = [];

    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        file.update((data) => {
          onDiskWhenStarted.push(counterOnDisk(path));
          const next = readCounter(data) + 1;
          writeCounter(data, next);
          return next;
        }),
      ),
    );

    const expected = Array.from({ length: 50 }, (_, i) => i + 1);
    expect(results).toEqual(expected);
    expect(onDiskWhenStarted).toEqual(expected.map((n) => n - 1));
    expect(readCounter((await open()).data)).toBe(50);
  });
});
