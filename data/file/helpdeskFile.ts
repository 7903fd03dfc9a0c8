/**
 * The embedded store: the store file (DB_FILE, a lowdb JSON file) holding bot state and the directory, and
 * its journal (DB_FILE + '.journal') holding what changed since the store file was written.
 * @remarks
 * - One writer queue: updates run one at a time, so a caller's read-check-write never interleaves with
 *   another's. An update that throws leaves nothing behind, in memory or on disk.
 * - A write's cost does not grow with the store: an update appends one line (what it changed) to the
 *   journal, and resolves once that line is on the disk (fdatasync; updates that arrive meanwhile share the
 *   next one). When the journal has grown as large as the store file, the store file is written anew
 *   (lowdb: a temporary file, synced, renamed over the old one) and the journal starts over. The store file
 *   it replaced stays as DB_FILE.bak, the last good copy that the advice for a damaged store points to.
 * - A store smaller than `rewriteBelowBytes` has no journal: the store file is written whole on each update,
 *   which is as cheap as a journal line at that size.
 * - Every update that resolved survives a kill -9 or a power cut. Opening replays the journal; a last line a
 *   crash cut off (its update never resolved) is dropped. A damaged store file or journal stops the open with
 *   an error naming the file: never an empty store in its place. Opening never writes, so reports can read
 *   the store while the bot runs.
 * - What is on the disk is not held in memory a second time: records and state items are read back from the
 *   store file or the journal when asked (data/recordSlots.ts), so memory does not grow with the store.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { HelpdeskMemory, type EntryPlacements, type HelpdeskData, type IndexName, type ListSection } from './helpdeskFileData.js';
import { identityOf, JournalDamagedError, journalContinues, JournalWriter, readJournal, sameIdentity, syncDirectory } from './helpdeskFileJournal.js';
import { lastGoodCopyPath, readSnapshot, writeSnapshot } from './helpdeskFileSnapshot.js';
import { dirname } from 'node:path';

export type { HelpdeskData, StoredStateItem } from './helpdeskFileData.js';

export interface HelpdeskFileOptions {
  /** Below this size (bytes) the store file is rewritten on every update and no journal is kept. Default 64 KiB. */
  rewriteBelowBytes?: number;
  /** A new store file is written when the journal grows past this many times the store file's size. Default 1. */
  compactRatio?: number;
}

type RecordOf<S extends ListSection> = HelpdeskData[S][number];

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  // Rejections reach whoever waits on the promise; nobody waiting is no reason to crash.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** What to do about a damaged store, said in every error that stops the open: the files are left as they are. */
function damageAdvice(path: string): string {
  const copy = lastGoodCopyPath(path);
  const lastGood = existsSync(copy) ? `"${copy}" (the store as it was before its last rewrite) or the last good copy from your backup` : 'the last good copy from your backup';
  return (
    `The bot stops instead of starting without its data; nothing was changed. To recover, put back ${lastGood} as "${path}" and remove "${path}.journal"; ` +
    `to start with an empty store instead, move "${path}" and "${path}.journal" aside.`
  );
}

export class HelpdeskFile {
  private queue: Promise<unknown> = Promise.resolve();
  /** Set when a write or sync failed: nothing more is accepted, as memory may now be ahead of the disk. */
  private failure: Error | undefined;
  private journal: JournalWriter | undefined;
  /** A journal read at open that continues the store file, not yet reopened for writing. */
  private journalToReopen: number | undefined;
  /** Whether this store appended changes to the journal that the store file does not hold yet. */
  private journalEntries = false;
  private readonly rewriteBelowBytes: number;
  private readonly compactRatio: number;
  /** After a failed fold of the journal into a new store file: the journal size at which to try again. */
  private retryCompactionAtBytes = 0;
  /** Everything written so far is durable once this resolves. */
  private durable: Promise<void> = Promise.resolve();
  private syncRunning = false;
  private nextSync: { batch: Deferred; run: () => Promise<void> } | undefined;

  private constructor(
    readonly path: string,
    private readonly memory: HelpdeskMemory,
    private snapshotBytes: number,
    journalBytes: number | undefined,
    options: HelpdeskFileOptions,
  ) {
    this.journalToReopen = journalBytes;
    this.rewriteBelowBytes = options.rewriteBelowBytes ?? 64 * 1024;
    this.compactRatio = options.compactRatio ?? 1;
  }

  private get journalPath(): string {
    return `${this.path}.journal`;
  }

