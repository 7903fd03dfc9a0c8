/**
 * The embedded store: one JSON file (DB_FILE) holding bot state and the directory.
 * @remarks lowdb writes through steno (temp file + rename), so a write is atomic: a kill -9 leaves the
 * old or the new file, never half of one. Updates are queued so there is one writer at a time and a
 * caller's read-check-write cannot interleave with another's.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { AuditEntry, Member } from '../services/directory.js';
import type { Organization } from '../services/organization.js';
import type { TakeoverRequest } from '../services/takeoverRequest.js';
import type { AnswerRecord, Ticket } from '../services/ticket.js';

export interface StoredStateItem {
  eTag: string;
  /** The item as JSON text, so no caller can change what is stored by mutating what it read. */
  json: string;
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

function emptyData(): HelpdeskData {
  return { state: {}, organizations: [], members: [], audit: [], takeovers: [], answers: [], tickets: [], ticketSequence: 0 };
}

export class HelpdeskFile {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly db: Low<HelpdeskData>,
  ) {}

  /** Opens (or creates) the file; a file that does not parse stops here with its name in the error. */
  static async open(path: string): Promise<HelpdeskFile> {
    await mkdir(dirname(path), { recursive: true });
    const db = new Low<HelpdeskData>(new JSONFile<HelpdeskData>(path), emptyData());
    try {
      await db.read();
    } catch (error) {
      throw new Error(
        `HelpdeskFile.open(): the store file "${path}" is not valid JSON (${(error as Error).message}). ` +
          'Restore it from a backup or move it aside to start with an empty store.',
      );
    }
    db.data = HelpdeskFile.normalize(db.data);
    return new HelpdeskFile(path, db);
  }

  /** Fills missing sections; state keys come from clients, so the state map has no prototype to collide with. */
  private static normalize(data: Partial<HelpdeskData> | null): HelpdeskData {
    return {
      ...emptyData(),
      ...data,
      state: Object.assign(Object.create(null) as HelpdeskData['state'], data?.state ?? {}),
    };
  }

  /** The current data; callers must not mutate it outside `update`. */
  get data(): Readonly<HelpdeskData> {
    return this.db.data;
  }

  /**
   * Runs `change` alone (no other update in between) and writes the file before resolving.
   * If `change` throws, nothing is written, whatever it altered in memory is undone (the file holds
   * the last good state), and the error reaches the caller.
   */
  update<T>(change: (data: HelpdeskData) => T | Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      let result: T;
      try {
        result = await change(this.db.data);
      } catch (error) {
        await this.db.read();
        this.db.data = HelpdeskFile.normalize(this.db.data);
        throw error;
      }
      await this.db.write();
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every queued write has reached the disk. */
  async flush(): Promise<void> {
    await this.queue;
  }
}
