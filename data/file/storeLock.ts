/**
 * Keeps a store file to one process at a time: the bot, or an operator's import, never both.
 * @remarks The embedded store keeps its data in memory and rewrites the whole file, so a second process
 * writing the same file would silently lose one side's changes. The lock file names its holder by pid and
 * the process's start time (Linux /proc), so a holder killed with -9 does not lock the store forever,
 * even when a new process later gets the same pid.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

interface LockHolder {
  pid: number;
  startedAt?: string;
  purpose: string;
}

export interface StoreLock {
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

/** Takes the lock for `storePath`, replacing a lock whose holder is gone; throws StoreLockedError otherwise. */
export async function lockStore(storePath: string, purpose: string): Promise<StoreLock> {
  const lockPath = `${storePath}.lock`;
  await mkdir(dirname(lockPath), { recursive: true });
  const me: LockHolder = { pid: process.pid, startedAt: processStartTime(process.pid), purpose };
  // The lock file appears complete or not at all: written under a name of our own, then linked into
  // place (link fails when the lock exists), so nobody reads a half-written lock as abandoned.
  const draft = `${lockPath}.${process.pid}.${randomUUID()}`;
  await writeFile(draft, JSON.stringify(me));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(draft, lockPath);
        return { release: () => releaseIfMine(lockPath, me) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = await readHolder(lockPath);
        if (holder && isAlive(holder)) throw new StoreLockedError(storePath, holder);
        await rm(lockPath, { force: true });
      }
    }
    throw new Error(`lockStore(): could not take "${lockPath}"; another process keeps creating it`);
  } finally {
    await rm(draft, { force: true });
  }
}

async function releaseIfMine(lockPath: string, me: LockHolder): Promise<void> {
  const holder = await readHolder(lockPath);
  if (holder?.pid === me.pid && holder.startedAt === me.startedAt) await rm(lockPath, { force: true });
}

/** The holder named in the lock file; an unreadable or half-written file counts as no holder. */
async function readHolder(lockPath: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number') return undefined;
    return { pid: parsed.pid, startedAt: parsed.startedAt, purpose: String(parsed.purpose ?? 'unknown') };
  } catch {
    // A lock file that cannot be read names nobody, so it does not hold the store.
    return undefined;
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
