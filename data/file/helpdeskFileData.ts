/**
 * The embedded store's data in memory: what `HelpdeskFile.data` is, and what an update changed.
 * @remarks Records of the list sections (organizations, members, audit, ...) and state items are not kept as
 * objects, nor as text once they are on the disk: the store keeps where their JSON text is, in the store file
 * or in the journal, and reads it back when asked (data/recordSlots.ts). 100,000 organizations and as many
 * conversations then cost the heap a number each, and the garbage collector has nothing to step over.
 * The list sections are still arrays to their readers: `data.organizations` is a proxy that parses on
 * access and hands out frozen records, so a change made in place (which would never reach the file) fails
 * loudly instead. Inside an update every write goes through the proxies, which note what changed (for the
 * journal), how to undo it (for a change that throws), and keep the look-up indexes current.
 */
import type { AuditEntry, Member } from '../../services/ports/directory.js';
import type { Organization } from '../../services/models/organization.js';
import type { TakeoverRequest } from '../../services/models/takeoverRequest.js';
import type { AnswerRecord, Ticket } from '../../services/models/ticket.js';
import { HashIndex } from './hashIndex.js';
import { journalSlot, RecordFiles, type Slot } from './recordSlots.js';
import type { StoreFileLines } from './storeFileLines.js';

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

/** The store file's top-level key for HelpdeskMemory.storeFileId. */
export const STORE_FILE_ID_KEY = 'storeFileId';

export const LIST_SECTIONS = ['organizations', 'members', 'audit', 'takeovers', 'answers', 'tickets'] as const;
export type ListSection = (typeof LIST_SECTIONS)[number];
type RecordOf<S extends ListSection> = HelpdeskData[S][number];

const strings = (...values: unknown[]): string[] => values.filter((value): value is string => typeof value === 'string');

/** The look-ups the store answers without scanning a section: index name -> the keys a record is found by. */
const INDEXES: { [S in ListSection]: Record<string, (record: RecordOf<S>) => string[]> } = {
  organizations: {
    id: (org) => strings(org.id),
    domain: (org) => (Array.isArray(org.domains) ? strings(...org.domains) : []),
    tenantId: (org) => strings(org.tenantId),
    /** Admins by lower-case email and by user id (Directory.organizationsAdministeredBy). */
    admin: (org) => (Array.isArray(org.admins) ? org.admins.flatMap((admin) => strings(admin?.email?.toLowerCase(), admin?.userId)) : []),
  },
  members: { email: (member) => strings(member.email), orgId: (member) => strings(member.orgId) },
  audit: {},
  takeovers: { id: (request) => strings(request.id), domain: (request) => strings(request.domain) },
  answers: { id: (answer) => strings(answer.id) },
  tickets: { id: (ticket) => strings(ticket.id), userId: (ticket) => strings(ticket.requester?.userId) },
};

export type IndexName<S extends ListSection> = keyof (typeof INDEXES)[S] & string;

/** Freezes a parsed value and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function recordText(section: string, value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`HelpdeskFile: a record of "${section}" must be an object`);
  }
  return text;
}

const isIndex = (prop: string | symbol): boolean => typeof prop === 'string' && /^(0|[1-9]\d*)$/.test(prop);

/** What one update changed, and how to undo it. */
interface Changes {
  values: Set<string>;
  stateKeys: Set<string>;
  stateWhole: boolean;
  lists: Map<ListSection, Set<number> | 'whole'>;
  undo: (() => void)[];
}

/** One list section: where its records are, the array view over them, and their indexes. */
export class PackedList<S extends ListSection = ListSection> {
  readonly slots: Slot[] = [];
  readonly view: RecordOf<S>[];
  private readonly indexes = new Map<string, HashIndex>();
  private indexesStale = true;
  /** What a record of this section is called in an error. */
  private readonly what: string;

  constructor(
    readonly name: S,
    private readonly memory: HelpdeskMemory,
  ) {
    this.view = new Proxy(this.slots, this.traps()) as unknown as RecordOf<S>[];
    this.what = `a record of "${name}"`;
  }

  get length(): number {
    return this.slots.length;
  }

