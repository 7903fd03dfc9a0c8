import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { createLogger } from '../../../bot/app/logger.js';
import { startTranscriptRetention, type TranscriptRetention } from '../../../bot/jobs/transcriptRetention.js';
import { HelpdeskFile } from '../../../data/file/helpdeskFile.js';
import { HelpdeskFileRecords } from '../../../data/file/helpdeskFileRecords.js';
import type { HelpdeskRecords } from '../../../services/ports/helpdeskRecords.js';
import type { Ticket } from '../../../services/models/ticket.js';
import { useTempStore } from '../../helpers/tempStore.js';

const SECRET = 'Purple Walrus 7731';
const DAY = 86_400_000;
const NOW = new Date('2026-11-20T12:00:00.000Z');

function ticketDraft(createdAt: string): Omit<Ticket, 'id'> {
  return {
    requester: { userId: 'user-1', conversation: {}, language: 'en' },
    question: `Who is my admin? ${SECRET}`,
    transcript: [{ from: 'user', text: `My password is ${SECRET}`, at: createdAt }],
    status: 'open',
    createdAt,
  };
}

/** Days before NOW, as a ticket's createdAt. */
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

describe('startTranscriptRetention', () => {
  const store = useTempStore('transcript-retention-');
  let records: HelpdeskFileRecords;
  let clock: Date;
  let logLines: string[];
  const started: TranscriptRetention[] = [];

  beforeEach(async () => {
    records = new HelpdeskFileRecords(store.file);
    clock = NOW;
    logLines = [];
    await records.createTicket(ticketDraft(daysAgo(200))); // HD-1001
    await records.createTicket(ticketDraft(daysAgo(90.5))); // HD-1002
    await records.createTicket(ticketDraft(daysAgo(89.5))); // HD-1003
    await records.createTicket(ticketDraft(daysAgo(1))); // HD-1004
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((job) => job.stop()));
    jest.useRealTimers();
  });

  function start(over: Pick<HelpdeskRecords, 'removeTranscriptsBefore'> = records, intervalSeconds?: number): TranscriptRetention {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const job = startTranscriptRetention({ records: over, retentionDays: 90, now: () => clock, intervalSeconds, logger: createLogger('debug', sink) });
    started.push(job);
    return job;
  }

  async function transcriptsOf(source: HelpdeskFileRecords = records) {
    return Object.fromEntries((await source.listTickets()).map((ticket) => [ticket.id, { lines: ticket.transcript.length, removedAt: ticket.transcriptRemovedAt }]));
  }

  it('removes, at start, the transcripts of tickets older than the retention and keeps the newer ones', async () => {
    const job = start();
    await job.stop();

    expect(await transcriptsOf()).toEqual({
      'HD-1001': { lines: 0, removedAt: NOW.toISOString() },
      'HD-1002': { lines: 0, removedAt: NOW.toISOString() },
      'HD-1003': { lines: 1, removedAt: undefined },
      'HD-1004': { lines: 1, removedAt: undefined },
    });
    const kept = await records.findTicket('HD-1001');
    expect(kept?.question).toContain('Who is my admin?');
    expect(kept?.status).toBe('open');
  });

  it('logs how many transcripts it removed, and never their text', async () => {
    await start().stop();

    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toEqual([expect.objectContaining({ msg: 'ticket transcripts past retention removed', removed: 2, retentionDays: 90 })]);
    expect(logLines.join('\n')).not.toContain(SECRET);
  });

  it('is idempotent: a second round removes nothing and keeps the first removal time', async () => {
    const job = start();
    await job.runOnce();
    const afterFirst = await transcriptsOf();

    clock = new Date(NOW.getTime() + 60_000);
    expect(await job.runOnce()).toBe(0);
    expect(await job.runOnce()).toBe(0);
    expect(await transcriptsOf()).toEqual(afterFirst);
  });

  it('removes a transcript once its ticket passes the retention', async () => {
    const job = start();
    await job.runOnce();

    clock = new Date(NOW.getTime() + 1 * DAY);
    expect(await job.runOnce()).toBe(1);
    expect((await transcriptsOf())['HD-1003']).toEqual({ lines: 0, removedAt: clock.toISOString() });
    expect((await transcriptsOf())['HD-1004']).toEqual({ lines: 1, removedAt: undefined });
  });

  it('keeps the removal after a restart', async () => {
    await start().stop();
    await store.file.flush();

    const reopened = new HelpdeskFileRecords(await HelpdeskFile.open(store.path));
    const expected = {
      'HD-1001': { lines: 0, removedAt: NOW.toISOString() },
      'HD-1002': { lines: 0, removedAt: NOW.toISOString() },
      'HD-1003': { lines: 1, removedAt: undefined },
      'HD-1004': { lines: 1, removedAt: undefined },
    };
    expect(await transcriptsOf(reopened)).toEqual(expected);
    expect((await readFile(store.path, 'utf8')).match(/My password is/g)).toHaveLength(2);

    clock = new Date(NOW.getTime() + 60_000);
    const restarted = start(reopened);
    expect(await restarted.runOnce()).toBe(0);
    expect(await transcriptsOf(reopened)).toEqual(expected);
  });

  it('runs again every intervalSeconds (an hour by default)', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const job = start();
    await job.runOnce();

    clock = new Date(NOW.getTime() + 1 * DAY);
    jest.advanceTimersByTime(3_599_000);
    expect((await transcriptsOf())['HD-1003']?.lines).toBe(1);
    jest.advanceTimersByTime(1_000);
    await job.stop();

    expect((await transcriptsOf())['HD-1003']).toEqual({ lines: 0, removedAt: clock.toISOString() });
  });

  it('never runs two rounds at once', async () => {
    let active = 0;
    let mostAtOnce = 0;
    const counting: Pick<HelpdeskRecords, 'removeTranscriptsBefore'> = {
      removeTranscriptsBefore: async (before, now) => {
        active += 1;
        mostAtOnce = Math.max(mostAtOnce, active);
        try {
          await new Promise((resolve) => setTimeout(resolve, 10));
          return await records.removeTranscriptsBefore(before, now);
        } finally {
          active -= 1;
        }
      },
    };
    const job = start(counting);

    const counts = await Promise.all([job.runOnce(), job.runOnce(), job.runOnce()]);

    expect(counts).toEqual([0, 0, 0]);
    expect(mostAtOnce).toBe(1);
  });

  it('logs a failed round, reports it to whoever asked for it, and still runs the next one', async () => {
    let failures = 2;
    const flaky: Pick<HelpdeskRecords, 'removeTranscriptsBefore'> = {
      removeTranscriptsBefore: async (before, now) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('disk full');
        }
        return records.removeTranscriptsBefore(before, now);
      },
    };
    const job = start(flaky); // its first round, at start, fails; so does the next

    await expect(job.runOnce()).rejects.toThrow('disk full');
    expect(await job.runOnce()).toBe(2);
    expect(logLines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual([
      'ticket transcript retention round failed; the next round tries again',
      'ticket transcript retention round failed; the next round tries again',
      'ticket transcripts past retention removed',
    ]);
  });
});
