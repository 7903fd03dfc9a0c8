/**
 * lowdb's adapter for a file that must survive a full disk, a kill -9 and a power cut: the whole file is written
 * to a temporary file beside it, every byte checked, synced, and renamed over the old one; then the folder is
 * synced. The file it replaces stays as FILE.bak, the last good copy.
 * @remarks
 * - Writes are coalesced as lowdb's own file adapter does it (steno's Writer): one write at a time, and the calls
 *   that arrive meanwhile share the next one, which writes the data as it is when it starts. A caller's promise
 *   resolves once a write that began after its call is on the disk, never before.
 * - A write that fails (ENOSPC, EIO, a short write, a failed sync) leaves the old file as it was, fails its
 *   callers and those waiting for the next write (their data was changed on top of the failed one), and then
 *   refuses every write until `reset()`: the caller first puts its data back to what is on the disk.
 * - The data is serialized when its write starts: whoever changes it does so in one synchronous step, so a write
 *   sees a change whole or not at all.
 */
import * as fs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

/** The handle a write uses: Node's FileHandle, or a test's that fails on purpose. */
export interface WriteHandle {
  write(data: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file-system calls a write makes (`open` with 'r' opens the folder to sync it). */
export interface FileOps {
  open(path: string, flags: 'w' | 'r'): Promise<WriteHandle>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

const nodeOps: FileOps = { open: (path, flags) => fs.open(path, flags), rename: fs.rename, link: fs.link, rm: fs.rm };

export interface DurableFileOptions<T> {
  parse(text: string): T;
  stringify(data: T): string;
  ops?: FileOps;
}

/** A write that did not reach the disk; the file on the disk is the one from before it. */
export class FileWriteError extends Error {
  override readonly name = 'FileWriteError';
}

interface Waiting {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function waiting(): Waiting {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  promise.catch(() => undefined); // Whoever called write() gets the rejection; nobody else must crash on it.
  return { promise, resolve, reject };
}

/** The file as it was before its last rewrite: what the advice for a damaged file points to. */
export function lastGoodCopyPath(path: string): string {
  return `${path}.bak`;
}

export class DurableFile<T> implements Adapter<T> {
  private readonly ops: FileOps;
  private writing = false;
  /** Settles once the running write has finished and the next one (if any) has started. */
  private settled: Promise<void> = Promise.resolve();
  private next: { waiting: Waiting; data: T } | undefined;
  private failure: FileWriteError | undefined;

  constructor(
    readonly path: string,
    private readonly options: DurableFileOptions<T>,
  ) {
    this.ops = options.ops ?? nodeOps;
  }

  /** Set after a failed write, until `reset()`. */
  get failed(): FileWriteError | undefined {
    return this.failure;
  }

  /** Accepts writes again, once the caller's data is what the disk holds. */
  reset(): void {
    this.failure = undefined;
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await fs.readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return this.options.parse(text);
  }

  write(data: T): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.writing) return this.start(data);
    this.next = { waiting: this.next?.waiting ?? waiting(), data };
    return this.next.waiting.promise;
  }

  /** Resolves when no write is running or waiting (whether the last one succeeded or not). */
  async idle(): Promise<void> {
    while (this.writing) await this.settled;
  }

  private start(data: T): Promise<void> {
    this.writing = true;
    const written = this.writeWhole(data);
    // Runs before the caller's own continuation: a failure refuses later writes before anyone can ask for one.
    this.settled = written.then(
      () => this.finished(undefined),
      (error: FileWriteError) => this.finished(error),
    );
    return written;
  }

  private finished(error: FileWriteError | undefined): void {
    this.writing = false;
    const next = this.next;
    this.next = undefined;
    if (error) {
      this.failure = error;
      next?.waiting.reject(error);
    } else if (next) {
      this.start(next.data).then(next.waiting.resolve, next.waiting.reject);
    }
  }

  private async writeWhole(data: T): Promise<void> {
    const folder = dirname(this.path);
    const temporary = join(folder, `.${basename(this.path)}.tmp`);
    let renamed = false;
    try {
      // Serialized before the first await: the data as it is when the write starts, whole.
      const bytes = Buffer.from(this.options.stringify(data), 'utf8');
      const handle = await this.ops.open(temporary, 'w');
      try {
        for (let at = 0; at < bytes.length; ) {
          // A full disk may answer with a short count and no error: the rest is written again, and a write that
          // gets nothing onto the disk is the failure.
          const { bytesWritten } = await handle.write(bytes, at, bytes.length - at, at);
          if (!(bytesWritten > 0)) throw new Error(`the disk took ${at} of ${bytes.length} bytes`);
          at += bytesWritten;
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.keepLastGoodCopy();
      await this.ops.rename(temporary, this.path);
      renamed = true;
      await this.syncFolder(folder);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new FileWriteError(
        renamed
          ? `"${this.path}" was replaced, but its folder could not be synced (${reason}): after a power cut it may be the one from before`
          : `"${this.path}" could not be written (${reason}); the file on the disk is the one from before`,
        { cause: error },
      );
    } finally {
      // Half a file is no use to anyone, and on a full disk it holds the space the next write needs.
      if (!renamed) await this.ops.rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  /**
   * Keeps the file about to be replaced as FILE.bak: a second name for the same bytes (a hard link), swapped in
   * by a rename, so a crash leaves the old copy or the new one. Best effort: without hard links there is no copy.
   */
  private async keepLastGoodCopy(): Promise<void> {
    const copy = lastGoodCopyPath(this.path);
    const temporary = join(dirname(copy), `.${basename(copy)}.tmp`);
    try {
      await this.ops.rm(temporary, { force: true });
      await this.ops.link(this.path, temporary);
      await this.ops.rename(temporary, copy);
    } catch {
      // No file yet, or a file system without hard links: the write goes on without a copy.
      await this.ops.rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  private async syncFolder(folder: string): Promise<void> {
    const handle = await this.ops.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
