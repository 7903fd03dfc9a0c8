/**
 * One shared suite for the `HelpdeskRecords` contract (services/helpdeskRecords.ts): answers, feedback and
 * tickets. recordsConformance.test.ts runs it on every backend, the embedded file and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { HelpdeskRecords } from '../../services/ports/helpdeskRecords.js';
import type { AnswerRecord, Ticket } from '../../services/models/ticket.js';

export interface RecordsUnderTest {
  records: HelpdeskRecords;
  /** Lets go of the store and opens it again where it is (a restart); the records of the new one. */
  reopen(): Promise<HelpdeskRecords>;
  /** Closes the store and removes it. */
  cleanup(): Promise<void>;
}

export function answer(id: string, overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return { id, intent: 'whoIsMyAdmin', language: 'en', orgId: 'org-contoso', userId: 'user-kim', at: '2026-03-02T10:00:00.000Z', ...overrides };
}

export function draft(userId: string, createdAt = '2026-03-02T10:00:00.000Z', overrides: Partial<Omit<Ticket, 'id'>> = {}): Omit<Ticket, 'id'> {
  return {
    requester: { userId, name: `Name of ${userId}`, conversation: { id: `conversation-${userId}` }, language: 'en' },
    orgId: 'org-contoso',
    question: 'Who is my admin? — “Zoë” 日本語',
    transcript: [
      { from: 'user', text: 'who is my admin', at: createdAt },
      { from: 'bot', text: 'Megan Bowen', at: createdAt },
    ],
    status: 'open',
    createdAt,
    ...overrides,
  };
}

/** Assigns the ticket to `agent` only when nobody has it yet; says who has it afterwards. */
export function assignIfFree(agent: string): (ticket: Ticket) => { ticket: Ticket; result: string } | { result: string } {
  return (ticket) => {
    if (ticket.assignee) return { result: ticket.assignee.userId };
    return { ticket: { ...ticket, status: 'assigned', assignee: { userId: agent }, assignedAt: '2026-03-02T11:00:00.000Z' }, result: agent };
  };
}