  /** Opens (or creates) the store; a damaged store file or journal stops here with its name in the error. */
  static async open(path: string, options: HelpdeskFileOptions = {}): Promise<HelpdeskFile> {
    await mkdir(dirname(path), { recursive: true });
    const journalPath = `${path}.journal`;
    // The journal is read before the store file: if the bot replaces the store file in between, the newer
    // store file holds all of the journal read, and the journal is set aside as one that no longer applies.
    for (let attempt = 1; ; attempt++) {
      let journal;
      try {
        journal = await readJournal(journalPath);
      } catch (error) {
        if (error instanceof JournalDamagedError) {
          throw new Error(`HelpdeskFile.open(): the journal "${journalPath}" of the store file "${path}" is damaged (${error.message}). ${damageAdvice(path)}`);
        }
        throw new Error(`HelpdeskFile.open(): cannot read the journal "${journalPath}": ${(error as Error).message}`);
      }
      const before = await identityOf(path);
      let snapshot: HelpdeskMemory | undefined;
      try {
        snapshot = await readSnapshot(path);
      } catch (error) {
        if (!(error instanceof SyntaxError) && (error as NodeJS.ErrnoException).code) {
          throw new Error(`HelpdeskFile.open(): cannot read the store file "${path}": ${(error as Error).message}`);
        }
        const what = error instanceof SyntaxError ? 'is not valid JSON' : 'is not a helpdesk store';
        throw new Error(`HelpdeskFile.open(): the store file "${path}" ${what} (${(error as Error).message}): it is damaged. ${damageAdvice(path)}`);
      }
      const after = await identityOf(path);
      const unchanged = before === undefined ? after === undefined : sameIdentity(before, after);
      if (!unchanged) {
        snapshot?.releaseStoreFile();
        if (attempt < 5) continue;
        throw new Error(`HelpdeskFile.open(): the store file "${path}" kept changing while it was read`);
      }
      if (!after && journal.entries.length > 0) {
        snapshot?.releaseStoreFile();
        throw new Error(`HelpdeskFile.open(): the store file "${path}" is missing, but its journal "${journalPath}" is there. ${damageAdvice(path)}`);
      }
      const memory = snapshot ?? new HelpdeskMemory();
      const continues = journalContinues(journal.continues, after, memory.storeFileId);
      if (continues) {
        journal.entries.forEach((entry, i) => {
          try {
            memory.apply(entry);
          } catch (error) {
            memory.releaseStoreFile();
            throw new Error(`HelpdeskFile.open(): the journal "${journalPath}" of the store file "${path}" is damaged (entry ${i + 1}: ${(error as Error).message}). ${damageAdvice(path)}`);
          }
        });
      }
      // Indexes a replayed section needs are built now, not during the first turn.
      for (const list of Object.values(memory.lists)) list.ensureIndexes();
      return new HelpdeskFile(path, memory, Number(after?.size ?? 0), continues ? journal.validBytes : undefined, options);
    }
  }

  /** The current data; callers must not mutate it outside `update` (the store refuses it). */
  get data(): Readonly<HelpdeskData> {
    return this.memory.root;
  }

  /**
   * The records of `section` whose `index` keys include `key`, in section order, as copies the caller owns,
   * with their positions in the section.
   */
  find<S extends ListSection>(section: S, index: IndexName<S>, key: string): { position: number; record: RecordOf<S> }[] {
    return this.memory.lists[section].find(index, key);
  }

  /** Every record of `section`, in order, as copies the caller owns. */
  records<S extends ListSection>(section: S): RecordOf<S>[] {
    return Array.from(this.memory.lists[section].texts(), (text) => JSON.parse(text!) as RecordOf<S>);
  }

  /** How many records `section` holds. */
  count(section: ListSection): number {
    return this.memory.lists[section].length;
  }

