/**
 * The store file (DB_FILE) itself: a lowdb JSON file, written to a temporary file that is synced and renamed
 * over the old one, so a crash or a power cut leaves one whole version; the version it replaced stays as
 * DB_FILE.bak, the last good copy.
 * @remarks The JSON is laid out one record per line, which any JSON reader (lowdb's JSONFile included) reads as
 * usual, and which lets this reader parse record by record: a 100,000-organization store never exists as one
 * big object graph next to its text, and a record is found again by its line's offset (StoreFileLines). A file in any
 * other layout (older versions wrote lowdb's indented JSON, people edit files by hand) is read with
 * JSON.parse as a whole instead; the next snapshot rewrites it in this layout.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { HelpdeskMemory, LIST_SECTIONS, STORE_FILE_ID_KEY, type ListSection, type StoreFileOffsets } from './helpdeskFileData.js';
import { syncDirectory } from './helpdeskFileJournal.js';
import { StoreFileLines } from './storeFileLines.js';

/**
 * A line of a new store file; for a record or state item, also what it is and where on the line its text
 * starts (a state item's line starts with its key).
 */
type SnapshotLine = string | { line: string; section: ListSection; textStart: 0 } | { line: string; stateKey: string; textStart: string };

/** The file's JSON lines, one record or state item per line. */
function* snapshotLines(memory: HelpdeskMemory): Generator<SnapshotLine> {
  yield '{"state":{';
  let stateLeft = memory.state.size;
  for (const key of memory.state.keys()) {
    stateLeft -= 1;
    const prefix = `${JSON.stringify(key)}:`;
    yield { line: `${prefix}${memory.stateText(key)!}${stateLeft > 0 ? ',' : ''}`, stateKey: key, textStart: prefix };
  }
  yield '},';
  for (const name of LIST_SECTIONS) {
    yield `${JSON.stringify(name)}:[`;
    const list = memory.lists[name];
    const count = list.length;
    let position = 0;
    for (const text of list.texts()) {
      position += 1;
      yield { line: position < count ? `${text!},` : text!, section: name, textStart: 0 };
    }
    yield '],';
  }
  const values = [...memory.values.entries(), ...(memory.storeFileId === undefined ? [] : [[STORE_FILE_ID_KEY, memory.storeFileId] as const])];
  for (let i = 0; i < values.length; i++) yield `${JSON.stringify(values[i]![0])}:${JSON.stringify(values[i]![1])}${i < values.length - 1 ? ',' : ''}`;
  yield '}';
}

const CHUNK_BYTES = 1024 * 1024;

/** The store as it was before its last rewrite: the last good copy that recovery advice points to. */
export function lastGoodCopyPath(path: string): string {
  return `${path}.bak`;
}

/**
 * lowdb's adapter for the store file: steno's way (a temporary file beside it, renamed over it) plus what
 * steno leaves out for a store that must survive a power cut: the temporary file is synced before the
 * rename and the directory after it, and the store it replaces is kept as the last good copy.
 * @remarks The text is streamed to the disk in 1 MB pieces: building a 75 MB string and its 75 MB encoding
 * first would double the process's memory for a moment.
 */
class DurableStoreFile implements Adapter<HelpdeskMemory | null> {
  /** The size of the file the last write made. */
  bytesWritten = 0;
  /** The file the last write made, open for reading, and where its records and state items are. */
  written: { lines: StoreFileLines; offsets: StoreFileOffsets } | undefined;

  constructor(private readonly path: string) {}

