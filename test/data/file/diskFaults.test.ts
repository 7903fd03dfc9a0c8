/**
 * A disk that fails under the store, through a file handle that injects the faults (faultyDisk.ts) over the real
 * file system: short writes, a full disk, failed syncs of the rewrite and of the rename, a failed rename. Whatever
 * fails, the good file stays, the change is refused as "the store is unavailable" (the user is asked to try
 * again), nothing refused is kept, and the store takes writes again once the disk does. The real full disk, with
 * the bot over HTTP, is diskFull.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HelpdeskFile, type HelpdeskData } from '../../../data/file/helpdeskFile.js';
import { openFileStore } from '../../../data/file/openFileStore.js';
import { isStoreWriteFailed } from '../../../services/ports/storeUnavailable.js';
import { faultyDisk, type Faults } from './faultyDisk.js';

const counter = (data: Readonly<HelpdeskData>): number => Number(data.state['test/counter']?.json ?? 0);
const setCounter = (data: HelpdeskData, value: number): void => {
  data.state['test/counter'] = { eTag: `e${value}`, json: String(value) };
};

describe('HelpdeskFile on a failing disk', () => {
  let dir: string;
  let path: string;
  let faults: Faults;
  let file: HelpdeskFile;
  let calls: ReturnType<typeof faultyDisk>['calls'];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'helpdesk-faults-'));
    path = join(dir, 'helpdesk.json');
    faults = {};
    const disk = faultyDisk(faults);
    calls = disk.calls;
    file = await HelpdeskFile.open(path, { ops: disk.ops });
    // Some bulk, so a write takes more than one call when the disk takes little at a time.
    await file.update((data) => {
      for (let n = 0; n < 200; n++) data.state[`msteams/users/u${n}`] = { eTag: `e${n}`, json: JSON.stringify({ profile: { n } }) };
      setCounter(data, 1);
    });
  });

  afterEach(async () => {
    Object.keys(faults).forEach((fault) => delete faults[fault as keyof Faults]);
    await file.flush();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the whole file when the disk takes a few bytes per call (short writes)', async () => {
    faults.writeChunk = 97;

    await file.update((data) => setCounter(data, 2));

    expect(calls.shortWrites).toBeGreaterThan(10);
    expect(counter(JSON.parse(await readFile(path, 'utf8')) as HelpdeskData)).toBe(2);
  });

  const refusals: [string, (size: number) => Faults][] = [
    ['a full disk: a short write, then ENOSPC', (size) => ({ spaceLeft: Math.floor(size / 2) })],
    ['a failed fsync of the rewritten file', () => ({ fileSync: true })],
    ['a failed rename over the old file', () => ({ rename: true })],
  ];

  it.each(refusals)('keeps the good file and refuses the change on %s; the next write after the fault succeeds', async (_, fault) => {
    const good = await readFile(path, 'utf8');
    Object.assign(faults, fault(good.length));

    // Several changes at once: those sharing the failed write and those waiting for the next one all fail.
    const outcomes = await Promise.allSettled([2, 3, 4].map((value) => file.update((data) => setCounter(data, value))));

    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as Error;
      expect(isStoreWriteFailed(reason)).toBe(true);
      expect(reason.message).toContain(`"${path}"`);
    }
    expect(await readFile(path, 'utf8')).toBe(good);
    expect(await readdir(dir)).not.toContain('.helpdesk.json.tmp');
    expect(file.writable).toBe(false);

    // The disk takes writes again: what was refused is not there, and the store says it can write.
    Object.keys(faults).forEach((name) => delete faults[name as keyof Faults]);
    const seen = await file.update((data) => counter(data));
    expect(seen).toBe(1);
    expect(file.writable).toBe(true);
    await file.update((data) => setCounter(data, counter(data) + 10));
    expect(counter(JSON.parse(await readFile(path, 'utf8')) as HelpdeskData)).toBe(11);
  });

  it('refuses the change when the folder cannot be synced after the rename: it may not survive a power cut', async () => {
    faults.folderSync = true;

    const refused = file.update((data) => setCounter(data, 2));

    await expect(refused).rejects.toThrow(/could not be synced/);
    expect(isStoreWriteFailed(await refused.catch((error: unknown) => error))).toBe(true);
    expect(file.writable).toBe(false);
    delete faults.folderSync;
    await file.update(() => undefined);
    expect(file.writable).toBe(true);
  });

  it('keeps refusing, and keeps the good file, for as long as the disk stays full', async () => {
    const good = await readFile(path, 'utf8');
    faults.spaceLeft = 10;

    for (let value = 2; value < 6; value++) await expect(file.update((data) => setCounter(data, value))).rejects.toThrow(/ENOSPC/);

    expect(await readFile(path, 'utf8')).toBe(good);
    expect(counter(file.data)).toBeLessThan(6);
  });
});

describe('the file store while its disk is full (openFileStore)', () => {
  it('answers reachable() false while it cannot write, and true again by itself once it can', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'helpdesk-faults-'));
    const faults: Faults = {};
    const store = await openFileStore(join(dir, 'helpdesk.json'), 'a test', { ops: faultyDisk(faults).ops });
    try {
      await store.storage.write({ 'msteams/users/u1': { profile: {} } });
      expect(await store.reachable()).toBe(true);

      faults.spaceLeft = 0;
      await expect(store.storage.write({ 'msteams/users/u2': { profile: {} } })).rejects.toThrow(/ENOSPC/);
      expect(await store.reachable()).toBe(false);

      // Space is back: no turn writes, yet the store finds out by itself (the health check tries a write).
      delete faults.spaceLeft;
      await sleep(1100);
      expect(await store.reachable()).toBe(true);
      expect(await store.storage.read(['msteams/users/u1', 'msteams/users/u2'])).toEqual({ 'msteams/users/u1': { profile: {}, eTag: expect.any(String) } });
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
