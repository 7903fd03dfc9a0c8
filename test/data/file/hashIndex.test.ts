/**
 * HashIndex against the simplest model of it (a Map from key to a sorted list of positions), through random
 * sequences of adds and removes that grow the table, empty it again, and give some keys many positions.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { HashIndex } from '../../../data/file/hashIndex.js';

class ModelIndex {
  private readonly entries = new Map<string, number[]>();
  add(key: string, position: number): void {
    const list = this.entries.get(key) ?? [];
    if (!list.includes(position)) list.push(position);
    this.entries.set(key, list.sort((a, b) => a - b));
  }
  remove(key: string, position: number): void {
    const list = (this.entries.get(key) ?? []).filter((candidate) => candidate !== position);
    if (list.length > 0) this.entries.set(key, list);
    else this.entries.delete(key);
  }
  positions(key: string): number[] {
    return this.entries.get(key) ?? [];
  }
}

type Step = { add: boolean; key: number; position: number };

describe('HashIndex', () => {
  it('answers as the model does through random adds and removes (fixed seed)', () => {
    // Few keys and positions, so the same key gets several positions and removes hit what was added.
    const step = fc.record({ add: fc.boolean(), key: fc.integer({ min: 0, max: 400 }), position: fc.integer({ min: 0, max: 40 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 2_000 }), (steps: Step[]) => {
        const index = new HashIndex();
        const model = new ModelIndex();
        for (const { add, key, position } of steps) {
          if (add) {
            index.add(`key-${key}`, position);
            model.add(`key-${key}`, position);
          } else {
            index.remove(`key-${key}`, position);
            model.remove(`key-${key}`, position);
          }
        }
        const keys = Array.from({ length: 401 }, (_, key) => `key-${key}`);
        expect(keys.map((key) => [...index.positions(key)])).toEqual(keys.map((key) => model.positions(key)));
      }),
      { seed: 20261205, numRuns: 60 },
    );
  });

  it('finds every key that is left while 20,000 keys are removed in random order', () => {
    const index = new HashIndex();
    const keys = Array.from({ length: 20_000 }, (_, n) => `user${n}@contoso.example`);
    keys.forEach((key, position) => index.add(key, position));
    expect(index.positions('user12345@contoso.example')).toEqual([12345]);

    // A fixed shuffle (a linear congruential generator), so a failure can be replayed.
    let seed = 42;
    const order = keys.map((key, position) => ({ key, position, sortKey: (seed = (seed * 1103515245 + 12345) % 2 ** 31) }));
    order.sort((a, b) => a.sortKey - b.sortKey);
    order.forEach(({ key, position }, removed) => {
      index.remove(key, position);
      if (index.positions(key).length > 0) throw new Error(`${key} is still found after its removal`);
      if (removed % 997 === 0) {
        const lost = order.slice(removed + 1).filter((left) => index.positions(left.key).join() !== String(left.position));
        expect(lost).toEqual([]);
      }
    });
  });

  it('keeps the positions of a key with many of them in ascending order, whatever order they came in', () => {
    const index = new HashIndex();
    const positions = Array.from({ length: 5_000 }, (_, n) => (n * 7919) % 5_000);
    for (const position of positions) index.add('org-big', position);
    index.add('org-small', 3);
    expect(index.positions('org-big')).toEqual([...positions].sort((a, b) => a - b));
    index.remove('org-big', 0);
    expect(index.positions('org-big')[0]).toBe(1);
    expect(index.positions('org-small')).toEqual([3]);
  });
});
