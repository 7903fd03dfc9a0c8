/**
 * CONVERSATION_TTL_DAYS: the retention job's round drops conversation state nobody wrote for that long, on the file
 * and on PostgreSQL, and keeps each user's own state. The stores and the job run on one clock the test turns.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../bot/app/config.js';
import { createLogger } from '../../../bot/app/logger.js';
import { startTranscriptRetention, type TranscriptRetention } from '../../../bot/jobs/transcriptRetention.js';
import type { HelpdeskStore } from '../../../data/helpdeskStore.js';
import { openHelpdeskStore } from '../../../data/openHelpdeskStore.js';
import { createTestStoreLocation, type StoreKind, type TestStoreLocation } from '../../helpers/storeUnderTest.js';

const DAY = 86_400_000;
const T0 = new Date('2026-11-01T09:00:00.000Z');
const after = (days: number) => new Date(T0.getTime() + days * DAY);

/** What a person's turn leaves in state, as botbuilder keys it: their flow in the conversation, the conversation's, their own. */
const keysOf = (conversation: string, user: string) => ({
  flow: `msteams/conversations/${conversation}/users/${user}`,
  conversation: `msteams/conversations/${conversation}`,
  user: `msteams/users/${user}`,
});

describe.each<StoreKind>(['file', 'postgres'])('idle conversations expire (%s store)', (kind) => {
  let clock: Date;
  let location: TestStoreLocation;
  let store: HelpdeskStore;
  let logLines: string[];
  const jobs: TranscriptRetention[] = [];

  const open = () => openHelpdeskStore(location.settings, 'a test', { now: () => clock });

  beforeEach(async () => {
    clock = T0;
    logLines = [];
    location = await createTestStoreLocation(kind);
    store = await open();
  });

  afterEach(async () => {
    await Promise.all(jobs.splice(0).map((job) => job.stop()));
    await store.close();
    await location.remove();
  });

  function startJob(): TranscriptRetention {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const job = startTranscriptRetention({
      records: store.records,
      retentionDays: 90,
      conversations: store,
      conversationTtlDays: 30,
      now: () => clock,
      intervalSeconds: 3600,
      logger: createLogger('info', sink),
    });
    jobs.push(job);
    return job;
  }

  async function turn(conversation: string, user: string): Promise<void> {
    const keys = keysOf(conversation, user);
    await store.storage.write({ [keys.flow]: { dialogState: { step: 1 } }, [keys.conversation]: { seen: true }, [keys.user]: { profile: { language: 'nl', orgType: 'school' } } });
  }

  async function present(...keys: string[]): Promise<string[]> {
    return Object.keys(await store.storage.read(keys)).sort();
  }

  it('drops the state of conversations idle for the TTL in the job round, keeps user state and active conversations, also after a restart', async () => {
    const old = keysOf('old', 'ann');
    const active = keysOf('active', 'bob');
    await turn('old', 'ann');
    clock = after(20);
    await turn('active', 'bob');

    clock = after(30.01);
    const job = startJob();
    await job.runOnce();

    expect(await present(...Object.values(old), ...Object.values(active))).toEqual([active.conversation, active.flow, active.user, old.user].sort());
    expect((await store.storage.read([old.user]))[old.user]).toEqual({ profile: { language: 'nl', orgType: 'school' }, eTag: expect.any(String) });
    expect(logLines.map((line) => JSON.parse(line) as { msg: string; dropped?: number }).filter((line) => line.msg === 'state of idle conversations dropped')).toEqual([
      expect.objectContaining({ dropped: 2, conversationTtlDays: 30 }),
    ]);

    // A restart keeps what the round did; the next round, past the TTL of the other conversation, drops it too.
    await job.stop();
    await store.close();
    store = await open();
    expect(await present(old.flow, old.conversation)).toEqual([]);
    clock = after(50.01);
    await startJob().runOnce();
    expect(await present(...Object.values(old), ...Object.values(active))).toEqual([active.user, old.user].sort());
  });

  it('keeps a conversation written again within the TTL, however old it is', async () => {
    const keys = keysOf('long', 'cem');
    await turn('long', 'cem');
    clock = after(25);
    await turn('long', 'cem');

    clock = after(45);
    await startJob().runOnce();

    expect(await present(...Object.values(keys))).toEqual(Object.values(keys).sort());
  });
});

describe('idle conversations in a store file an older version wrote (no write times)', () => {
  it('counts them as idle from the first round that sees them, not as idle forever', async () => {
    const location = await createTestStoreLocation('file');
    const keys = keysOf('legacy', 'dee');
    const item = { eTag: 'e1', json: '{"dialogState":{}}' };
    await writeFile(location.settings.dbFile, JSON.stringify({ state: { [keys.flow]: item, [keys.user]: item } }));
    let clock = T0;
    const store = await openHelpdeskStore(location.settings, 'a test', { now: () => clock });
    try {
      expect(await store.forgetIdleConversations(after(-1))).toBe(0);
      clock = after(29);
      expect(await store.forgetIdleConversations(after(-1))).toBe(0);
      expect(await store.forgetIdleConversations(after(1))).toBe(1);
      expect(Object.keys(await store.storage.read([keys.flow, keys.user]))).toEqual([keys.user]);
    } finally {
      await store.close();
      await location.remove();
    }
  });
});

describe('CONVERSATION_TTL_DAYS', () => {
  it('is 30 days unless set, and refuses what is not a whole number of days from 1 to 3650', () => {
    expect(loadConfig({}).conversationTtlDays).toBe(30);
    expect(loadConfig({ CONVERSATION_TTL_DAYS: '7' }).conversationTtlDays).toBe(7);
    for (const bad of ['0', '1.5', 'soon', '4000']) {
      expect(() => loadConfig({ CONVERSATION_TTL_DAYS: bad })).toThrow(`CONVERSATION_TTL_DAYS="${bad}" must be a whole number of days from 1 to 3650`);
    }
  });
});
