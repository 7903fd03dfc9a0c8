/**
 * Reads one line of a store file by its byte offset: how the records that did not change since the store file
 * was written are read, so they need not be held in memory.
 * @remarks A 100,000-organization store file is about 70 MB; kept as strings it was more than half of the
 * bot's heap, and the heap's growth on top of it took the process past 400 MB. On the disk the records cost
 * the process nothing: the kernel's page cache holds the file, and a look-up reads a few kilobytes from it.
 * Lines are read through a window: a look-up reads a few kilobytes around its line, and reading on in file
 * order (a scan, a new store file) reads 64 KB at a time, one read for a few hundred records.
 *
 * The descriptor stays open while the store is in use: the file it reads is the one the offsets were taken
 * from even after a new store file has been renamed over its name. `release` closes it (a flushed store);
 * the next read opens the file by name again, and refuses a file that is no longer the same one (another
 * inode, size or modification time: the bot never changes a store file in place).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** A look-up reads this much: a record or two. */
const LOOK_UP_BYTES = 4 * 1024;
/** Reading on from where the last read ended (a scan, a new store file) reads this much at a time. */
const SCAN_BYTES = 64 * 1024;
const NEWLINE = 10;
const COMMA = 44;

export class StoreFileLines {
  private fd: number | undefined;
  /** Inode, size and modification time: a store file is never changed in place, so these stay as they were. */
  private readonly identity: string;
  private window = Buffer.allocUnsafe(SCAN_BYTES);
  /** The file offset of window[0], and how many bytes of the window hold the file's. */
  private windowStart = 0;
  private windowBytes = 0;

  /** Takes over `fd`, an open descriptor of the store file at `path`; closing it is this object's job now. */
  constructor(
    readonly path: string,
    fd: number,
  ) {
    this.fd = fd;
    this.identity = identityOf(fd);
  }

  /** The text of the line at `offset`, without its line break and a trailing comma (a record's JSON text). */
  lineAt(offset: number): string {
    let end = this.lineEndInWindow(offset);
    let size = offset >= this.windowStart && offset <= this.windowStart + this.windowBytes + LOOK_UP_BYTES ? SCAN_BYTES : LOOK_UP_BYTES;
    // A line longer than what was read (a record with a very long text) is read again with twice as much.
    for (; end === -1; size *= 2) {
      this.fill(offset, size);
      end = this.lineEndInWindow(offset);
      if (end === -1 && this.windowBytes < size) throw new Error(`StoreFileLines: the store file "${this.path}" ends inside the line at byte ${offset}`);
    }
    const start = offset - this.windowStart;
    const last = end > start && this.window[end - 1] === COMMA ? end - 1 : end;
    return this.window.toString('utf8', start, last);
  }

  /** Closes the descriptor; a later read opens the file again. */
  release(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.windowBytes = 0;
  }

  /** The position in the window of the line break ending the line at `offset`, or -1 if it is not in the window. */
  private lineEndInWindow(offset: number): number {
    if (offset < this.windowStart || offset >= this.windowStart + this.windowBytes) return -1;
    const end = this.window.indexOf(NEWLINE, offset - this.windowStart);
    return end < this.windowBytes ? end : -1;
  }

  /** Reads `size` bytes from `offset` into the window (fewer at the end of the file). */
  private fill(offset: number, size: number): void {
    // The window grows for a long line, and shrinks back once lines are short again.
    if (this.window.length < size || this.window.length > SCAN_BYTES) this.window = Buffer.allocUnsafe(Math.max(size, SCAN_BYTES));
    this.windowStart = offset;
    this.windowBytes = 0;
    const fd = this.descriptor();
    while (this.windowBytes < size) {
      const read = readSync(fd, this.window, this.windowBytes, size - this.windowBytes, offset + this.windowBytes);
      if (read === 0) break;
      this.windowBytes += read;
    }
  }

  private descriptor(): number {
    if (this.fd !== undefined) return this.fd;
    const fd = openSync(this.path, 'r');
    if (identityOf(fd) !== this.identity) {
      closeSync(fd);
      throw new Error(`StoreFileLines: the store file "${this.path}" was replaced by another program while the bot had it open; restart the bot to read it`);
    }
    this.fd = fd;
    return fd;
  }
}

function identityOf(fd: number): string {
  const { ino, size, mtimeNs } = fstatSync(fd, { bigint: true });
  return `${ino}:${size}:${mtimeNs}`;
}
