/** The conversations' recent lines behave the same in memory (file store) and in PostgreSQL. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TranscriptWindows } from '../../services/ports/transcriptWindows.js';
import { openTestStore, type OpenedTestStore, type StoreKind } from '../helpers/storeUnderTest.js';

const line = (text: string) => ({ from: 'user' as const, text, at: '2026-11-22T09:00:00.000Z' });

describe.each<StoreKind>(['file', 'postgres'])('transcript windows (%s store)', (kind) => {
  let opened: OpenedTestStore;
  let windows: TranscriptWindows;
  beforeEach(async () => {
    opened = await openTestStore(kind);
    windows = opened.store.transcriptWindows;
  });
  afterEach(async () => {
    await opened.cleanup();
  });

  it('gives an empty window for a conversation it never saw', async () => {
    expect(await windows.get('msteams/unknown')).toEqual([]);
  });

  it('keeps each conversation apart and replaces a window on set', async () => {
    await windows.set('msteams/a', [line('hello')]);
    await windows.set('msteams/b', [line('hallo')]);
    await windows.set('msteams/a', [line('hello'), line('my password')]);
    expect(await windows.get('msteams/a')).toEqual([line('hello'), line('my password')]);
    expect(await windows.get('msteams/b')).toEqual([line('hallo')]);
  });

  it('keeps text the way it was typed, NUL and emoji included', async () => {
    const odd = [line('a\u0000b 🎉 \u202etxt')];
    await windows.set('msteams/odd', odd);
    expect(await windows.get('msteams/odd')).toEqual(odd);
  });

  it('deletes a window', async () => {
    await windows.set('msteams/a', [line('hello')]);
    await windows.delete('msteams/a');
    expect(await windows.get('msteams/a')).toEqual([]);
  });

  it('forgets the windows idle since before a moment, and only those', async () => {
    await windows.set('msteams/old', [line('old')]);
    await sleep(50);
    const cut = new Date();
    await sleep(50);
    await windows.set('msteams/new', [line('new')]);
    expect(await windows.forgetIdleBefore(cut)).toBe(1);
    expect(await windows.get('msteams/old')).toEqual([]);
    expect(await windows.get('msteams/new')).toEqual([line('new')]);
    expect(await windows.forgetIdleBefore(cut)).toBe(0);
  });
});
