/**
 * A look-up index from string keys to record positions, keyed by a 32-bit hash of the key.
 * @remarks Numbers as map keys cost a few bytes each, where 100,000 key strings would cost megabytes; the
 * price is a rare collision, which the caller settles by checking the record it finds (PackedList.find).
 * Positions under one hash are kept in ascending order, so a look-up returns records in section order.
 */
export class HashIndex {
  private readonly entries = new Map<number, number | number[]>();

  add(key: string, position: number): void {
    const hash = hashOf(key);
    const current = this.entries.get(hash);
    if (current === undefined) {
      this.entries.set(hash, position);
    } else if (typeof current === 'number') {
      if (current !== position) this.entries.set(hash, current < position ? [current, position] : [position, current]);
    } else {
      insertSorted(current, position);
    }
  }

  remove(key: string, position: number): void {
    const hash = hashOf(key);
    const current = this.entries.get(hash);
    if (current === undefined) return;
    if (typeof current === 'number') {
      if (current === position) this.entries.delete(hash);
      return;
    }
    const at = current.indexOf(position);
    if (at !== -1) current.splice(at, 1);
    if (current.length === 1) this.entries.set(hash, current[0]!);
  }

  /** Candidate positions for `key`, ascending (they may include other keys with the same hash). */
  positions(key: string): readonly number[] {
    const current = this.entries.get(hashOf(key));
    if (current === undefined) return [];
    return typeof current === 'number' ? [current] : current;
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
