/**
 * The journal of an older version of the store (DB_FILE.journal): what changed since its store file was written,
 * one JSON line per change after a header line naming that store file. This version keeps no journal; it reads
 * one once, when it opens a store an older version left, and writes the whole store (journal included) at its
 * first write.
 * @remarks A journal that does not continue the store file beside it (a store file restored without its journal,
 * or one written after the journal) is never dropped in silence: the open stops and says which files to look at.
 */
import { readFile, stat } from 'node:fs/promises';

/** Which store file a journal continues: the id written in it, or (older still) its inode, size and time. */
interface Continues {
  storeFileId?: string;
  ino?: string;
  size?: string;
  mtimeNs?: string;
}

export interface OldJournal {
  path: string;
  continues: Continues;
  /** The changes, in order: each a list of operations (see `replay`). */
  entries: unknown[];
}

export class OldJournalError extends Error {}

/** The journal at `path`, or undefined when there is none (or not even a whole header: nothing was journaled). */
export async function readOldJournal(path: string): Promise<OldJournal | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // What follows the last line break was being written when the writer stopped: its change never resolved.
  const lines = text.split('\n').slice(0, -1);
  const parse = (line: string): unknown => {
    try {
      return JSON.parse(line);
    } catch {
      return undefined;
    }
  };
  const header = lines.length > 0 ? (parse(lines[0]!) as { journal?: unknown; continues?: Continues } | undefined) : undefined;
  if (header?.journal !== 'helpdesk' || typeof header.continues !== 'object' || header.continues === null) {
    if (lines.length > 1) throw new OldJournalError('its first line is not a journal header');
    return undefined;
  }
  const entries: unknown[] = [];
  for (let i = 1; i < lines.length; i++) {
    const entry = parse(lines[i]!);
    if (entry !== undefined) entries.push(entry);
    // A last line cut off by a crash was never acknowledged; a bad line before it is damage.
    else if (i < lines.length - 1) throw new OldJournalError(`line ${i + 1} is not valid JSON`);
  }
  return { path, continues: header.continues, entries };
}

/** Whether `journal` continues the store file at `storePath` that holds `storeFileId`. */
export async function continuesStoreFile(journal: OldJournal, storePath: string, storeFileId: unknown): Promise<boolean> {
  const { continues } = journal;
  if (continues.storeFileId !== undefined && typeof storeFileId === 'string') return continues.storeFileId === storeFileId;
  try {
    const found = await stat(storePath, { bigint: true });
    return continues.ino === String(found.ino) && continues.size === String(found.size) && continues.mtimeNs === String(found.mtimeNs);
  } catch {
    return false;
  }
}

const LISTS = new Set(['organizations', 'members', 'audit', 'takeovers', 'answers', 'tickets']);

/**
 * Applies the journal's changes to the store's data. Operations: ["set", name, value] (a top-level value or a
 * whole section), ["put", section, index, record], ["state", key, item], ["unset", key].
 */
export function replay(data: Record<string, unknown>, entries: readonly unknown[]): void {
  entries.forEach((entry, n) => {
    if (!Array.isArray(entry)) throw new OldJournalError(`change ${n + 1} is not a list of operations`);
    for (const op of entry as unknown[]) {
      const [kind, name, a, b] = Array.isArray(op) ? (op as unknown[]) : [];
      const list = typeof name === 'string' && LISTS.has(name) ? (data[name] as unknown[]) : undefined;
      const state = data.state as Record<string, unknown>;
      if (kind === 'set' && typeof name === 'string') data[name] = a;
      else if (kind === 'put' && list && Number.isInteger(a) && (a as number) >= 0 && (a as number) <= list.length) list[a as number] = b;
      else if (kind === 'state' && typeof name === 'string') state[name] = a;
      else if (kind === 'unset' && typeof name === 'string') delete state[name];
      else throw new OldJournalError(`change ${n + 1} has an operation this version does not know: ${JSON.stringify(op).slice(0, 80)}`);
    }
  });
}
