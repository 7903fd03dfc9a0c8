import { describe, expect, it } from '@jest/globals';
import { AnswerCache } from '../../../services/microsoft/answerCache.js';

describe('AnswerCache', () => {
  it('keeps an answer as long as it says, then asks again', async () => {
    let now = 0;
    let asked = 0;
    const cache = new AnswerCache(10, () => now);
    const ask = async () => ({ value: ++asked, keepMs: 1000 });

    await expect(cache.get('a', ask)).resolves.toBe(1);
    now = 999;
    await expect(cache.get('a', ask)).resolves.toBe(1);
    now = 1000;
    await expect(cache.get('a', ask)).resolves.toBe(2);
  });

  it('shares a question being asked, and keeps nothing when told 0', async () => {
    let asked = 0;
    let answer!: (value: { value: number; keepMs: number }) => void;
    const cache = new AnswerCache();
    const ask = () => {
      asked += 1;
      return new Promise<{ value: number; keepMs: number }>((resolve) => (answer = resolve));
    };

    const both = Promise.all([cache.get('a', ask), cache.get('a', ask)]);
    answer({ value: 7, keepMs: 0 });
    await expect(both).resolves.toEqual([7, 7]);
    expect(asked).toBe(1);
    expect(cache.size).toBe(0);
  });

  it('asks again when told to ask fresh, and keeps the new answer for the next question', async () => {
    let asked = 0;
    const cache = new AnswerCache();
    const ask = async () => ({ value: ++asked, keepMs: 60_000 });

    await expect(cache.get('a', ask)).resolves.toBe(1);
    await expect(cache.get('a', ask, true)).resolves.toBe(2);
    await expect(cache.get('a', ask)).resolves.toBe(2);
  });

  it('drops the oldest answers past its size', async () => {
    const cache = new AnswerCache(2);
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => ({ value: key, keepMs: 60_000 }));

    expect(cache.size).toBe(2);
    await expect(cache.get('a', async () => ({ value: 'asked again', keepMs: 60_000 }))).resolves.toBe('asked again');
    await expect(cache.get('c', async () => ({ value: 'asked again', keepMs: 60_000 }))).resolves.toBe('c');
  });

  it('does not keep a question that failed', async () => {
    const cache = new AnswerCache();

    await expect(cache.get('a', async () => Promise.reject(new Error('bug')))).rejects.toThrow('bug');
    await expect(cache.get('a', async () => ({ value: 1, keepMs: 1000 }))).resolves.toBe(1);
  });
});
