/**
 * The HelpdeskRecords contract (recordsConformance.ts) on both backends, in every run: the embedded file and
 * PostgreSQL. Then what only PostgreSQL has: several instances on one database, and job rounds claimed once
 * among them (HelpdeskStore.claimJobRound).
 */
import { describe, expect, it } from '@jest/globals';
import type { HelpdeskStore } from '../../data/helpdeskStore.js';
import { openRestartableStore, openTestStore, withTwoInstances, type StoreKind } from '../helpers/storeUnderTest.js';
import { answer, assignIfFree, describeRecordsConformance, draft, type RecordsUnderTest } from './recordsConformance.js';

/** A new store of `kind`, opened as the bot opens it. */
async function openRecords(kind: StoreKind): Promise<RecordsUnderTest> {
  const { part, reopen, cleanup } = await openRestartableStore(kind, (store) => store.records);
  return { records: part, reopen, cleanup };
}

describeRecordsConformance('HelpdeskFileRecords', () => openRecords('file'));

describeRecordsConformance('PostgresRecords', () => openRecords('postgres'));

describe('PostgresRecords on two instances (two pools on one database)', () => {
  it('assigns a ticket that agents on both instances take at once to exactly one of them, every time', () =>
    withTwoInstances(async (first, second) => {
      for (let round = 1; round <= 10; round++) {
        const ticket = await (round % 2 ? first : second).records.createTicket(draft(`user-${round}`));
        expect(ticket.id).toBe(`HD-${1000 + round}`);
        const agents = [
          { store: first, agent: 'agent-ann' },
          { store: second, agent: 'agent-bob' },
          { store: first, agent: 'agent-cy' },
          { store: second, agent: 'agent-dee' },
        ];

        const results = await Promise.all(agents.map(({ store, agent }) => store.records.updateTicket(ticket.id, assignIfFree(agent))));

        const assignee = (await second.records.findTicket(ticket.id))?.assignee?.userId;
        expect(agents.map(({ agent }) => agent)).toContain(assignee);
        expect(results).toEqual(agents.map(() => assignee));
        expect(await first.records.findTicket(ticket.id)).toEqual(await second.records.findTicket(ticket.id));
      }
    }));

  it('numbers tickets created on both instances at once without a gap or a twin', () =>
    withTwoInstances(async (first, second) => {
      const created = await Promise.all(Array.from({ length: 40 }, (_, index) => (index % 2 ? first : second).records.createTicket(draft(`user-${index}`))));

      expect(created.map((ticket) => ticket.id).sort()).toEqual(Array.from({ length: 40 }, (_, index) => `HD-${1001 + index}`));
      expect((await first.records.listTickets()).map((ticket) => ticket.id)).toEqual((await second.records.listTickets()).map((ticket) => ticket.id));
    }));

  it('rates an answer once when the ratings arrive on both instances', () =>
    withTwoInstances(async (first, second) => {
      await first.records.recordAnswer(answer('a1'));
      const rate = (store: HelpdeskStore, helpful: boolean) =>
        store.records.updateAnswer('a1', (current) => (current.helpful === undefined ? { answer: { ...current, helpful }, result: 'rated' } : { result: 'already' }));

      const results = await Promise.all([rate(first, true), rate(second, false), rate(second, true), rate(first, false)]);

      expect([...results].sort()).toEqual(['already', 'already', 'already', 'rated']);
      expect(await first.records.findAnswer('a1')).toEqual(await second.records.findAnswer('a1'));
    }));

  it('lets one instance remove the old transcripts, and the other then finds none left', () =>
    withTwoInstances(async (first, second) => {
      for (let index = 0; index < 5; index++) await first.records.createTicket(draft(`user-${index}`, '2026-01-01T10:00:00.000Z'));
      const before = new Date('2026-02-01T00:00:00.000Z');
      const now = new Date('2026-03-01T00:00:00.000Z');

      const counts = await Promise.all([first.records.removeTranscriptsBefore(before, now), second.records.removeTranscriptsBefore(before, now)]);

      expect(counts[0]! + counts[1]!).toBe(5);
    }));
});

describe('HelpdeskStore.claimJobRound', () => {
  it('gives every round to the file store: it is the only process on its file', async () => {
    const { store, cleanup } = await openTestStore('file');
    try {
      for (let round = 0; round < 3; round++) expect(await store.claimJobRound('retention', 1)).toBe(true);
      expect(await store.claimJobRound('takeover-recheck', 3600)).toBe(true);
    } finally {
      await cleanup();
    }
  });

  it('gives a PostgreSQL round to one claim, on either instance, until (most of) the interval has passed', () =>
    withTwoInstances(async (first, second) => {
      expect(await first.claimJobRound('retention', 1)).toBe(true);
      expect(await first.claimJobRound('retention', 1)).toBe(false);
      expect(await second.claimJobRound('retention', 1)).toBe(false);
      // Another job has rounds of its own.
      expect(await second.claimJobRound('takeover-recheck', 1)).toBe(true);

      await new Promise((resolve) => setTimeout(resolve, 1100));

      const claims = await Promise.all([first.claimJobRound('retention', 1), second.claimJobRound('retention', 1), first.claimJobRound('retention', 1)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await second.claimJobRound('retention', 1)).toBe(false);
    }));

  it('gives a PostgreSQL round to exactly one of many claims made at once', () =>
    withTwoInstances(async (first, second) => {
      const claims = await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 ? first : second).claimJobRound('retention', 60)));

      expect(claims.filter(Boolean)).toHaveLength(1);
    }));
});
