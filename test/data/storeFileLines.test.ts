/**
 * Records and state items kept in the store's files rather than in memory: the store keeps where each text is
 * (its line's byte offset in the store file, or its place in the journal, see data/recordSlots.ts) and reads
 * it back when asked. These tests check that every way of reading still gives it back, through journal
 * lines, new store files, a flush, text that is not ASCII and lines longer than the read window, and that a
 * file replaced behind the store's back is refused rather than misread.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { openSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelpdeskFile } from '../../data/file/helpdeskFile.js';
import type { HelpdeskMemory } from '../../data/file/helpdeskFileData.js';
import { readSnapshot, writeSnapshot } from '../../data/file/helpdeskFileSnapshot.js';
import { HelpdeskFileStorage } from '../../data/file/helpdeskFileStorage.js';
import { journalSlot, RecordFiles } from '../../data/file/recordSlots.js';
import { StoreFileLines } from '../../data/file/storeFileLines.js';
import type { Organization } from '../../services/models/organization.js';

/** An organization record with what a test needs; the store checks only that records are objects. */
function organization(n: number, extra: Record<string, unknown> = {}): Organization {
  return { id: `org-${n}`, name: `Organisatie ${n} — café ☕ 🚀`, domains: [`org${n}.example`], admins: [], ...extra } as unknown as Organization;
}

type Where = 'store file' | 'journal' | 'memory';
const whereSlotIs = (slot: unknown): Where => (typeof slot !== 'number' ? 'memory' : slot >= 0 ? 'store file' : 'journal');

/** Where each record of a section is. */
function whereRecordsAre(memory: HelpdeskMemory, section: 'organizations' | 'members'): Where[] {
  return memory.lists[section].slots.map(whereSlotIs);
}

/** The store's memory, which HelpdeskFile keeps to itself: these tests are about how it holds the data. */
const memoryOf = (file: HelpdeskFile): HelpdeskMemory => (file as unknown as { memory: HelpdeskMemory }).memory;

describe('journal slots', () => {
  it('pack an offset and a length into one number, and keep the text itself when they do not fit', () => {
    const files = new RecordFiles();
    const asked: [number, number][] = [];
    files.journal = { textAt: (offset, length) => (asked.push([offset, length]), 'x'.repeat(length)) };

    for (const [offset, length] of [
      [0, 2],
      [123_456_789, 4_000],
      [2 ** 28, 2 ** 24 - 1],
    ] as const) {
      const slot = journalSlot(offset, length, 'text');
      expect(typeof slot === 'number' && slot < 0).toBe(true);
      expect(files.text(slot, 'a record')).toHaveLength(length);
      expect(asked.pop()).toEqual([offset, length]);
    }
    expect(journalSlot(0, 2 ** 24, 'too long')).toBe('too long');
    expect(journalSlot(2 ** 30, 10, 'too far')).toBe('too far');
  });

  it('name what could not be read when the file they point into is not open', () => {
    expect(() => new RecordFiles().text(journalSlot(10, 5, 'x'), 'a record of "tickets"')).toThrow('a record of "tickets" is in a journal that is not open');
    expect(() => new RecordFiles().text(42, 'the state item "k"')).toThrow('the state item "k" is in a store file that is not open');
  });
});

