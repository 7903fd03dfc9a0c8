/**
 * The embedded store's data in memory: what `HelpdeskFile.data` is, and what an update changed.
 * @remarks Records of the list sections (organizations, members, audit, ...) are kept as their JSON text, one
 * string per record, and parsed when read: 100,000 organizations take a third of the memory they take as
 * objects, and the garbage collector has strings to step over instead of millions of objects. The sections
 * are still arrays to their readers: `data.organizations` is a proxy that parses on access and hands out
 * frozen records, so a change made in place (which would never reach the file) fails loudly instead.
 * Inside an update every write goes through the proxies, which note what changed (for the journal), how to
 * undo it (for a change that throws), and keep the look-up indexes current.
 */
import type { AuditEntry, Member } from '../services/directory.js';
import type { Organization } from '../services/organization.js';
import type { TakeoverRequest } from '../services/takeoverRequest.js';
import type { AnswerRecord, Ticket } from '../services/ticket.js';
import { HashIndex } from './hashIndex.js';

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

/** One list section: the records' JSON texts, the array view over them, and their indexes. */
export class PackedList<S extends ListSection = ListSection> {
  readonly texts: string[] = [];
  readonly view: RecordOf<S>[];
  private readonly indexes = new Map<string, HashIndex>();
  private indexesStale = true;

  constructor(
    readonly name: S,
    private readonly memory: HelpdeskMemory,
  ) {
    this.view = new Proxy(this.texts, this.traps()) as unknown as RecordOf<S>[];
  }

  /** The record at `position`, parsed (a new object the caller owns). */
  at(position: number): RecordOf<S> | undefined {
    const text = this.texts[position];
    return text === undefined ? undefined : (JSON.parse(text) as RecordOf<S>);
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
    this.texts[position] = text;
    this.indexesStale = true;
  }

  /** Replaces every record (loading, replaying a whole section); indexes are rebuilt on next use. */
  load(texts: string[]): void {
    this.texts.length = 0;
    for (const text of texts) this.texts.push(text);
    this.indexesStale = true;
  }

  /** Empties the section for loading it record by record (`loadPacked`), indexing as it goes. */
  startLoading(): void {
    this.texts.length = 0;
    this.rebuildIndexes();
  }

