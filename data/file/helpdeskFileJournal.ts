/**
 * The store's journal (DB_FILE + '.journal'): what changed since the store file was last written, one JSON
 * line per update, appended and flushed to the disk before the update resolves.
 * @remarks The first line names the store file the journal continues (the id written in it; its inode, size and
 * modification time for files of older versions):
 * a journal whose store file has since been replaced (the bot wrote a new one and was killed before it
 * could start a new journal, or a reader opened the store while that happened) is already in the store file
 * and is ignored. A last line without its line break, or one that does not parse, was cut off by a crash
 * while it was written, so its update never resolved: it is dropped. A bad line before the last is damage.
 */
import { closeSync, fdatasync, fsync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { JournalText } from './recordSlots.js';

const datasync = promisify(fdatasync);
const fullSync = promisify(fsync);

/** Which store file a journal continues. */
export interface SnapshotIdentity {
  ino: string;
  size: string;
  mtimeNs: string;
  /** The id written in the store file (HelpdeskMemory.storeFileId); journals of older versions have none. */
  storeFileId?: string;
}

export async function identityOf(path: string): Promise<SnapshotIdentity | undefined> {
  try {
    const found = await stat(path, { bigint: true });
    return { ino: String(found.ino), size: String(found.size), mtimeNs: String(found.mtimeNs) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function sameIdentity(a: SnapshotIdentity | undefined, b: SnapshotIdentity | undefined): boolean {
  return a !== undefined && b !== undefined && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/**
 * Whether a journal whose header names `header` continues the store file found at `file` holding
 * `storeFileId`: by that id when both have one, so a journal copied with its store file (a restore, a move
 * to another disk) still goes with it; else, for files of older versions, by inode, size and time.
 */
export function journalContinues(header: SnapshotIdentity | undefined, file: SnapshotIdentity | undefined, storeFileId: string | undefined): boolean {
  if (header?.storeFileId !== undefined && storeFileId !== undefined) return file !== undefined && header.storeFileId === storeFileId;
  return sameIdentity(header, file);
}

export interface JournalContents {
  /** The store file this journal continues; undefined when there is no journal, or not even a whole first line. */
  continues?: SnapshotIdentity;
  /** The entries (parsed), in order. */
  entries: unknown[];
  /** Where the last whole entry ends: a writer cuts the file back to this before appending. */
  validBytes: number;
}

export class JournalDamagedError extends Error {}

export async function readJournal(path: string): Promise<JournalContents> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], validBytes: 0 };
    throw error;
  }
  const lines: { text: string; end: number }[] = [];
  for (let start = 0; ; ) {
    const newline = bytes.indexOf(10, start);
    // What follows the last line break was being written when the writer stopped.
    if (newline === -1) break;
    lines.push({ text: bytes.toString('utf8', start, newline), end: newline + 1 });
    start = newline + 1;
  }
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  };
  const header = lines.length > 0 ? (parse(lines[0]!.text) as { journal?: unknown; continues?: SnapshotIdentity } | undefined) : undefined;
  if (!header || header.journal !== 'helpdesk' || !header.continues) {
    if (lines.length > 1) throw new JournalDamagedError('its first line is not a journal header');
    return { entries: [], validBytes: 0 };
  }
  const entries: unknown[] = [];
  let validBytes = lines[0]!.end;
  for (let i = 1; i < lines.length; i++) {
    const entry = parse(lines[i]!.text);
    if (entry === undefined) {
      if (i === lines.length - 1) break;
      throw new JournalDamagedError(`line ${i + 1} is not valid JSON`);
    }
    entries.push(entry);
    validBytes = lines[i]!.end;
  }
  return { continues: header.continues, entries, validBytes };
}

/** Makes a new directory entry (a created or renamed file) survive a power cut. */
export async function syncDirectory(path: string): Promise<void> {
  const handle = await open(dirname(path), 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The journal open for appending. Appends are synchronous (a few microseconds); `sync` flushes them to the disk. */
export class JournalWriter implements JournalText {
  private constructor(
    readonly path: string,
    private fd: number,
    private position: number,
  ) {}

  /** Starts a journal continuing `snapshot`, replacing any old one; durable when this resolves. */
  static async create(path: string, snapshot: SnapshotIdentity): Promise<JournalWriter> {
    // Opened for reading too: the store reads what it wrote back from here (JournalText).
    const writer = new JournalWriter(path, openSync(path, 'w+'), 0);
    try {
      writer.append(`${JSON.stringify({ journal: 'helpdesk', version: 1, continues: snapshot })}\n`);
      await writer.sync();
      await syncDirectory(path);
    } catch (error) {
      writer.close();
      throw error;
    }
    return writer;
  }

  /** Reopens a journal read at open, cutting off a line a crash left half-written. */
  static reopen(path: string, validBytes: number): JournalWriter {
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, validBytes);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    return new JournalWriter(path, fd, validBytes);
  }

  get bytes(): number {
    return this.position;
  }

  /** Appends one line; on failure the file is cut back to where it was, so no half line stays behind. */
  append(line: string): void {
    const data = Buffer.from(line, 'utf8');
    let written = 0;
    try {
      while (written < data.length) written += writeSync(this.fd, data, written, data.length - written, this.position + written);
    } catch (error) {
      ftruncateSync(this.fd, this.position);
      throw error;
    }
    this.position += data.length;
  }

  /** The text of `length` bytes at `offset`: something appended earlier. */
  textAt(offset: number, length: number): string {
    const bytes = Buffer.allocUnsafe(length);
    let read = 0;
    while (read < length) {
      const got = readSync(this.fd, bytes, read, length - read, offset + read);
      if (got === 0) throw new Error(`JournalWriter: the journal "${this.path}" ends before byte ${offset + length}`);
      read += got;
    }
    return bytes.toString('utf8');
  }

  /** Makes everything appended so far durable. */
  sync(): Promise<void> {
    return datasync(this.fd);
  }

  /** Empties the journal and starts it over for a new store file; durable when this resolves. */
  async restart(snapshot: SnapshotIdentity): Promise<void> {
    ftruncateSync(this.fd, 0);
    this.position = 0;
    this.append(`${JSON.stringify({ journal: 'helpdesk', version: 1, continues: snapshot })}\n`);
    await fullSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }
}