  /** The JSON text of the record at `position`. */
  text(position: number): string | undefined {
    return this.textOf(this.slots[position]);
  }

  /** The record at `position`, parsed (a new object the caller owns). */
  at(position: number): RecordOf<S> | undefined {
    const text = this.text(position);
    return text === undefined ? undefined : (JSON.parse(text) as RecordOf<S>);
  }

  /** Every record's JSON text, in order (undefined for a gap). */
  *texts(): Generator<string | undefined> {
    for (let position = 0; position < this.slots.length; position++) yield this.text(position);
  }

  /** Whether an update left a gap in the section. */
  hasGaps(): boolean {
    return this.slots.includes(undefined);
  }

  /** Every record is now at these offsets of a new store file (in section order). */
  movedToStoreFile(offsets: readonly number[]): void {
    for (let position = 0; position < offsets.length; position++) this.slots[position] = offsets[position];
  }

  private textOf(slot: Slot): string | undefined {
    return this.memory.files.text(slot, this.what);
  }

  /** Positions of the records whose `index` keys include `key`, in section order. */
  find(index: IndexName<S>, key: string): { position: number; record: RecordOf<S> }[] {
    const keysOf = INDEXES[this.name][index] as (record: RecordOf<S>) => string[];
    const found: { position: number; record: RecordOf<S> }[] = [];
    for (const position of this.index(index).positions(key)) {
      const record = this.at(position)!;
      // The index goes by a hash of the key: a record under the same hash with another key is not a match.
      if (keysOf(record).includes(key)) found.push({ position, record });
    }
    return found;
  }

  /** Sets one record outside an update (replaying the journal); indexes are rebuilt on next use. */
  replay(position: number, text: string): void {
    this.slots[position] = text;
    this.indexesStale = true;
  }

  /** Replaces every record (loading, replaying a whole section); indexes are rebuilt on next use. */
  load(slots: readonly Slot[]): void {
    this.slots.length = 0;
    for (const slot of slots) this.slots.push(slot);
    this.indexesStale = true;
  }

  /** Empties the section for loading it record by record (`loadPacked`), indexing as it goes. */
  startLoading(): void {
    this.slots.length = 0;
    this.rebuildIndexes();
  }

  /**
   * Appends a record while loading: where it is (the offset of its line in the store file being read, or its
   * text) and the record parsed (to check and index it).
   */
  loadPacked(slot: string | number, record: unknown): void {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new TypeError(`HelpdeskFile: a record of "${this.name}" must be an object`);
    const position = this.slots.length;
    this.slots.push(slot);
    this.indexRecord(record as RecordOf<S>, position, 1);
  }

  /** Builds the indexes now if they are to be rebuilt, rather than on the first look-up (a turn). */
  ensureIndexes(): void {
    if (this.indexesStale) this.rebuildIndexes();
  }

  private index(name: string): HashIndex {
    this.ensureIndexes();
    return this.indexes.get(name)!;
  }

  private rebuildIndexes(): void {
    this.indexes.clear();
    const definitions = Object.entries(INDEXES[this.name]) as [string, (record: RecordOf<S>) => string[]][];
    for (const [name] of definitions) this.indexes.set(name, new HashIndex());
    this.indexesStale = false;
    if (definitions.length > 0) {
      for (let position = 0; position < this.slots.length; position++) this.indexRecord(this.at(position)!, position, 1);
    }
  }

  /** Adds (`sign` 1) or removes (-1) a record's keys at `position`. */
  private indexRecord(record: RecordOf<S> | undefined, position: number, sign: 1 | -1): void {
    if (record === undefined || this.indexesStale) return;
    for (const [name, keysOf] of Object.entries(INDEXES[this.name]) as [string, (record: RecordOf<S>) => string[]][]) {
      const index = this.indexes.get(name)!;
      for (const key of new Set(keysOf(record))) {
        if (sign === 1) index.add(key, position);
        else index.remove(key, position);
      }
    }
  }

  /** Marks the whole section changed in this update, keeping its records for an undo; indexes are rebuilt on next use. */
  replaceAll(changes: Changes): void {
    if (changes.lists.get(this.name) !== 'whole') {
      const saved = this.slots.slice();
      changes.undo.push(() => this.load(saved));
      changes.lists.set(this.name, 'whole');
    }
    this.indexesStale = true;
  }