export function describeRecordsConformance(name: string, open: () => Promise<RecordsUnderTest>): void {
  describe(`${name} (HelpdeskRecords contract)`, () => {
    // Filled in by beforeEach; `reopen` replaces `records` too.
    const store = {} as RecordsUnderTest;

    beforeEach(async () => {
      const subject = await open();
      store.records = subject.records;
      store.cleanup = () => subject.cleanup();
      store.reopen = async () => (store.records = await subject.reopen());
    });

    afterEach(async () => {
      await store.cleanup();
    });

    describe('answers', () => {
      it('finds a recorded answer by its id, and nothing for an unknown id', async () => {
        await store.records.recordAnswer(answer('a1'));
        await store.records.recordAnswer(answer('a2', { intent: 'signup', language: 'nl', orgId: undefined }));

        expect(await store.records.findAnswer('a1')).toEqual(answer('a1'));
        expect(await store.records.findAnswer('a2')).toEqual(answer('a2', { intent: 'signup', language: 'nl', orgId: undefined }));
        expect(await store.records.findAnswer('a3')).toBeUndefined();
      });

      it('lists the answers in the order they were recorded, also after a restart', async () => {
        for (const id of ['b', 'c', 'a']) await store.records.recordAnswer(answer(id));

        expect((await store.records.listAnswers()).map((a) => a.id)).toEqual(['b', 'c', 'a']);
        expect((await (await store.reopen()).listAnswers()).map((a) => a.id)).toEqual(['b', 'c', 'a']);
      });

      it('applies a change to an answer and returns its result', async () => {
        await store.records.recordAnswer(answer('a1'));

        const result = await store.records.updateAnswer('a1', (current) => ({ answer: { ...current, helpful: false, ticketId: 'HD-1001' }, result: 'rated' }));

        expect(result).toBe('rated');
        expect(await store.records.findAnswer('a1')).toEqual(answer('a1', { helpful: false, ticketId: 'HD-1001' }));
      });

      it('returns undefined for an unknown answer and calls no change', async () => {
        let called = false;

        const result = await store.records.updateAnswer('missing', (current) => {
          called = true;
          return { answer: current, result: 'changed' };
        });

        expect(result).toBeUndefined();
        expect(called).toBe(false);
        expect(await store.records.listAnswers()).toEqual([]);
      });

      it('writes nothing when the change returns only a result, even after changing what it was given', async () => {
        await store.records.recordAnswer(answer('a1', { helpful: true }));

        const result = await store.records.updateAnswer('a1', (current) => {
          current.helpful = false;
          return { result: current.helpful };
        });

        expect(result).toBe(false);
        expect(await store.records.findAnswer('a1')).toEqual(answer('a1', { helpful: true }));
      });

      it('writes nothing when the change throws, and passes the error on', async () => {
        await store.records.recordAnswer(answer('a1'));

        await expect(
          store.records.updateAnswer('a1', () => {
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        expect(await store.records.findAnswer('a1')).toEqual(answer('a1'));
      });

      it('rates an answer once when two ratings arrive at once', async () => {
        await store.records.recordAnswer(answer('a1'));
        const rate = (helpful: boolean) =>
          store.records.updateAnswer('a1', (current) => (current.helpful === undefined ? { answer: { ...current, helpful }, result: 'rated' } : { result: 'already' }));

        const results = await Promise.all([rate(true), rate(false), rate(true), rate(false)]);

        expect([...results].sort()).toEqual(['already', 'already', 'already', 'rated']);
        expect(typeof (await store.records.findAnswer('a1'))?.helpful).toBe('boolean');
      });

      it('returns copies: changing what it returned or was given does not change the answer', async () => {
        const recorded = answer('a1');
        await store.records.recordAnswer(recorded);
        recorded.userId = 'mallory';

        const found = await store.records.findAnswer('a1');
        found!.helpful = true;
        (await store.records.listAnswers())[0]!.userId = 'mallory';

        expect(await store.records.findAnswer('a1')).toEqual(answer('a1'));
      });
    });

    describe('tickets', () => {
      it('numbers tickets HD-1001, HD-1002, ... and stores them as created', async () => {
        const first = await store.records.createTicket(draft('user-kim'));
        const second = await store.records.createTicket(draft('user-sara'));
        const third = await store.records.createTicket(draft('user-kim', '2026-03-03T10:00:00.000Z'));

        expect([first.id, second.id, third.id]).toEqual(['HD-1001', 'HD-1002', 'HD-1003']);
        expect(first).toEqual({ ...draft('user-kim'), id: 'HD-1001' });
        expect(await store.records.findTicket('HD-1002')).toEqual({ ...draft('user-sara'), id: 'HD-1002' });
        expect(await store.records.findTicket('HD-1004')).toBeUndefined();
      });

      it('goes on numbering after a restart', async () => {
        await store.records.createTicket(draft('user-kim'));
        await store.records.createTicket(draft('user-kim'));

        const reopened = await store.reopen();

        expect((await reopened.createTicket(draft('user-kim'))).id).toBe('HD-1003');
        expect((await reopened.listTickets()).map((ticket) => ticket.id)).toEqual(['HD-1001', 'HD-1002', 'HD-1003']);
      });

      it('gives tickets created at once distinct numbers, with none skipped', async () => {
        const created = await Promise.all(Array.from({ length: 30 }, (_, index) => store.records.createTicket(draft(`user-${index}`))));

        const ids = created.map((ticket) => ticket.id);
        expect([...ids].sort()).toEqual(Array.from({ length: 30 }, (_, index) => `HD-${1001 + index}`));
        for (const ticket of created) expect(await store.records.findTicket(ticket.id)).toEqual(ticket);
        expect(await store.records.listTickets()).toHaveLength(30);
      });

      it("lists a requester's tickets, and all tickets, in the order they were created", async () => {
        for (const userId of ['user-kim', 'user-sara', 'user-kim', 'user-rob', 'user-kim']) await store.records.createTicket(draft(userId));

        expect((await store.records.ticketsOf('user-kim')).map((ticket) => ticket.id)).toEqual(['HD-1001', 'HD-1003', 'HD-1005']);
        expect((await store.records.ticketsOf('user-rob')).map((ticket) => ticket.id)).toEqual(['HD-1004']);
        expect(await store.records.ticketsOf('user-nobody')).toEqual([]);
        expect((await store.records.listTickets()).map((ticket) => ticket.id)).toEqual(['HD-1001', 'HD-1002', 'HD-1003', 'HD-1004', 'HD-1005']);
      });

      it('applies a change to a ticket in its place, and returns its result', async () => {
        await store.records.createTicket(draft('user-kim'));
        await store.records.createTicket(draft('user-sara'));

        const result = await store.records.updateTicket('HD-1001', assignIfFree('agent-ann'));

        expect(result).toBe('agent-ann');
        const expected = { ...draft('user-kim'), id: 'HD-1001', status: 'assigned', assignee: { userId: 'agent-ann' }, assignedAt: '2026-03-02T11:00:00.000Z' };
        expect(await store.records.findTicket('HD-1001')).toEqual(expected);
        expect((await store.records.listTickets()).map((ticket) => ticket.id)).toEqual(['HD-1001', 'HD-1002']);
        expect(await store.records.ticketsOf('user-kim')).toEqual([expected]);
        expect(await (await store.reopen()).findTicket('HD-1001')).toEqual(expected);
      });

      it('returns undefined for an unknown ticket, and writes nothing when the change returns only a result', async () => {
        await store.records.createTicket(draft('user-kim'));
        await store.records.updateTicket('HD-1001', assignIfFree('agent-ann'));
        const before = await store.records.findTicket('HD-1001');

        expect(await store.records.updateTicket('HD-1999', assignIfFree('agent-bob'))).toBeUndefined();
        expect(await store.records.updateTicket('HD-1001', assignIfFree('agent-bob'))).toBe('agent-ann');
        expect(
          await store.records.updateTicket('HD-1001', (ticket) => {
            ticket.status = 'resolved';
            return { result: 'looked' };
          }),
        ).toBe('looked');

        expect(await store.records.findTicket('HD-1001')).toEqual(before);
      });

      it('writes nothing when a ticket change throws', async () => {
        const created = await store.records.createTicket(draft('user-kim'));

        await expect(
          store.records.updateTicket('HD-1001', () => {
            throw new Error('refused');
          }),
        ).rejects.toThrow('refused');
        expect(await store.records.findTicket('HD-1001')).toEqual(created);
      });

      it('assigns a ticket to exactly one of several agents pressing at once', async () => {
        await store.records.createTicket(draft('user-kim'));
        const agents = ['agent-ann', 'agent-bob', 'agent-cy', 'agent-dee'];

        const results = await Promise.all(agents.map((agent) => store.records.updateTicket('HD-1001', assignIfFree(agent))));

        const assignee = (await store.records.findTicket('HD-1001'))?.assignee?.userId;
        expect(agents).toContain(assignee);
        expect(results).toEqual(agents.map(() => assignee));
      });

      it('returns copies: changing a ticket it returned or was given does not change the store', async () => {
        const given = draft('user-kim');
        const created = await store.records.createTicket(given);
        given.question = 'changed';
        created.transcript.push({ from: 'user', text: 'changed', at: created.createdAt });
        (await store.records.findTicket('HD-1001'))!.status = 'resolved';
        (await store.records.listTickets())[0]!.orgId = 'changed';
        (await store.records.ticketsOf('user-kim'))[0]!.question = 'changed';

        expect(await store.records.findTicket('HD-1001')).toEqual({ ...draft('user-kim'), id: 'HD-1001' });
      });
    });

    describe('removing old transcripts', () => {
      const now = new Date('2026-04-01T10:00:00.000Z');
      const before = new Date('2026-03-02T10:00:00.000Z');

      beforeEach(async () => {
        await store.records.createTicket(draft('user-kim', '2026-02-01T10:00:00.000Z')); // HD-1001: old
        await store.records.createTicket(draft('user-sara', '2026-03-02T09:59:59.999Z')); // HD-1002: just old enough
        await store.records.createTicket(draft('user-rob', '2026-03-02T10:00:00.000Z')); // HD-1003: exactly `before`: kept
        await store.records.createTicket(draft('user-kim', '2026-03-20T10:00:00.000Z', { status: 'resolved' })); // HD-1004: recent
      });

      it('removes the transcripts of tickets created before the date, counts them, and keeps the tickets', async () => {
        expect(await store.records.removeTranscriptsBefore(before, now)).toBe(2);

        for (const [id, userId, createdAt] of [
          ['HD-1001', 'user-kim', '2026-02-01T10:00:00.000Z'],
          ['HD-1002', 'user-sara', '2026-03-02T09:59:59.999Z'],
        ] as const) {
          expect(await store.records.findTicket(id)).toEqual({ ...draft(userId, createdAt), id, transcript: [], transcriptRemovedAt: now.toISOString() });
        }
        expect(await store.records.findTicket('HD-1003')).toEqual({ ...draft('user-rob', '2026-03-02T10:00:00.000Z'), id: 'HD-1003' });
        expect((await store.records.findTicket('HD-1004'))?.transcript).toHaveLength(2);
        expect((await store.records.listTickets()).map((ticket) => ticket.id)).toEqual(['HD-1001', 'HD-1002', 'HD-1003', 'HD-1004']);
        expect((await store.records.ticketsOf('user-kim')).map((ticket) => ticket.id)).toEqual(['HD-1001', 'HD-1004']);
      });

      it('removes nothing the second time, and keeps the first removal date', async () => {
        expect(await store.records.removeTranscriptsBefore(before, now)).toBe(2);
        const later = new Date('2026-04-02T10:00:00.000Z');

        expect(await store.records.removeTranscriptsBefore(before, later)).toBe(0);
        expect(await (await store.reopen()).removeTranscriptsBefore(before, later)).toBe(0);

        expect((await store.records.findTicket('HD-1001'))?.transcriptRemovedAt).toBe(now.toISOString());
      });

      it('removes the newer transcripts once the date moves on, but not again the old ones', async () => {
        await store.records.removeTranscriptsBefore(before, now);
        const later = new Date('2026-05-01T10:00:00.000Z');

        expect(await store.records.removeTranscriptsBefore(new Date('2026-04-01T00:00:00.000Z'), later)).toBe(2);

        expect((await store.records.listTickets()).map((ticket) => [ticket.id, ticket.transcript.length, ticket.transcriptRemovedAt])).toEqual([
          ['HD-1001', 0, now.toISOString()],
          ['HD-1002', 0, now.toISOString()],
          ['HD-1003', 0, later.toISOString()],
          ['HD-1004', 0, later.toISOString()],
        ]);
      });

      it('does not count a ticket whose transcript a change already removed', async () => {
        await store.records.updateTicket('HD-1001', (ticket) => ({ ticket: { ...ticket, transcript: [], transcriptRemovedAt: '2026-03-01T00:00:00.000Z' }, result: undefined }));

        expect(await store.records.removeTranscriptsBefore(before, now)).toBe(1);
        expect((await store.records.findTicket('HD-1001'))?.transcriptRemovedAt).toBe('2026-03-01T00:00:00.000Z');
      });

      it('removes nothing from an empty list of tickets old enough', async () => {
        expect(await store.records.removeTranscriptsBefore(new Date('2026-01-01T00:00:00.000Z'), now)).toBe(0);
      });
    });
  });
}
