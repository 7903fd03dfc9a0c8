/**
 * The embedded store: one lowdb JSON file (DB_FILE) holding bot state and the directory, for one process.
 * @remarks lowdb used as intended: `Low` keeps the data in memory, and after every change the whole file is
 * written through DurableFile (durable; the changes made while a write runs share the next write).
 * - One queue: changes run one at a time, so a caller's read-check-write never interleaves with another's. A
 *   change resolves once a write holding it is on the disk; never before.
 * - A change checks first and then changes the data in one synchronous step: lowdb keeps no undo, so a change
 *   that throws must have changed nothing (the directory stages a transaction and applies it at its end).
 * - A write that fails (a full disk) fails every change it held with a StoreUnavailableError, and the data goes
 *   back to what the file holds before the next change runs: what a user was told did not happen, did not.
 *   The old file stays as it was; the next write tries again.
 * - Opening never writes, so reports can read the store while the bot runs. A file that cannot be read stops the
 *   open with an error naming it and its last good copy: never an empty store in its place.
 * - A journal an older version left (DB_FILE.journal) is replayed once at open and removed after the first write.
 */
import { existsSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import type { AuditEntry, Member } from '../../services/ports/directory.js';
import type { Organization } from '../../services/models/organization.js';
import type { TakeoverRequest } from '../../services/models/takeoverRequest.js';
import type { AnswerRecord, Ticket } from '../../services/models/ticket.js';
import { StoreUnavailableError, StoreWriteFailedError } from '../../services/ports/storeUnavailable.js';
import { DurableFile, lastGoodCopyPath, type FileOps } from './durableFile.js';
import { continuesStoreFile, OldJournalError, readOldJournal, replay } from './oldJournal.js';
import { realStorePath } from './storeLock.js';

export interface StoredStateItem {
  eTag: string;
  /** The item as JSON text, so no caller can change what is stored by mutating what it read. */
  json: string;
  /** When it was last written (ISO 8601): idle conversations expire by it. */
  updatedAt?: string;
}

export interface HelpdeskData {
  state: Record<string, StoredStateItem>;
  organizations: Organization[];
  members: Member[];
  audit: AuditEntry[];
  takeovers: TakeoverRequest[];
  answers: AnswerRecord[];
  tickets: Ticket[];
  /** The last ticket number handed out. */
  ticketSequence: number;
}

const LISTS = ['organizations', 'members', 'audit', 'takeovers', 'answers', 'tickets'] as const;

export function emptyData(): HelpdeskData {
  return { state: {}, organizations: [], members: [], audit: [], takeovers: [], answers: [], tickets: [], ticketSequence: 0 };
}

export interface HelpdeskFileOptions {
  /** The file-system calls of a write (tests inject failures). */
  ops?: FileOps;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with parsed store data, or undefined when it is a store; missing sections are filled in. */
function problemOf(data: Record<string, unknown>): string | undefined {
  const defaults = emptyData() as unknown as Record<string, unknown>;
  for (const [name, empty] of Object.entries(defaults)) data[name] ??= empty;
  if (!isObject(data.state)) return '"state" is not an object';
  for (const [key, item] of Object.entries(data.state)) {
    if (!isObject(item) || typeof item.eTag !== 'string' || typeof item.json !== 'string') return `state item "${key}" has no eTag and json`;
  }
  for (const name of LISTS) {
    const list = data[name];
    if (!Array.isArray(list)) return `"${name}" is not a list`;
    const bad = list.findIndex((record) => !isObject(record));
    if (bad !== -1) return `${name}[${bad}] is not an object`;
  }
  if (typeof data.ticketSequence !== 'number' || !Number.isFinite(data.ticketSequence)) return '"ticketSequence" is not a number';
  return undefined;
}

class NotAStoreError extends Error {}

function parseStore(text: string): HelpdeskData {
  const parsed: unknown = JSON.parse(text);
  if (!isObject(parsed)) throw new NotAStoreError('it holds no JSON object');
  // Checked after an old journal is replayed (load), which may set whole sections.
  return parsed as unknown as HelpdeskData;
}

/**
 * The file's text: plain JSON on one line, as JSON.stringify gives it. Laying records out one per line (for grep
 * and diff) doubled the cost of every write, which is the embedded store's whole cost; `jq` reads the file well.
 */
function storeText(data: HelpdeskData): string {
  return `${JSON.stringify(data)}\n`;
}

/** What to do about a store that cannot be read, said in every error that stops the open: nothing was changed. */
function damageAdvice(path: string): string {
  const copy = lastGoodCopyPath(path);
  const lastGood = existsSync(copy) ? `"${copy}" (the store as it was before its last write) or the last good copy from your backup` : 'the last good copy from your backup';
  return `The bot stops instead of starting without its data; nothing was changed. To recover, put back ${lastGood} as "${path}"; to start with an empty store instead, move "${path}" aside.`;
}

export class HelpdeskFile {
  private readonly low: Low<HelpdeskData>;
  private readonly file: DurableFile<HelpdeskData>;
  private queue: Promise<unknown> = Promise.resolve();
  /** An older version's journal replayed at open; none once a write has taken it in. */
  private oldJournal: string | undefined;
  private journalTakenIn = false;
  private lastWriteFailed = false;

  private constructor(
    readonly path: string,
    options: HelpdeskFileOptions,
  ) {
    this.file = new DurableFile(path, { parse: parseStore, stringify: storeText, ops: options.ops });
    this.low = new Low(this.file, emptyData());
  }

  /** Opens the store at `path` (its real file: symlinks resolved), or a new empty one; creates the folder. */
  static async open(path: string, options: HelpdeskFileOptions = {}): Promise<HelpdeskFile> {
    const store = new HelpdeskFile(await realStorePath(path), options);
    await store.load();
    return store;
  }

  /** The data: read it, never change it outside `update` (what a caller keeps, it copies). */
  get data(): Readonly<HelpdeskData> {
    return this.low.data;
  }

  /** Whether the old version's journal was replayed and is still waiting for its first write. */
  get holdsOldJournal(): boolean {
    return this.oldJournal !== undefined && !this.journalTakenIn;
  }

  /** False from a failed write until a write succeeds: the health check's answer. */
  get writable(): boolean {
    return !this.lastWriteFailed;
  }

  /**
   * Runs `change` alone and resolves with its result once a write holding it is on the disk. `change` may read
   * asynchronously, but changes the data in one synchronous step after everything that can fail.
   */
  update<T>(change: (data: HelpdeskData) => T | Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.file.failed) await this.reload();
      const result = await change(this.low.data);
      return { result, written: this.write() };
    });
    this.queue = run.catch(() => undefined);
    return run.then(async ({ result, written }) => {
      await written;
      return result;
    });
  }

  /** Resolves when every change asked for so far has been written (or failed to be). */
  async flush(): Promise<void> {
    await this.queue;
    await this.file.idle();
  }

  private write(): Promise<void> {
    const written = this.low.write().then(
      async () => {
        this.lastWriteFailed = false;
        if (this.oldJournal) await this.removeOldJournal(this.oldJournal);
      },
      (error: Error) => {
        this.lastWriteFailed = true;
        throw new StoreWriteFailedError(`HelpdeskFile: the store file ${error.message}; the change was not kept`, { cause: error });
      },
    );
    written.catch(() => undefined); // The caller awaits it; a change whose caller is gone must not crash the process.
    return written;
  }

  /** The written store holds the old journal now: it goes (a later failure must not replay it again). */
  private async removeOldJournal(journal: string): Promise<void> {
    this.journalTakenIn = true;
    try {
      await rm(journal, { force: true });
      // Synced, or a power cut could bring the journal back beside a store that already holds it.
      const folder = await open(dirname(journal), 'r');
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
      this.oldJournal = undefined;
    } catch {
      // Tried again after the next write; until then `journalTakenIn` keeps it from being replayed.
    }
  }

  /** After a failed write: the data goes back to what the file holds, and writes are accepted again. */
  private async reload(): Promise<void> {
    try {
      await this.load();
    } catch (error) {
      throw new StoreUnavailableError(`HelpdeskFile: after a failed write, "${this.path}" could not be read again: ${(error as Error).message}`, { cause: error });
    }
    this.file.reset();
  }

  /** Reads the store file (and an older version's journal), or starts empty when there is none. */
  private async load(): Promise<void> {
    const journalPath = `${this.path}.journal`;
    let journal;
    try {
      journal = this.journalTakenIn ? undefined : await readOldJournal(journalPath);
    } catch (error) {
      if (!(error instanceof OldJournalError)) throw new Error(`HelpdeskFile.open(): cannot read the journal "${journalPath}": ${(error as Error).message}`);
      throw new Error(`HelpdeskFile.open(): the journal "${journalPath}" of the store file "${this.path}" is damaged (${error.message}). ${damageAdvice(this.path)}`);
    }
    this.low.data = emptyData();
    try {
      await this.low.read();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code) throw new Error(`HelpdeskFile.open(): cannot read the store file "${this.path}": ${(error as Error).message}`);
      const what = error instanceof SyntaxError ? 'is not valid JSON' : 'is not a helpdesk store';
      throw new Error(`HelpdeskFile.open(): the store file "${this.path}" ${what} (${(error as Error).message}): it is damaged. ${damageAdvice(this.path)}`);
    }
    const data = this.low.data as unknown as Record<string, unknown>;
    const storeFileId = data.storeFileId;
    delete data.storeFileId;
    if (journal) {
      if (!(await continuesStoreFile(journal, this.path, storeFileId))) {
        throw new Error(
          `HelpdeskFile.open(): "${journalPath}", the journal of an older version, does not continue the store file "${this.path}": ` +
            `the store file was restored without it, or written after it. Nothing was changed. If "${this.path}" is the store as the bot last wrote it, ` +
            `move the journal aside; if you restored it from a backup, put back the journal that was copied with it, or move the journal aside to start from the backup alone.`,
        );
      }
      try {
        replay(data, journal.entries);
      } catch (error) {
        throw new Error(`HelpdeskFile.open(): the journal "${journalPath}" of the store file "${this.path}" is damaged (${(error as Error).message}). ${damageAdvice(this.path)}`);
      }
      this.oldJournal = journalPath;
    }
    const problem = problemOf(data);
    if (problem) throw new Error(`HelpdeskFile.open(): the store file "${this.path}" is not a helpdesk store (${problem}): it is damaged. ${damageAdvice(this.path)}`);
  }
}