  private put(position: number, value: unknown): void {
    const changes = this.memory.changing(this.name);
    const text = recordText(this.name, value);
    const old = this.slots[position];
    const oldText = this.textOf(old);
    if (oldText === text) return;
    // Parsed only to keep the indexes current: a section without indexes, or with indexes to rebuild anyway, skips it.
    const indexed = !this.indexesStale && Object.keys(INDEXES[this.name]).length > 0;
    const oldRecord = indexed && oldText !== undefined ? (JSON.parse(oldText) as RecordOf<S>) : undefined;
    const newRecord = indexed ? (JSON.parse(text) as RecordOf<S>) : undefined;
    this.indexRecord(oldRecord, position, -1);
    this.slots[position] = text;
    this.indexRecord(newRecord, position, 1);
    changes.undo.push(() => {
      this.indexRecord(newRecord, position, -1);
      if (old === undefined) this.slots.length = position;
      else this.slots[position] = old;
      this.indexRecord(oldRecord, position, 1);
    });
    const touched = changes.lists.get(this.name);
    if (touched === undefined) changes.lists.set(this.name, new Set([position]));
    else if (touched !== 'whole') touched.add(position);
  }

  private traps(): ProxyHandler<Slot[]> {
    const read = (target: Slot[], position: number) => {
      const text = this.textOf(target[position]);
      return text === undefined ? undefined : deepFreeze(JSON.parse(text));
    };
    return {
      get: (target, prop, receiver) => (isIndex(prop) ? read(target, Number(prop)) : Reflect.get(target, prop, receiver)),
      getOwnPropertyDescriptor: (target, prop) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target, prop);
        if (descriptor && isIndex(prop)) descriptor.value = read(target, Number(prop));
        return descriptor;
      },
      set: (target, prop, value) => {
        if (isIndex(prop)) {
          const position = Number(prop);
          if (position > target.length) throw new TypeError(`HelpdeskFile: "${this.name}" cannot have gaps (index ${position}, length ${target.length})`);
          this.put(position, value);
          return true;
        }
        if (prop === 'length') {
          const length = Number(value);
          if (!Number.isInteger(length) || length < 0) throw new RangeError(`HelpdeskFile: invalid length ${String(value)} for "${this.name}"`);
          if (length === target.length) return true;
          if (length > target.length) throw new TypeError(`HelpdeskFile: "${this.name}" cannot have gaps (length ${length} > ${target.length})`);
          this.replaceAll(this.memory.changing(this.name));
          target.length = length;
          return true;
        }
        throw new TypeError(`HelpdeskFile: cannot set "${String(prop)}" on "${this.name}"`);
      },
      deleteProperty: (target, prop) => {
        if (!isIndex(prop)) throw new TypeError(`HelpdeskFile: cannot delete "${String(prop)}" from "${this.name}"`);
        this.replaceAll(this.memory.changing(this.name));
        // Array methods that remove records (splice, shift) delete the last index and then shorten the array.
        delete target[Number(prop)];
        return true;
      },
      defineProperty: (_target, prop, descriptor) => {
        if (isIndex(prop) && 'value' in descriptor) {
          (this.view as unknown[])[Number(prop)] = descriptor.value;
          return true;
        }
        throw new TypeError(`HelpdeskFile: cannot define "${String(prop)}" on "${this.name}"`);
      },
    };
  }
}

/** Where the texts an update wrote are in its journal entry: byte offsets and lengths within the entry. */
export interface EntryPlacements {
  records: { section: ListSection; position: number; start: number; length: number; text: string }[];
  state: { key: string; start: number; length: number; text: string }[];
}

/** Where a new store file has every record and state item (byte offsets of their texts). */
export interface StoreFileOffsets {
  lists: Map<ListSection, number[]>;
  state: Map<string, number>;
}