  async read(): Promise<HelpdeskMemory | null> {
    try {
      return parseWhole(await readFile(this.path, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async write(memory: HelpdeskMemory | null): Promise<void> {
    if (!memory) throw new Error('DurableStoreFile.write(): there is no store to write');
    const temporary = join(dirname(this.path), `.${basename(this.path)}.tmp`);
    const handle = await open(temporary, 'w');
    const offsets: StoreFileOffsets = { lists: new Map(LIST_SECTIONS.map((name) => [name, []])), state: new Map() };
    let bytes = 0;
    let lines: StoreFileLines | undefined;
    try {
      let pending: string[] = [];
      let pendingBytes = 0;
      const flush = async () => {
        const chunk = Buffer.from(pending.join(''), 'utf8');
        pending = [];
        pendingBytes = 0;
        await handle.write(chunk);
      };
      for (const item of snapshotLines(memory)) {
        const line = typeof item === 'string' ? item : item.line;
        if (typeof item !== 'string') {
          if ('section' in item) offsets.lists.get(item.section)!.push(bytes);
          else offsets.state.set(item.stateKey, bytes + Buffer.byteLength(item.textStart, 'utf8'));
        }
        pending.push(line, '\n');
        const lineBytes = Buffer.byteLength(line, 'utf8') + 1;
        bytes += lineBytes;
        pendingBytes += lineBytes;
        if (pendingBytes >= CHUNK_BYTES) await flush();
      }
      await flush();
      await handle.sync();
      // Opened before the rename: this is the file the offsets are of, whatever its name becomes.
      lines = new StoreFileLines(this.path, openSync(temporary, 'r'));
    } finally {
      await handle.close();
      // Half a store file (a full disk, say) is no use to anyone.
      if (!lines) await rm(temporary, { force: true });
    }
    try {
      await keepLastGoodCopy(this.path);
      await rename(temporary, this.path);
      await syncDirectory(this.path);
    } catch (error) {
      lines.release();
      throw error;
    }
    this.bytesWritten = bytes;
    this.written = { lines, offsets };
  }
}

/**
 * Keeps the store file about to be replaced as DB_FILE.bak: a second name for the same bytes (a hard link,
 * no copy), swapped in by a rename so a crash leaves the old copy or the new one. Only a whole, synced store
 * file is ever replaced, so the copy is one the bot could open. Best effort: a file system without hard
 * links keeps no copy, and the store is written all the same.
 */
async function keepLastGoodCopy(path: string): Promise<void> {
  const copy = lastGoodCopyPath(path);
  const temporary = join(dirname(path), `.${basename(copy)}.tmp`);
  try {
    await rm(temporary, { force: true });
    await link(path, temporary);
    await rename(temporary, copy);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // no store file yet
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

/**
 * Writes the store file, whole or not at all, durably (see DurableStoreFile), through lowdb. Returns the
 * file's size.
 */
export async function writeSnapshot(path: string, memory: HelpdeskMemory): Promise<number> {
  // Every store file written gets an id of its own, which a journal started after it names; a write that
  // failed leaves the id of the store file that is still there.
  const previousId = memory.storeFileId;
  memory.storeFileId = randomUUID();
  const file = new DurableStoreFile(path);
  const db = new Low<HelpdeskMemory | null>(file, memory);
  try {
    await db.write();
  } catch (error) {
    memory.storeFileId = previousId;
    throw error;
  }
  // Records changed since the old store file now have their lines in this one: only their offsets are kept.
  memory.useStoreFile(file.written!.lines, file.written!.offsets);
  return file.bytesWritten;
}

/**
 * Reads the store file: undefined when there is none; throws (SyntaxError, or an Error saying what is wrong)
 * when it is not a store. The one-record-per-line layout is read from the bytes, line by line; a file laid
 * out otherwise is read by lowdb with JSON.parse as a whole.
 */
export async function readSnapshot(path: string): Promise<HelpdeskMemory | undefined> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let memory: HelpdeskMemory | undefined;
  try {
    memory = parseLines(linesOf(fd));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code) {
      closeSync(fd);
      throw error;
    }
    // Whatever is wrong, JSON.parse of the whole text says it best (or reads a layout this reader mistook).
    memory = undefined;
  }
  if (memory) {
    // The records were kept as their lines' offsets: the store reads them from this file from now on.
    memory.files.storeFile = new StoreFileLines(path, fd);
    return memory;
  }
  closeSync(fd);
  const db = new Low<HelpdeskMemory | null>(new DurableStoreFile(path), null);
  await db.read();
  return db.data ?? undefined;
}

/**
 * The file's lines, read 1 MB at a time (a 75 MB store never sits in memory as one buffer), each a string of
 * its own made from the file's bytes (never a slice of a bigger string, which would keep all of it alive).
 * A trailing comma is taken off and reported; the last line is the text after the last line break.
 */
function* linesOf(fd: number): Generator<StoreLine> {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let carry = Buffer.alloc(0);
  /** The file offset of the first byte of `carry`. */
  let carryOffset = 0;
  for (;;) {
    const read = readSync(fd, chunk, 0, chunk.length, carryOffset + carry.length);
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
    let at = 0;
    for (let end = bytes.indexOf(NEWLINE, at); end !== -1; end = bytes.indexOf(NEWLINE, at)) {
      const comma = end > at && bytes[end - 1] === COMMA;
      yield { text: bytes.toString('utf8', at, comma ? end - 1 : end), comma, offset: carryOffset + at };
      at = end + 1;
    }
    carry = Buffer.from(bytes.subarray(at));
    carryOffset += at;
    if (read === 0) break;
  }
  if (carry.length > 0) {
    const comma = carry[carry.length - 1] === COMMA;
    yield { text: carry.toString('utf8', 0, comma ? carry.length - 1 : carry.length), comma, offset: carryOffset };
  }
}

/** A line of the store file: its text without a trailing comma, whether it had one, and its byte offset. */
interface StoreLine {
  text: string;
  comma: boolean;
  offset: number;
}

function parseWhole(text: string): HelpdeskMemory {
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the file holds no JSON object');
  const memory = new HelpdeskMemory();
  for (const [name, value] of Object.entries(parsed)) setTopLevel(memory, name, value);
  return memory;
}

/** A top-level entry of the file: the store file's id, or a part of the data. */
function setTopLevel(memory: HelpdeskMemory, name: string, value: unknown): void {
  if (name === STORE_FILE_ID_KEY) memory.storeFileId = typeof value === 'string' ? value : undefined;
  else memory.setValue(name, value);
}

const NEWLINE = 10;
const COMMA = 44;

/**
 * The one-record-per-line layout, checked line by line; undefined when the file is laid out otherwise.
 * Each record is parsed once, to check it and to index it, and is then kept as its line's offset.
 */
function parseLines(lines: Iterator<StoreLine>): HelpdeskMemory | undefined {
  const nextLine = () => {
    const next = lines.next();
    return next.done ? undefined : next.value;
  };
  const first = nextLine();
  if (first?.text !== '{"state":{' || first.comma) return undefined;
  const memory = new HelpdeskMemory();
  /** Calls `each` for every line up to `closing`; false when the layout does not hold. */
  const items = (closing: string, each: (text: string, offset: number) => boolean | void): boolean => {
    let previousComma: boolean | undefined;
    for (let line = nextLine(); line !== undefined; line = nextLine()) {
      const whole = line.comma ? `${line.text},` : line.text;
      if (whole === closing) return previousComma !== true;
      if (previousComma === false) return false;
      if (each(line.text, line.offset) === false) return false;
      previousComma = line.comma;
    }
    return false;
  };

  const stateRead = items('},', (text, offset) => {
    const entry = JSON.parse(`{${text}}`) as Record<string, unknown>;
    const keys = Object.keys(entry);
    if (keys.length !== 1) return false;
    const key = keys[0]!;
    // The item is kept as the offset of its text, which follows the key as this store writes it.
    const prefix = `${JSON.stringify(key)}:`;
    memory.loadStateItem(key, text.startsWith(prefix) ? offset + Buffer.byteLength(prefix, 'utf8') : undefined, entry[key]);
  });
  if (!stateRead) return undefined;
  for (const name of LIST_SECTIONS) {
    const opening = nextLine();
    if (opening?.text !== `${JSON.stringify(name)}:[` || opening.comma) return undefined;
    const list = memory.lists[name];
    list.startLoading();
    // A record keeps only its line's offset; the text is read from the file again when the record is.
    if (!items('],', (text, offset) => list.loadPacked(offset, JSON.parse(text)))) return undefined;
  }
  const rest: Record<string, unknown>[] = [];
  if (!items('}', (text) => void rest.push(JSON.parse(`{${text}}`) as Record<string, unknown>))) return undefined;
  // Nothing may follow but the final line break.
  const after = nextLine();
  if (after !== undefined && (after.text !== '' || after.comma || nextLine() !== undefined)) return undefined;
  for (const entry of rest) for (const [name, value] of Object.entries(entry)) setTopLevel(memory, name, value);
  return memory;
}

