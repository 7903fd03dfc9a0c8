/**
 * Where the embedded store keeps a record's (or a state item's) JSON text: in memory, or in one of its files.
 * @remarks Everything the store holds is written to the disk before an update resolves: to the journal, and
 * at the next fold to a new store file. Keeping a second copy of each text in memory made the bot's heap
 * grow with every organization and every conversation, so the store keeps where the text is instead:
 * - a string: the text itself (a record changed in an update that is not written yet, or read from a
 *   journal at open, or from a store file in another layout);
 * - a number >= 0: the byte offset of the text's line in the store file (StoreFileLines);
 * - a number < 0: the text's byte offset and length in the journal, both packed into one number.
 * A number costs the heap nothing beyond its array slot or map entry; reading a text back is one read from
 * the page cache.
 */
import type { StoreFileLines } from './storeFileLines.js';

export type Slot = string | number | undefined;

/** The journal, read back at a byte offset (JournalWriter). */
export interface JournalText {
  textAt(offset: number, length: number): string;
}

/** Texts longer than this stay in memory: the length has to fit beside the offset in one exact number. */
const LENGTH_LIMIT = 2 ** 24;

/** The slot of a text at `offset` in the journal, `length` bytes long; the text itself when that cannot be packed. */
export function journalSlot(offset: number, length: number, text: string): Slot {
  const packed = offset * LENGTH_LIMIT + length;
  if (length >= LENGTH_LIMIT || !Number.isSafeInteger(packed + 1)) return text;
  return -(packed + 1);
}

/** The files slots point into: the store file (while it is open) and the journal (while one is kept). */
export class RecordFiles {
  storeFile: StoreFileLines | undefined;
  journal: JournalText | undefined;

  /** The text a slot stands for; `what` names it in the error when its file is not open. */
  text(slot: Slot, what: string): string | undefined {
    if (typeof slot !== 'number') return slot;
    if (slot >= 0) {
      if (!this.storeFile) throw new Error(`HelpdeskFile: ${what} is in a store file that is not open`);
      return this.storeFile.lineAt(slot);
    }
    if (!this.journal) throw new Error(`HelpdeskFile: ${what} is in a journal that is not open`);
    const packed = -slot - 1;
    return this.journal.textAt(Math.floor(packed / LENGTH_LIMIT), packed % LENGTH_LIMIT);
  }
}