describe('StoreFileLines', () => {
  let dir: string;
  let path: string;
  const toRelease: { release(): void }[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'store-lines-'));
    path = join(dir, 'lines.txt');
  });

  afterEach(async () => {
    for (const lines of toRelease.splice(0)) lines.release();
    await rm(dir, { recursive: true, force: true });
  });

  function linesOf(filePath = path): StoreFileLines {
    const lines = new StoreFileLines(filePath, openSync(filePath, 'r'));
    toRelease.push(lines);
    return lines;
  }

  it('reads a line by its byte offset, without its trailing comma, counting bytes rather than characters', async () => {
    const texts = ['{"a":"é"},', '{"b":"🚀 ☕"},', '{"c":3}', '],'];
    await writeFile(path, `${texts.join('\n')}\n`);
    const lines = linesOf();
    const offsets = texts.map((_, i) => Buffer.byteLength(texts.slice(0, i).map((text) => `${text}\n`).join('')));

    expect(lines.lineAt(offsets[2]!)).toBe('{"c":3}');
    expect(lines.lineAt(offsets[0]!)).toBe('{"a":"é"}');
    expect(lines.lineAt(offsets[1]!)).toBe('{"b":"🚀 ☕"}');
  });

  it('reads a line far longer than its read window, and lines after it', async () => {
    const long = `{"text":"${'x'.repeat(200_000)}"}`;
    await writeFile(path, `${long},\n{"after":1}\n`);
    const lines = linesOf();

    expect(lines.lineAt(0)).toBe(long);
    expect(lines.lineAt(Buffer.byteLength(long) + 2)).toBe('{"after":1}');
  });

  it('says so when the file ends inside the line asked for', async () => {
    await writeFile(path, '{"cut":');
    expect(() => linesOf().lineAt(0)).toThrow(/ends inside the line at byte 0/);
  });

  it('opens the file again after a release, and refuses a file that has been replaced meanwhile', async () => {
    await writeFile(path, '{"one":1}\n');
    const lines = linesOf();
    lines.release();
    expect(lines.lineAt(0)).toBe('{"one":1}');

    lines.release();
    await rm(path);
    await writeFile(path, '{"two":2}\n');
    expect(() => lines.lineAt(0)).toThrow(/was replaced by another program.*restart the bot/);
  });
});

