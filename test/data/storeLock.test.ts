/**
 * One process per store file: the lock, by the real file whatever name it is given (symlinks, relative paths,
 * a bind mount of the folder), and taking over a lock whose holder is gone.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { lockStore, StoreLockedError, type StoreLock } from '../../data/file/storeLock.js';
import { projectFile } from '../../lib/projectFiles.js';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  if (child.pid === undefined) throw new Error('deadPid(): could not start node');
  return child.pid;
}

/** The start time of a process as the lock records it (field 22 of /proc/PID/stat). */
function startTime(pid: number): string {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const field = text.slice(text.lastIndexOf(')') + 2).split(' ')[19];
  if (!field) throw new Error(`startTime(): no start time for ${pid}`);
  return field;
}

describe('lockStore', () => {
  let dir: string;
  let storePath: string;
  let lockPath: string;
  const taken: StoreLock[] = [];
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'store-lock-'));
    storePath = join(dir, 'helpdesk.json');
    lockPath = `${storePath}.lock`;
  });

  afterEach(async () => {
    for (const lock of taken.splice(0)) await lock.release();
    for (const child of children.splice(0)) {
      if (child.exitCode === null) {
        child.kill();
        await once(child, 'exit');
      }
    }
    await rm(dir, { recursive: true, force: true });
  });

  async function take(path = storePath, purpose = 'bot'): Promise<StoreLock> {
    const lock = await lockStore(path, purpose);
    taken.push(lock);
    return lock;
  }

  async function holder(): Promise<unknown> {
    return JSON.parse(await readFile(lockPath, 'utf8'));
  }

  /** A process that stays alive until the test ends. */
  async function liveChild(): Promise<number> {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(child);
    await once(child, 'spawn');
    if (child.pid === undefined) throw new Error('liveChild(): no pid');
    return child.pid;
  }

  it('writes a lock file naming this process and the purpose', async () => {
    await take(storePath, 'directory import');

    expect(await holder()).toEqual({ pid: process.pid, startedAt: startTime(process.pid), purpose: 'directory import' });
  });

  it("refuses a second lock on the same store, naming the holder's pid and purpose", async () => {
    await take(storePath, 'bot');

    const second = lockStore(storePath, 'directory import');

    await expect(second).rejects.toBeInstanceOf(StoreLockedError);
    await expect(second).rejects.toThrow(`process ${process.pid} (bot)`);
    await expect(second).rejects.toMatchObject({ path: storePath, holder: { pid: process.pid, purpose: 'bot' } });
  });

  it('refuses a lock held by another live process', async () => {
    const pid = await liveChild();
    await writeFile(lockPath, JSON.stringify({ pid, startedAt: startTime(pid), purpose: 'bot' }));

    await expect(lockStore(storePath, 'directory import')).rejects.toThrow(`process ${pid} (bot)`);
    expect(await holder()).toMatchObject({ pid });
  });

  it('can be taken again after release, and release removes the lock file', async () => {
    const first = await lockStore(storePath, 'bot');
    await first.release();
    await expect(stat(lockPath)).rejects.toMatchObject({ code: 'ENOENT' });

    await take(storePath, 'directory import');

    expect(await holder()).toMatchObject({ pid: process.pid, purpose: 'directory import' });
  });

  it('takes over a lock left by a process that has exited', async () => {
    const pid = deadPid();
    await writeFile(lockPath, JSON.stringify({ pid, startedAt: '12345', purpose: 'killed bot' }));

    await take(storePath, 'bot');

    expect(await holder()).toMatchObject({ pid: process.pid, purpose: 'bot' });
  });

  it('takes over a lock naming our own pid with another start time: an earlier process had our pid', async () => {
    await writeFile(lockPath, JSON.stringify({ pid: process.pid, startedAt: `${startTime(process.pid)}0`, purpose: 'earlier bot' }));

    await take(storePath, 'bot');

    expect(await holder()).toEqual({ pid: process.pid, startedAt: startTime(process.pid), purpose: 'bot' });
  });

  it('takes over a lock naming a live process that started at another time: its pid was reused', async () => {
    const pid = await liveChild();
    await writeFile(lockPath, JSON.stringify({ pid, startedAt: `${startTime(pid)}0`, purpose: 'earlier bot' }));

    await take(storePath, 'bot');

    expect(await holder()).toMatchObject({ pid: process.pid, purpose: 'bot' });
  });

  it.each([
    ['not JSON', 'garbage {'],
    ['empty', ''],
    ['JSON without a pid', '{"purpose":"bot"}'],
  ])('takes over a lock file that is %s', async (_what, content) => {
    await writeFile(lockPath, content);

    await take(storePath, 'bot');

    expect(await holder()).toMatchObject({ pid: process.pid, purpose: 'bot' });
  });

  it('does not remove, on release, a lock that someone else took meanwhile', async () => {
    const lock = await lockStore(storePath, 'bot');
    const other = { pid: await liveChild(), purpose: 'directory import' };
    await writeFile(lockPath, JSON.stringify(other));

    await lock.release();

    expect(await holder()).toEqual(other);
  });

  it('creates the folder when it is missing', async () => {
    const nested = join(dir, 'not', 'yet', 'there', 'helpdesk.json');

    await take(nested, 'bot');

    expect(JSON.parse(await readFile(`${nested}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('locks each store on its own', async () => {
    await take(join(dir, 'a.json'), 'bot');

    await expect(take(join(dir, 'b.json'), 'bot')).resolves.toBeDefined();
  });

  describe('by the real file, whatever name it is given', () => {
    it('refuses a second lock through a symlink to the store file, naming the real file', async () => {
      await mkdir(join(dir, 'real'));
      const real = join(dir, 'real', 'helpdesk.json');
      await writeFile(real, '{}');
      await symlink(real, join(dir, 'link.json'));
      await take(real, 'bot');

      const second = lockStore(join(dir, 'link.json'), 'second bot');

      await expect(second).rejects.toBeInstanceOf(StoreLockedError);
      await expect(second).rejects.toMatchObject({ path: real, holder: { pid: process.pid, purpose: 'bot' } });
    });

    it('refuses a second lock through a symlink taken first, before the store file exists', async () => {
      await mkdir(join(dir, 'real'));
      const real = join(dir, 'real', 'helpdesk.json');
      await symlink(real, join(dir, 'link.json'));
      const first = await take(join(dir, 'link.json'), 'bot');

      expect(first.path).toBe(real);
      await expect(lockStore(real, 'second bot')).rejects.toThrow(`"${real}" is in use by process ${process.pid} (bot)`);
    });

    it('refuses a second lock through a symlinked folder and through a relative path', async () => {
      await symlink(dir, join(dir, '..', `${dir.split('/').pop()}-alias`));
      const alias = join(dir, '..', `${dir.split('/').pop()}-alias`, 'helpdesk.json');
      try {
        await take(storePath, 'bot');

        await expect(lockStore(alias, 'second bot')).rejects.toBeInstanceOf(StoreLockedError);
        await expect(lockStore(relative(process.cwd(), storePath), 'third bot')).rejects.toBeInstanceOf(StoreLockedError);
      } finally {
        await rm(alias.replace(/\/helpdesk\.json$/, ''), { force: true });
      }
    });

    const unshared = spawnSync('unshare', ['--mount', '--propagation', 'private', 'true']).status === 0;
    const mountTest = unshared ? it : it.skip;
    if (!unshared) console.info('storeLock: the bind-mount case is skipped: `unshare --mount` is not permitted here (it needs root)');

    mountTest('refuses a second lock through a bind mount of the folder (a second writer in a private mount namespace)', async () => {
      const entry = projectFile('node_modules', '.cache', 'helpdesk-test-bot', `store-lock-${process.pid}.mjs`);
      await build({ entryPoints: [projectFile('data', 'file', 'storeLock.ts')], outfile: entry, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
      const mountPoint = join(dir, 'mounted');
      await mkdir(mountPoint);
      await take(storePath, 'bot');

      // The second process sees the store's folder under another name; only its mount namespace has the mount.
      const script = `import(${JSON.stringify(entry)}).then(({ lockStore }) => lockStore(process.argv[1], 'second bot')).then(() => { console.log('locked'); process.exit(0); }, (error) => { console.log(error.message); process.exit(3); })`;
      const second = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `mount --bind "$1" "$2" && exec "$3" -e "$4" "$2/helpdesk.json"`, 'sh', dir, mountPoint, process.execPath, script], { encoding: 'utf8' });

      expect({ status: second.status, said: second.stdout.trim() }).toEqual({ status: 3, said: `The store "${join(mountPoint, 'helpdesk.json')}" is in use by process ${process.pid} (bot). Stop that process first, then try again.` });
    });
  });
});
