/**
 * Keeps a store file to one process at a time: the bot, or an operator's import, never both.
 * @remarks The embedded store keeps its data in memory and rewrites the whole file, so a second process
 * writing the same file would silently lose one side's changes. The lock goes by the real file, not by the name
 * it was given: symlinks and relative paths are resolved (realStorePath), and the lock file sits beside the real
 * file, so another name for the same folder (a bind mount) finds the same lock. The lock file names its holder by
 * pid and the process's start time (Linux /proc), so a holder killed with -9 does not lock the store forever,
 * even when a new process later gets the same pid; it is only taken over while it is still the very file
 * (device and inode) found abandoned.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { link, lstat, mkdir, open, readlink, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

interface LockHolder {
  pid: number;
  startedAt?: string;
  purpose: string;
}

export interface StoreLock {
  /** The real path of the store file the lock is for (symlinks resolved). */
  readonly path: string;
  release(): Promise<void>;
}

export class StoreLockedError extends Error {
  constructor(
    readonly path: string,
    readonly holder: LockHolder,
  ) {
    super(`The store "${path}" is in use by process ${holder.pid} (${holder.purpose}). Stop that process first, then try again.`);
  }
}

/**
 * The store file's real path: relative parts and symlinks resolved, also for a file that does not exist yet (the
 * real folder, which is created, and the name; a dangling symlink leads to where it points).
 */
export async function realStorePath(path: string, depth = 0): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const entry = await lstat(absolute).catch(() => undefined);
  if (entry?.isSymbolicLink()) {
    if (depth >= 20) throw new Error(`realStorePath(): too many symbolic links at "${absolute}"`);
    return realStorePath(resolve(dirname(absolute), await readlink(absolute)), depth + 1);
  }
  await mkdir(dirname(absolute), { recursive: true });
  return join(await realpath(dirname(absolute)), basename(absolute));
}

/** Takes the lock for `storePath`, replacing a lock whose holder is gone; throws StoreLockedError otherwise. */
export async function lockStore(storePath: string, purpose: string): Promise<StoreLock> {
  const realPath = await realStorePath(storePath);
  const lockPath = `${realPath}.lock`;
  const me: LockHolder = { pid: process.pid, startedAt: processStartTime(process.pid), purpose };
  // The lock file appears complete or not at all: written under a name of our own, then linked into
  // place (link fails when the lock exists), so nobody reads a half-written lock as abandoned.
  const draft = `${lockPath}.${process.pid}.${randomUUID()}`;
  await writeFile(draft, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(draft, lockPath);
        return { path: realPath, release: () => releaseIfMine(lockPath, me) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const found = await readHolder(lockPath);
        if (found?.holder && isAlive(found.holder)) throw new StoreLockedError(realPath, found.holder);
        // Removed only while it is still the abandoned file read above: another process taking over the same
        // lock at the same moment may have put its own lock there already.
        const now = await stat(lockPath).catch(() => undefined);
        if (found && now && now.dev === found.dev && now.ino === found.ino) await rm(lockPath, { force: true });
      }
    }
    throw new Error(`lockStore(): could not take "${lockPath}"; another process keeps creating it`);
  } finally {
    await rm(draft, { force: true });
  }
}

async function releaseIfMine(lockPath: string, me: LockHolder): Promise<void> {
  const found = await readHolder(lockPath);
  if (found?.holder?.pid === me.pid && found.holder.startedAt === me.startedAt) await rm(lockPath, { force: true });
}

/**
 * The lock file's device and inode, and the holder it names; an unreadable or half-written file names nobody.
 * Undefined when there is no lock file.
 */
async function readHolder(lockPath: string): Promise<{ dev: number; ino: number; holder?: LockHolder } | undefined> {
  let handle;
  try {
    handle = await open(lockPath, 'r');
  } catch {
    return undefined;
  }
  try {
    const { dev, ino } = await handle.stat();
    try {
      const parsed = JSON.parse(await handle.readFile('utf8')) as Partial<LockHolder>;
      if (typeof parsed.pid !== 'number') return { dev, ino };
      return { dev, ino, holder: { pid: parsed.pid, startedAt: parsed.startedAt, purpose: String(parsed.purpose ?? 'unknown') } };
    } catch {
      // A lock file that cannot be read names nobody, so it does not hold the store.
      return { dev, ino };
    }
  } finally {
    await handle.close();
  }
}

function isAlive(holder: LockHolder): boolean {
  // Our own pid: this very process holds it, unless the lock is left by an earlier process with the same pid.
  if (holder.pid === process.pid) return holder.startedAt === processStartTime(process.pid);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const startedAt = processStartTime(holder.pid);
  return startedAt === undefined || holder.startedAt === undefined || startedAt === holder.startedAt;
}

/** Field 22 of /proc/PID/stat (start time in clock ticks since boot); undefined where there is no /proc. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses, so count fields after its closing ")".
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
