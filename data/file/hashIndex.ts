/**
 * A look-up index from string keys to record positions, keyed by a 32-bit hash of the key.
 * @remarks Numbers instead of key strings: 100,000 key strings would cost megabytes; the price is a rare
 * collision, which the caller settles by checking the record it finds (PackedList.find). The table is two
 * typed arrays (open addressing, linear probing), outside the JavaScript heap: a Map of 100,000 entries took
 * 3.5 MB of heap, which the heap's growth then multiplied, where these take 2 MB that do not grow with it.
 * A hash with one position (an id, a domain, an email) lives in the table alone; a hash with several (the
 * members of one organization) keeps them in a sorted list beside it, so a look-up returns records in
 * section order, and a big organization never makes the probe runs of other keys long.
 */

/** A free slot of the table. */
const EMPTY = -2;
/** The slot's positions are in `several`. */
const SEVERAL = -1;
const MAX_LOAD = 0.7;

export class HashIndex {
  private hashes = new Int32Array(16);
  /** Per slot: a position (>= 0), SEVERAL, or EMPTY. */
  private values = new Int32Array(16).fill(EMPTY);
  private used = 0;
  /** 32 minus the table size's power of two: how far a spread hash is shifted to give a slot. */
  private shift = 28;
  /** Positions of the hashes that have more than one, ascending. */
  private readonly several = new Map<number, number[]>();

  add(key: string, position: number): void {
    const hash = hashOf(key);
    let slot = this.slotOf(hash);
    if (slot === -1) {
      if (this.used + 1 > this.values.length * MAX_LOAD) this.resize(this.values.length * 2);
      slot = this.freeSlotFor(hash);
      this.hashes[slot] = hash;
      this.values[slot] = position;
      this.used += 1;
      return;
    }
    const current = this.values[slot]!;
    if (current === SEVERAL) {
      insertSorted(this.several.get(hash)!, position);
    } else if (current !== position) {
      this.several.set(hash, current < position ? [current, position] : [position, current]);
      this.values[slot] = SEVERAL;
    }
  }

  remove(key: string, position: number): void {
    const hash = hashOf(key);
    const slot = this.slotOf(hash);
    if (slot === -1) return;
    const current = this.values[slot]!;
    if (current === SEVERAL) {
      const list = this.several.get(hash)!;
      const at = list.indexOf(position);
      if (at !== -1) list.splice(at, 1);
      if (list.length === 1) {
        this.values[slot] = list[0]!;
        this.several.delete(hash);
      }
    } else if (current === position) {
      this.free(slot);
    }
  }

  /** Candidate positions for `key`, ascending (they may include other keys with the same hash). */
  positions(key: string): readonly number[] {
    const hash = hashOf(key);
    const slot = this.slotOf(hash);
    if (slot === -1) return [];
    const current = this.values[slot]!;
    return current === SEVERAL ? this.several.get(hash)! : [current];
  }

  private home(hash: number): number {
    // Fibonacci hashing spreads the bits of the hash over the table's size (a power of two).
    return Math.imul(hash, 0x9e3779b1) >>> this.shift;
  }

  /** The slot holding `hash`, or -1. */
  private slotOf(hash: number): number {
    const mask = this.values.length - 1;
    for (let slot = this.home(hash); ; slot = (slot + 1) & mask) {
      const value = this.values[slot]!;
      if (value === EMPTY) return -1;
      if (this.hashes[slot] === hash) return slot;
    }
  }

  private freeSlotFor(hash: number): number {
    const mask = this.values.length - 1;
    let slot = this.home(hash);
    while (this.values[slot] !== EMPTY) slot = (slot + 1) & mask;
    return slot;
  }

  /** Empties `slot`, moving back the entries after it whose probe run passes it, so no run is broken. */
  private free(slot: number): void {
    const mask = this.values.length - 1;
    this.values[slot] = EMPTY;
    this.used -= 1;
    let hole = slot;
    for (let next = (hole + 1) & mask; this.values[next] !== EMPTY; next = (next + 1) & mask) {
      const home = this.home(this.hashes[next]!);
      // The entry at `next` may fill the hole unless its home lies cyclically in (hole, next].
      const staysPut = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (staysPut) continue;
      this.hashes[hole] = this.hashes[next]!;
      this.values[hole] = this.values[next]!;
      this.values[next] = EMPTY;
      hole = next;
    }
  }

  private resize(size: number): void {
    const { hashes, values } = this;
    this.hashes = new Int32Array(size);
    this.values = new Int32Array(size).fill(EMPTY);
    this.shift = 32 - Math.log2(size);
    for (let slot = 0; slot < values.length; slot++) {
      if (values[slot] === EMPTY) continue;
      const free = this.freeSlotFor(hashes[slot]!);
      this.hashes[free] = hashes[slot]!;
      this.values[free] = values[slot]!;
    }
  }
}

function insertSorted(list: number[], position: number): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]! < position) low = middle + 1;
    else high = middle;
  }
  if (list[low] !== position) list.splice(low, 0, position);
}

/** FNV-1a over the UTF-16 code units, as a signed 32-bit integer (a small integer to V8: no allocation). */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