  /**
   * Runs `change` alone (no other update in between) and resolves once what it changed is on the disk.
   * If `change` throws, whatever it altered is undone, nothing is written, and the error reaches the caller.
   */
  update<T>(change: (data: HelpdeskData) => T | Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.apply(change));
    this.queue = run.catch(() => undefined);
    return run.then(({ result, durable }) => durable.then(() => result));
  }

  /**
   * Resolves when every queued write has reached the disk, with the journal folded into the store file: the
   * store file alone then holds everything (a store is flushed when it is closed, and before its file is read).
   */
  flush(): Promise<void> {
    const flushed = this.queue.then(async () => {
      await this.settle();
      if (this.journalEntries) await this.compact({ keepJournal: false });
      this.useJournal(undefined);
      this.memory.releaseStoreFile();
    });
    this.queue = flushed.catch(() => undefined);
    return flushed;
  }

  /** Runs one change; resolves when it is written (the next may start), with a promise for when it is durable. */
  private async apply<T>(change: (data: HelpdeskData) => T | Promise<T>): Promise<{ result: T; durable: Promise<void> }> {
    if (this.failure) throw this.failure;
    this.memory.begin();
    let result: T;
    try {
      result = await change(this.memory.root);
    } catch (error) {
      this.memory.rollback();
      throw error;
    }
    const { entry, undo, placements } = this.memory.commit();
    // Nothing changed: done once what it may have read is durable.
    if (entry === undefined) return { result, durable: this.durable };
    try {
      const { durable } = await this.write(entry, placements);
      return { result, durable };
    } catch (error) {
      undo();
      throw error;
    }
  }

  /** Writes one update: a journal line, or the whole store file while it is small. */
  private async write(entry: string, placements: EntryPlacements): Promise<{ durable: Promise<void> }> {
    if (this.journal === undefined && this.journalToReopen !== undefined) {
      this.useJournal(JournalWriter.reopen(this.journalPath, this.journalToReopen));
      this.journalToReopen = undefined;
    }
    if (this.journal === undefined && this.snapshotBytes >= this.rewriteBelowBytes) {
      await this.settle();
      const identity = await identityOf(this.path);
      if (identity) this.useJournal(await JournalWriter.create(this.journalPath, { ...identity, storeFileId: this.memory.storeFileId }));
    }
    if (this.journal === undefined) {
      // Durable when written: the store file is synced before it replaces the old one.
      await this.writeSnapshot();
      return { durable: Promise.resolve() };
    }
    const journal = this.journal;
    const entryOffset = journal.bytes;
    journal.append(`${entry}\n`);
    this.journalEntries = true;
    // What the update wrote is read back from the journal from now on, rather than kept in memory twice.
    this.memory.movedToJournal(entryOffset, placements);
    const durable = this.requestSync(() => journal.sync());
    const threshold = Math.max(this.rewriteBelowBytes, this.compactRatio * this.snapshotBytes);
    if (journal.bytes > threshold && journal.bytes >= this.retryCompactionAtBytes) {
      // From here on the update stands: its line is in the journal, and a new store file holds it too.
      await durable;
      try {
        await this.compact({ keepJournal: true });
        this.retryCompactionAtBytes = 0;
      } catch {
        // A store file that could not be written (a full disk, say) changed nothing: the old store file and
        // the journal still hold everything, so appending goes on and the fold is tried again once the journal
        // has grown as much again. A failure after the new store file was in place set `failure` (compact).
        this.retryCompactionAtBytes = journal.bytes + threshold;
      }
      return { durable: Promise.resolve() };
    }
    return { durable };
  }

  /**
   * Writes the journal into a new store file, then starts the journal over, or removes it (a small store, a
   * flush). The journal goes only once the new store file is durable.
   */
  private async compact({ keepJournal }: { keepJournal: boolean }): Promise<void> {
    await this.settle();
    const before = await identityOf(this.path);
    try {
      await this.writeSnapshot();
    } catch (error) {
      // Failing before the new store file took the old one's place changed nothing; failing after it did (the
      // directory sync) leaves a journal that names the old one, as below.
      const after = await identityOf(this.path).catch(() => undefined);
      if (before === undefined || !sameIdentity(before, after)) this.failure = error as Error;
      throw error;
    }
    try {
      await this.startJournalOver(keepJournal);
    } catch (error) {
      // The new store file is in place but the journal may still name the old one: appending to it now could
      // write lines that the next open ignores, so nothing more is accepted.
      this.failure = error as Error;
      throw error;
    }
  }

  /** After a new store file: a journal that continues it, or none. */
  private async startJournalOver(keepJournal: boolean): Promise<void> {
    const identity = await identityOf(this.path);
    this.journalEntries = false;
    if (keepJournal && identity !== undefined && this.snapshotBytes >= this.rewriteBelowBytes) {
      const journal = this.journal ?? JournalWriter.reopen(this.journalPath, this.journalToReopen ?? 0);
      this.useJournal(journal);
      this.journalToReopen = undefined;
      // Nothing points into the journal any more: the new store file holds every record and state item.
      await journal.restart({ ...identity, storeFileId: this.memory.storeFileId });
      return;
    }
    this.useJournal(undefined);
    this.journalToReopen = undefined;
    await rm(this.journalPath, { force: true });
    await syncDirectory(this.journalPath);
  }

  /** Switches to `journal` (closing the one before): what updates write is read back from it. */
  private useJournal(journal: JournalWriter | undefined): void {
    if (this.journal !== journal) this.journal?.close();
    this.journal = journal;
    this.memory.files.journal = journal;
  }

  private async writeSnapshot(): Promise<void> {
    this.snapshotBytes = await writeSnapshot(this.path, this.memory);
  }

  /** Waits until everything written so far is durable; throws if that failed. */
  private async settle(): Promise<void> {
    await this.durable;
    if (this.failure) throw this.failure;
  }

  /**
   * Resolves once a sync that started after this call has finished: writes that arrive while a sync runs
   * share the next one. A failed sync fails every write waiting on it and every later one.
   */
  private requestSync(run: () => Promise<void>): Promise<void> {
    if (!this.nextSync) this.nextSync = { batch: deferred(), run };
    else this.nextSync.run = run;
    const { promise } = this.nextSync.batch;
    this.durable = promise;
    if (!this.syncRunning) void this.runSyncs();
    return promise;
  }

  private async runSyncs(): Promise<void> {
    this.syncRunning = true;
    while (this.nextSync) {
      const { batch, run } = this.nextSync;
      this.nextSync = undefined;
      if (this.failure) {
        batch.reject(this.failure);
        continue;
      }
      try {
        await run();
        batch.resolve();
      } catch (error) {
        this.failure = new Error(`HelpdeskFile: the store "${this.path}" could not be written to the disk (${(error as Error).message}); restart to continue from what is on the disk`);
        batch.reject(this.failure);
      }
    }
    this.syncRunning = false;
  }
}