/** The whole store in memory; `root` is what `HelpdeskFile.data` and update callbacks see. */
export class HelpdeskMemory {
  /** State items by key: where each item's JSON text (`{"eTag":...,"json":...}`) is. */
  readonly state = new Map<string, Slot>();
  readonly lists: { [S in ListSection]: PackedList<S> };
  /** ticketSequence, and any top-level value this version does not know (kept as it was). */
  readonly values = new Map<string, unknown>([['ticketSequence', 0]]);
  /**
   * The id the store file was last written with (STORE_FILE_ID_KEY, not part of the data): the journal names
   * it, so a journal goes with its store file wherever both are copied, and with no other.
   */
  storeFileId: string | undefined;
  /** The store file and journal that slots point into. */
  readonly files = new RecordFiles();
  readonly root: HelpdeskData;
  private readonly stateView: Record<string, StoredStateItem>;
  private current: Changes | undefined;

  constructor() {
    this.lists = Object.fromEntries(LIST_SECTIONS.map((name) => [name, new PackedList(name, this)])) as HelpdeskMemory['lists'];
    this.stateView = new Proxy(Object.create(null) as Record<string, StoredStateItem>, this.stateTraps());
    this.root = new Proxy({} as HelpdeskData, this.rootTraps());
  }

  /** The JSON text of the state item under `key`. */
  stateText(key: string): string | undefined {
    return this.files.text(this.state.get(key), 'a state item');
  }

  /** The state item under `key`, parsed and frozen. */
  stateItem(key: string): StoredStateItem | undefined {
    const text = this.stateText(key);
    return text === undefined ? undefined : deepFreeze(JSON.parse(text) as StoredStateItem);
  }

  /**
   * Adds a state item while loading a store file: the item parsed (to check it), and the offset of its text in
   * the file (undefined: its text is kept in memory).
   */
  loadStateItem(key: string, offset: number | undefined, item: unknown): void {
    if (!isStateItem(item)) throw new Error(`state item "${key}" has no eTag and json`);
    this.state.set(key, offset ?? stateItemText(item));
  }

  /**
   * Switches to a new store file that holds everything: every record and state item is read from it from now
   * on. The old file's descriptor is closed; nothing reads it any more.
   */
  useStoreFile(file: StoreFileLines, offsets: StoreFileOffsets): void {
    for (const [name, sectionOffsets] of offsets.lists) this.lists[name].movedToStoreFile(sectionOffsets);
    for (const [key, offset] of offsets.state) this.state.set(key, offset);
    const old = this.files.storeFile;
    this.files.storeFile = file;
    if (old !== file) old?.release();
  }

  /**
   * The update whose entry starts at byte `entryOffset` of the journal is written: the texts it wrote are read
   * from there from now on, unless a later change replaced them already.
   */
  movedToJournal(entryOffset: number, placements: EntryPlacements): void {
    for (const { section, position, start, length, text } of placements.records) {
      const list = this.lists[section];
      if (list.slots[position] === text) list.slots[position] = journalSlot(entryOffset + start, length, text);
    }
    for (const { key, start, length, text } of placements.state) {
      if (this.state.get(key) === text) this.state.set(key, journalSlot(entryOffset + start, length, text));
    }
  }

  /** Closes the store file's descriptor (a flushed or discarded store); a later read opens the file again. */
  releaseStoreFile(): void {
    this.files.storeFile?.release();
  }

  /** The update's change log; writes outside an update are refused (they would never reach the file). */
  changing(what: string): Changes {
    if (!this.current) throw new TypeError(`HelpdeskFile: "${what}" can only change inside HelpdeskFile.update()`);
    return this.current;
  }

  begin(): void {
    this.current = { values: new Set(), stateKeys: new Set(), stateWhole: false, lists: new Map(), undo: [] };
  }

  /** Undoes everything the running update changed. */
  rollback(): void {
    const changes = this.current;
    this.current = undefined;
    if (!changes) return;
    for (let i = changes.undo.length - 1; i >= 0; i--) changes.undo[i]!();
  }