  /** Appends a record while loading, given as its JSON text and that text parsed (to check and index it). */
  loadPacked(text: string, record: unknown): void {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new TypeError(`HelpdeskFile: a record of "${this.name}" must be an object`);
    const position = this.texts.length;
    this.texts.push(text);
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
      for (let position = 0; position < this.texts.length; position++) this.indexRecord(this.at(position)!, position, 1);
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
      const saved = this.texts.slice();
      changes.undo.push(() => this.load(saved));
      changes.lists.set(this.name, 'whole');
    }
    this.indexesStale = true;
  }

  private put(position: number, value: unknown): void {
    const changes = this.memory.changing(this.name);
    const text = recordText(this.name, value);
    const old = this.texts[position];
    if (old === text) return;
    // Parsed only to keep the indexes current: a section without indexes, or with indexes to rebuild anyway, skips it.
    const indexed = !this.indexesStale && Object.keys(INDEXES[this.name]).length > 0;
    const oldRecord = indexed && old !== undefined ? (JSON.parse(old) as RecordOf<S>) : undefined;
    const newRecord = indexed ? (JSON.parse(text) as RecordOf<S>) : undefined;
    this.indexRecord(oldRecord, position, -1);
    this.texts[position] = text;
    this.indexRecord(newRecord, position, 1);
    changes.undo.push(() => {
      this.indexRecord(newRecord, position, -1);
      if (old === undefined) this.texts.length = position;
      else this.texts[position] = old;
      this.indexRecord(oldRecord, position, 1);
    });
    const touched = changes.lists.get(this.name);
    if (touched === undefined) changes.lists.set(this.name, new Set([position]));
    else if (touched !== 'whole') touched.add(position);
  }

  private traps(): ProxyHandler<string[]> {
    const read = (target: string[], position: number) => {
      const text = target[position];
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

/** The whole store in memory; `root` is what `HelpdeskFile.data` and update callbacks see. */
export class HelpdeskMemory {
  readonly state: Record<string, StoredStateItem> = Object.create(null) as Record<string, StoredStateItem>;
  readonly lists: { [S in ListSection]: PackedList<S> };
  /** ticketSequence, and any top-level value this version does not know (kept as it was). */
  readonly values = new Map<string, unknown>([['ticketSequence', 0]]);
  /**
   * The id the store file was last written with (STORE_FILE_ID_KEY, not part of the data): the journal names
   * it, so a journal goes with its store file wherever both are copied, and with no other.
   */
  storeFileId: string | undefined;
  readonly root: HelpdeskData;
  private readonly stateView: Record<string, StoredStateItem>;
  private current: Changes | undefined;

  constructor() {
    this.lists = Object.fromEntries(LIST_SECTIONS.map((name) => [name, new PackedList(name, this)])) as HelpdeskMemory['lists'];
    this.stateView = new Proxy(this.state, this.stateTraps());
    this.root = new Proxy({} as HelpdeskData, this.rootTraps());
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
   * applying an entry twice gives the same data as applying it once.
   */
  commit(): { entry: string | undefined; undo: () => void } {
    const changes = this.changing('commit');
    this.current = undefined;
    const undo = () => {
      for (let i = changes.undo.length - 1; i >= 0; i--) changes.undo[i]!();
    };
    const ops: string[] = [];
    for (const name of changes.values) ops.push(`["set",${JSON.stringify(name)},${JSON.stringify(this.values.get(name) ?? null)}]`);
    if (changes.stateWhole) {
      ops.push(`["set","state",${JSON.stringify(this.state)}]`);
    } else {
      for (const key of changes.stateKeys) {
        const item = this.state[key];
        ops.push(item === undefined ? `["unset",${JSON.stringify(key)}]` : `["state",${JSON.stringify(key)},${JSON.stringify(item)}]`);
      }
    }
    for (const [name, touched] of changes.lists) {
      const texts = this.lists[name].texts;
      if (touched === 'whole') {
        if (texts.includes(undefined as unknown as string)) {
          undo();
          throw new TypeError(`HelpdeskFile: "${name}" cannot have gaps`);
        }
        ops.push(`["set",${JSON.stringify(name)},[${texts.join(',')}]]`);
      } else {
        for (const position of [...touched].sort((a, b) => a - b)) ops.push(`["put",${JSON.stringify(name)},${position},${texts[position]}]`);
      }
    }
    return { entry: ops.length === 0 ? undefined : `[${ops.join(',')}]`, undo };
  }

  /** Applies one journal entry (replay at open). */
  apply(entry: unknown): void {
    if (!Array.isArray(entry)) throw new Error('the entry is not a list of operations');
    for (const op of entry as unknown[]) {
      if (!Array.isArray(op)) throw new Error('an operation is not a list');
      const [kind, name, a, b] = op as [unknown, unknown, unknown, unknown];
      if (kind === 'set' && typeof name === 'string') this.setValue(name, a);
      else if (kind === 'put' && isListSection(name) && Number.isInteger(a) && (a as number) >= 0 && (a as number) <= this.lists[name].texts.length) {
        this.lists[name].replay(a as number, recordText(name, b));
      } else if (kind === 'state' && typeof name === 'string' && isStateItem(a)) this.state[name] = deepFreeze(a);
      else if (kind === 'unset' && typeof name === 'string') delete this.state[name];
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
      for (const key of Object.keys(this.state)) delete this.state[key];
      for (const [key, item] of Object.entries(value)) {
        if (!isStateItem(item)) throw new Error(`state item "${key}" has no eTag and json`);
        this.state[key] = deepFreeze(item);
      }
    } else if (name === 'ticketSequence') {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error('"ticketSequence" is not a number');
      this.values.set(name, value);
    } else {
      this.values.set(name, deepFreeze(value));
    }
  }

  private stateTraps(): ProxyHandler<Record<string, StoredStateItem>> {
    return {
      set: (target, key, value) => {
        if (typeof key !== 'string') throw new TypeError('HelpdeskFile: state keys are strings');
        if (!isStateItem(value)) throw new TypeError(`HelpdeskFile: state item "${key}" must have a string eTag and json`);
        const changes = this.changing('state');
        const had = Object.hasOwn(target, key);
        const old = target[key];
        target[key] = deepFreeze(value as StoredStateItem);
        changes.undo.push(() => {
          if (had) target[key] = old!;
          else delete target[key];
        });
        changes.stateKeys.add(key);
        return true;
      },
      deleteProperty: (target, key) => {
        if (typeof key !== 'string' || !Object.hasOwn(target, key)) return true;
        const changes = this.changing('state');
        const old = target[key]!;
        delete target[key];
        changes.undo.push(() => {
          target[key] = old;
        });
        changes.stateKeys.add(key);
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
          const saved = { ...this.state };
          changes.undo.push(() => this.setValue('state', saved));
          this.setValue('state', value);
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

export function isListSection(name: unknown): name is ListSection {
  return typeof name === 'string' && (LIST_SECTIONS as readonly string[]).includes(name);
}

function isStateItem(value: unknown): value is StoredStateItem {
  return value !== null && typeof value === 'object' && typeof (value as StoredStateItem).eTag === 'string' && typeof (value as StoredStateItem).json === 'string';
}