describe('HelpdeskFile keeps unchanged records in the store file', () => {
  let dir: string;
  let path: string;
  const opened: HelpdeskFile[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helpdesk-records-'));
    path = join(dir, 'helpdesk.json');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((file) => file.flush().catch(() => undefined)));
    await rm(dir, { recursive: true, force: true });
  });

  async function open(options: Parameters<typeof HelpdeskFile.open>[1] = {}): Promise<HelpdeskFile> {
    const file = await HelpdeskFile.open(path, options);
    opened.push(file);
    return file;
  }

  /** A store file with `count` organizations, one of them with a name longer than the read window. */
  async function seed(count: number): Promise<Organization[]> {
    const organizations = Array.from({ length: count }, (_, n) => organization(n, n === 7 ? { notes: 'lang '.repeat(20_000) } : {}));
    const file = await open();
    await file.update((data) => {
      data.organizations = organizations;
    });
    await file.flush();
    opened.splice(opened.indexOf(file), 1);
    return organizations;
  }

  it('reads a store file into offsets only, and a changed record is text until the next store file holds it', async () => {
    await seed(50);
    const memory = (await readSnapshot(path))!;
    try {
      expect(new Set(whereRecordsAre(memory, 'organizations'))).toEqual(new Set(['store file']));
      expect(memory.lists.organizations.at(7)).toEqual(organization(7, { notes: 'lang '.repeat(20_000) }));

      memory.begin();
      memory.root.organizations[3] = organization(3, { name: 'Hernoemd' });
      memory.commit();
      expect(whereRecordsAre(memory, 'organizations')[3]).toBe('memory');

      await writeSnapshot(path, memory);
      expect(new Set(whereRecordsAre(memory, 'organizations'))).toEqual(new Set(['store file']));
      expect(memory.lists.organizations.at(3)).toEqual(organization(3, { name: 'Hernoemd' }));
      expect(memory.lists.organizations.at(49)).toEqual(organization(49));
    } finally {
      memory.releaseStoreFile();
    }
  });

  it('gives every record back through look-ups, the array view and a scan, across new store files, a flush and a restart', async () => {
    const organizations = await seed(3_000);
    // A small fold threshold: the journal is folded into a new store file several times on the way.
    const file = await open({ compactRatio: 0.01 });

    for (let n = 0; n < 300; n++) {
      await file.update((data) => {
        data.organizations[n * 10] = organization(n * 10, { name: `Veranderd ${n}` });
      });
    }
    const expected = organizations.map((org, n) => (n % 10 === 0 && n < 3_000 ? organization(n, { name: `Veranderd ${n / 10}` }) : org));

    const check = (store: HelpdeskFile) => {
      expect(store.find('organizations', 'domain', 'org7.example')).toEqual([{ position: 7, record: expected[7] }]);
      expect(store.find('organizations', 'id', 'org-2990')).toEqual([{ position: 2990, record: expected[2990] }]);
      expect(store.data.organizations[1234]).toEqual(expected[1234]);
      expect(store.records('organizations')).toEqual(expected);
    };
    check(file);
    await file.flush();
    // After a flush the descriptor is closed; the next read opens the file again.
    check(file);

    const reopened = await open();
    check(reopened);
  });

  it('keeps reading the file it opened after another store file took its name, and says so when its copy was replaced behind its back', async () => {
    await seed(20);
    const reader = await open();
    // Another process (a second open of the same file) writes a new store file over the name.
    const writer = await open();
    await writer.update((data) => {
      data.organizations[0] = organization(0, { name: 'Nieuw' });
    });
    await writer.flush();

    // The open descriptor still reads the file it opened: the data as it was when the reader opened it.
    expect(reader.data.organizations[0]).toEqual(organization(0));
    expect(reader.find('organizations', 'id', 'org-19')[0]?.record).toEqual(organization(19));

    // Once released (flushed), the reader opens the name again: another file now, refused with advice.
    await reader.flush();
    expect(() => reader.data.organizations[5]).toThrow(/was replaced by another program.*restart the bot/);
  });

  it('keeps state items in the files too: read from the store file, written to the journal, read back from either', async () => {
    // A store large enough to keep a journal, with state items whose JSON is not ASCII.
    await seed(200);
    const seeded = await open();
    const storage = new HelpdeskFileStorage(seeded);
    await storage.write({ 'msteams/conversations/a': { language: 'nl', note: 'één café ☕' }, 'msteams/users/b': { profile: { name: 'Zoë' } } });
    await seeded.flush();
    opened.splice(opened.indexOf(seeded), 1);

    const file = await open();
    const memory = memoryOf(file);
    expect(whereSlotIs(memory.state.get('msteams/conversations/a'))).toBe('store file');
    const state = new HelpdeskFileStorage(file);
    const read = await state.read(['msteams/conversations/a', 'msteams/users/b']);
    expect(read['msteams/conversations/a']).toMatchObject({ language: 'nl', note: 'één café ☕' });
    expect(read['msteams/users/b']).toMatchObject({ profile: { name: 'Zoë' } });

    await state.write({ 'msteams/conversations/a': { ...read['msteams/conversations/a'], note: 'twee 🚀' } });
    await file.update((data) => {
      data.organizations[150] = organization(150, { name: 'Één' });
    });
    // Written to the journal, and read back from it: not held in memory a second time.
    expect(whereSlotIs(memory.state.get('msteams/conversations/a'))).toBe('journal');
    expect(whereRecordsAre(memory, 'organizations')[150]).toBe('journal');
    expect((await state.read(['msteams/conversations/a']))['msteams/conversations/a']).toMatchObject({ language: 'nl', note: 'twee 🚀' });
    expect(file.data.organizations[150]).toEqual(organization(150, { name: 'Één' }));
    expect(Object.keys(file.data.state).sort()).toEqual(['msteams/conversations/a', 'msteams/users/b']);

    // Folding the journal into a new store file moves everything there.
    await file.flush();
    expect(new Set([...memory.state.values()].map(whereSlotIs))).toEqual(new Set(['store file']));
    expect(whereRecordsAre(memory, 'organizations')[150]).toBe('store file');
    expect((await state.read(['msteams/conversations/a']))['msteams/conversations/a']).toMatchObject({ note: 'twee 🚀' });
    expect(file.data.organizations[150]).toEqual(organization(150, { name: 'Één' }));
  });

  it('reads a store file copied elsewhere, records and all', async () => {
    await seed(100);
    const copy = join(dir, 'copy.json');
    await copyFile(path, copy);
    const file = await HelpdeskFile.open(copy);
    opened.push(file);
    expect(file.records('organizations')).toHaveLength(100);
    expect(file.find('organizations', 'domain', 'org99.example')[0]?.record).toEqual(organization(99));
  });
});
