import { it, expect } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockStore } from '../../data/storeLock.js';
it('probe race', async () => {
  let both = 0;
  for (let i = 0; i < 50; i++) {
    const dir = await mkdtemp(join(tmpdir(), 'lockprobe-'));
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, n) => lockStore(join(dir, 's.json'), String(n))));
    if (results.filter((r) => r.status === 'fulfilled').length > 1) both++;
  }
  console.log('both got the lock in', both, 'of 50');
  expect(true).toBe(true);
});
