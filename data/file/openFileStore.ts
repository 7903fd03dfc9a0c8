/** The embedded store: one locked JSON file (DB_FILE), for one process. */
import { stat } from 'node:fs/promises';
import { isConversationKey, type HelpdeskStore, type StoreOptions } from '../helpdeskStore.js';
import type { FileOps } from './durableFile.js';
import { MemoryTranscriptWindows } from './memoryTranscriptWindows.js';
import { HelpdeskFile } from './helpdeskFile.js';
import { HelpdeskFileDirectory } from './helpdeskFileDirectory.js';
import { HelpdeskFileRecords } from './helpdeskFileRecords.js';
import { HelpdeskFileStorage } from './helpdeskFileStorage.js';
import { lockStore } from './storeLock.js';

export interface FileStoreOptions extends StoreOptions {
  /** The file-system calls of a write (tests inject failures). */
  ops?: FileOps;
}

/**
 * The store file size up to which the embedded store keeps up with a busy helpdesk: every change rewrites the
 * whole file, so each one costs more as it grows. Measured with `npm run bench` (README, "Speed"); past it the
 * bot says at start that PostgreSQL is the place for this store.
 */
export const COMFORTABLE_STORE_BYTES = 4 * 2 ** 20;

/** How long a failed write keeps the health check from trying a write again. */
const RETRY_AFTER_MS = 1000;

export async function openFileStore(path: string, purpose: string, options: FileStoreOptions = {}): Promise<HelpdeskStore> {
  // Refuses to start on a store another process (a second bot, an import) is writing: by its real file.
  const lock = await lockStore(path, purpose);
  let file: HelpdeskFile;
  try {
    file = await HelpdeskFile.open(lock.path, { ops: options.ops });
    // A store an older version left with its journal: written whole now, once, and the journal goes.
    if (file.holdsOldJournal) await file.update(() => undefined);
  } catch (error) {
    await lock.release();
    throw error;
  }
  await noticeSize(file, options);
  const storage = new HelpdeskFileStorage(file, options.now);

  // While the store cannot write (a full disk), the health check tries a write now and then: when space is back,
  // the store says so by itself, before any turn has to find out.
  let retry: Promise<boolean> | undefined;
  let triedAt = 0;
  const writableAgain = (): Promise<boolean> => {
    if (retry) return retry;
    if (Date.now() - triedAt < RETRY_AFTER_MS) return Promise.resolve(false);
    triedAt = Date.now();
    retry = file
      .update(() => undefined)
      .then(
        () => true,
        () => false,
      )
      .finally(() => (retry = undefined));
    return retry;
  };

  return {
    kind: 'file',
    storage,
    directory: new HelpdeskFileDirectory(file),
    records: new HelpdeskFileRecords(file),
    // One process: memory is enough, and keeps conversation lines off the disk.
    transcriptWindows: new MemoryTranscriptWindows(),
    forgetIdleConversations: (before) => storage.forgetIdleConversations(before),
    // The lock makes this the only process on the file: every round is this one's.
    claimJobRound: async () => true,
    reachable: async () => file.writable || writableAgain(),
    close: async () => {
      await file.flush();
      await lock.release();
    },
  };
}

/** Tells the operator, once at start, when the store has outgrown the embedded file. */
async function noticeSize(file: HelpdeskFile, { onNotice }: StoreOptions): Promise<void> {
  const bytes = (await stat(file.path).catch(() => undefined))?.size ?? 0;
  if (!onNotice || bytes <= COMFORTABLE_STORE_BYTES) return;
  const organizations = file.data.organizations.length;
  const conversations = Object.keys(file.data.state).filter(isConversationKey).length;
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  onNotice(
    `The store file "${file.path}" is ${mb(bytes)} (${organizations} organizations, ${conversations} conversations): past the ${mb(COMFORTABLE_STORE_BYTES)} ` +
      'up to which the embedded store keeps up, as every change rewrites the whole file. Move it to PostgreSQL: set DATABASE_URL and run ' +
      `npm run db:import-file -- "${file.path}" (README, "PostgreSQL and several instances").`,
    { storeFile: file.path, bytes, organizations, conversations, comfortableBytes: COMFORTABLE_STORE_BYTES },
  );
}