  /**
   * Ends the update and returns its journal entry: one JSON array of operations, or undefined when nothing
   * changed. Operations: ["set", name, value] (a top-level value or a whole section), ["put", section,
   * index, record], ["state", key, item], ["unset", key]. Each sets something to its final value, so
   * applying an entry twice gives the same data as applying it once. `placements` says where in the entry
   * the texts of records and state items are (movedToJournal).
   */
  commit(): { entry: string | undefined; undo: () => void; placements: EntryPlacements } {
    const changes = this.changing('commit');
    this.current = undefined;
    const undo = () => {
      for (let i = changes.undo.length - 1; i >= 0; i--) changes.undo[i]!();
    };
    const placements: EntryPlacements = { records: [], state: [] };
    const ops: string[] = [];
    /** Byte offset in the entry of the next operation: after "[" and the operations and commas before it. */
    let opStart = 1;
    const push = (op: string) => {
      ops.push(op);
      opStart += Buffer.byteLength(op, 'utf8') + 1;
    };
    /** Adds an operation ending in `text`, and returns where `text` is in the entry. */
    const pushEndingIn = (prefix: string, text: string): { start: number; length: number; text: string } => {
      const start = opStart + Buffer.byteLength(prefix, 'utf8');
      push(`${prefix}${text}]`);
      return { start, length: Buffer.byteLength(text, 'utf8'), text };
    };
    for (const name of changes.values) push(`["set",${JSON.stringify(name)},${JSON.stringify(this.values.get(name) ?? null)}]`);
    if (changes.stateWhole) {
      push(`["set","state",{${[...this.state.keys()].map((key) => `${JSON.stringify(key)}:${this.stateText(key)!}`).join(',')}}]`);
    } else {
      for (const key of changes.stateKeys) {
        const text = this.stateText(key);
        if (text === undefined) push(`["unset",${JSON.stringify(key)}]`);
        else placements.state.push({ key, ...pushEndingIn(`["state",${JSON.stringify(key)},`, text) });
      }
    }
    for (const [name, touched] of changes.lists) {
      const list = this.lists[name];
      if (touched === 'whole') {
        if (list.hasGaps()) {
          undo();
          throw new TypeError(`HelpdeskFile: "${name}" cannot have gaps`);
        }
        push(`["set",${JSON.stringify(name)},[${[...list.texts()].join(',')}]]`);
      } else {
        for (const position of [...touched].sort((a, b) => a - b)) {
          placements.records.push({ section: name, position, ...pushEndingIn(`["put",${JSON.stringify(name)},${position},`, list.text(position)!) });
        }
      }
    }
    return { entry: ops.length === 0 ? undefined : `[${ops.join(',')}]`, undo, placements };
  }

  /** Applies one journal entry (replay at open). */
  apply(entry: unknown): void {
    if (!Array.isArray(entry)) throw new Error('the entry is not a list of operations');
    for (const op of entry as unknown[]) {
      if (!Array.isArray(op)) throw new Error('an operation is not a list');
      const [kind, name, a, b] = op as [unknown, unknown, unknown, unknown];
      if (kind === 'set' && typeof name === 'string') this.setValue(name, a);
      else if (kind === 'put' && isListSection(name) && Number.isInteger(a) && (a as number) >= 0 && (a as number) <= this.lists[name].length) {
        this.lists[name].replay(a as number, recordText(name, b));
      } else if (kind === 'state' && typeof name === 'string' && isStateItem(a)) this.state.set(name, stateItemText(a));
      else if (kind === 'unset' && typeof name === 'string') this.state.delete(name);
      else throw new Error(`unknown operation ${JSON.stringify(op).slice(0, 80)}`);
    }
  }

