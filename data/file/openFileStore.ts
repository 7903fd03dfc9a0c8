/** The embedded store: one locked JSON file (DB_FILE), for one process. */
import type { HelpdeskStore } from '../helpdeskStore.js';
import { MemoryTranscriptWindows } from './memoryTranscriptWindows.js';
import { HelpdeskFile } from './helpdeskFile.js';
import { HelpdeskFileDirectory } from './helpdeskFileDirectory.js';
import { HelpdeskFileRecords } from './helpdeskFileRecords.js';
import { HelpdeskFileStorage } from './helpdeskFileStorage.js';
import { lockStore } from './storeLock.js';

export async function openFileStore(path: string, purpose: string): Promise<HelpdeskStore> {
  // Refuses to start on a store another process (a second bot, an import) is writing.
  const lock = await lockStore(path, purpose);
  let file: HelpdeskFile;
  try {
    file = await HelpdeskFile.open(path);
  } catch (error) {
    await lock.release();
    throw error;
  }
  return {
    kind: 'file',
    storage: new HelpdeskFileStorage(file),
    directory: new HelpdeskFileDirectory(file),
    records: new HelpdeskFileRecords(file),
    // One process: memory is enough, and keeps conversation lines off the disk.
    transcriptWindows: new MemoryTranscriptWindows(),
    // The lock makes this the only process on the file: every round is this one's.
    claimJobRound: async () => true,
    reachable: async () => true,
    close: async () => {
      await file.flush();
      await lock.release();
    },
  };
}