  /** Sets a top-level value outside an update (loading a snapshot, replaying). */
  setValue(name: string, value: unknown): void {
    if (isListSection(name)) {
      if (!Array.isArray(value)) throw new Error(`"${name}" is not a list`);
      this.lists[name].load(value.map((record) => recordText(name, record)));
    } else if (name === 'state') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('"state" is not an object');
      const items = Object.entries(value);
      for (const [key, item] of items) if (!isStateItem(item)) throw new Error(`state item "${key}" has no eTag and json`);
      this.state.clear();
      for (const [key, item] of items) this.state.set(key, stateItemText(item as StoredStateItem));
    } else if (name === 'ticketSequence') {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('"ticketSequence" is not a number');
      this.values.set(name, value);
    } else {
      this.values.set(name, deepFreeze(value));
    }
  }

  /** `data.state`: reads parse the item's text; writes and deletes go into the update's change log. */
  private stateTraps(): ProxyHandler<Record<string, StoredStateItem>> {
    const change = (key: string, slot: Slot) => {
      const changes = this.changing('state');
      const old = this.state.get(key);
      const had = this.state.has(key);
      if (slot === undefined) this.state.delete(key);
      else this.state.set(key, slot);
      changes.undo.push(() => {
        if (had) this.state.set(key, old);
        else this.state.delete(key);
      });
      changes.stateKeys.add(key);
    };
    return {
      get: (_target, key) => (typeof key === 'string' ? this.stateItem(key) : undefined),
      has: (_target, key) => typeof key === 'string' && this.state.has(key),
      ownKeys: () => [...this.state.keys()],
      getOwnPropertyDescriptor: (_target, key) =>
        typeof key === 'string' && this.state.has(key) ? { value: this.stateItem(key), writable: true, enumerable: true, configurable: true } : undefined,
      set: (_target, key, value) => {
        if (typeof key !== 'string') throw new TypeError('HelpdeskFile: state keys are strings');
        if (!isStateItem(value)) throw new TypeError(`HelpdeskFile: state item "${key}" must have a string eTag and json`);
        change(key, stateItemText(value));
        return true;
      },
      deleteProperty: (_target, key) => {
        if (typeof key === 'string' && this.state.has(key)) change(key, undefined);
        return true;
      },
      defineProperty: () => {
        throw new TypeError('HelpdeskFile: set state items by assignment');
      },
    };
  }

  private rootTraps(): ProxyHandler<HelpdeskData> {
    const has = (name: string | symbol) => typeof name === 'string' && (name === 'state' || isListSection(name) || this.values.has(name));
    const get = (name: string | symbol): unknown => {
      if (typeof name !== 'string') return undefined;
      if (name === 'state') return this.stateView;
      if (isListSection(name)) return this.lists[name].view;
      return this.values.get(name);
    };
    return {
      get: (_target, name) => get(name),
      has: (_target, name) => has(name),
      ownKeys: () => ['state', ...LIST_SECTIONS, ...this.values.keys()],
      getOwnPropertyDescriptor: (_target, name) => (has(name) ? { value: get(name), writable: true, enumerable: true, configurable: true } : undefined),
      set: (_target, name, value) => {
        if (typeof name !== 'string') throw new TypeError('HelpdeskFile: data keys are strings');
        const changes = this.changing(name);
        if (isListSection(name)) {
          if (!Array.isArray(value)) throw new TypeError(`HelpdeskFile: "${name}" must be an array`);
          const texts = (value as unknown[]).map((record) => recordText(name, record));
          this.lists[name].replaceAll(changes);
          this.lists[name].load(texts);
        } else if (name === 'state') {
          const saved = new Map(this.state);
          this.setValue('state', value);
          changes.undo.push(() => {
            this.state.clear();
            for (const [key, slot] of saved) this.state.set(key, slot);
          });
          changes.stateWhole = true;
        } else {
          const had = this.values.has(name);
          const old = this.values.get(name);
          changes.undo.push(() => (had ? this.values.set(name, old) : this.values.delete(name)));
          this.setValue(name, value);
          changes.values.add(name);
        }
        return true;
      },
      deleteProperty: (_target, name) => {
        throw new TypeError(`HelpdeskFile: cannot delete "${String(name)}" from the store`);
      },
      defineProperty: (_target, name) => {
        throw new TypeError(`HelpdeskFile: set "${String(name)}" by assignment`);
      },
    };
  }
}

/** A state item's JSON text: its eTag and json only, whatever else the object carried. */
function stateItemText(item: StoredStateItem): string {
  return JSON.stringify({ eTag: item.eTag, json: item.json });
}

export function isListSection(name: unknown): name is ListSection {
  return typeof name === 'string' && (LIST_SECTIONS as readonly string[]).includes(name);
}

function isStateItem(value: unknown): value is StoredStateItem {
  return value !== null && typeof value === 'object' && typeof (value as StoredStateItem).eTag === 'string' && typeof (value as StoredStateItem).json === 'string';
}
