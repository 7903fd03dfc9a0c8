import { describe, expect, it } from '@jest/globals';
import { computeFigures, isDeflected, isoWeek } from '../../../services/tickets/figures.js';
import type { AnswerRecord, Ticket } from '../../../services/models/ticket.js';

function answer(id: string, fields: Pick<AnswerRecord, 'intent' | 'language' | 'at'> & Partial<AnswerRecord>): AnswerRecord {
  return { id, userId: `user-${id}`, ...fields };
}

function ticket(id: string, status: Ticket['status'], createdAt: string): Ticket {
  return {
    id,
    requester: { userId: 'user-1', conversation: {}, language: 'en' },
    question: 'How do I take over contoso.com?',
    transcript: [{ from: 'user', text: 'How do I take over contoso.com?', at: createdAt }],
    status,
    createdAt,
  };
}

/** Weeks (UTC): 2026-10-20 is in W43, 11-09/10 in W46, 11-16..22 in W47, 11-23 in W48. */
const answers: AnswerRecord[] = [
  answer('a1', { intent: 'signup', language: 'en', at: '2026-11-09T10:00:00.000Z', helpful: true }),
  answer('a2', { intent: 'signup', language: 'nl', at: '2026-11-10T10:00:00.000Z', helpful: false }),
  answer('a3', { intent: 'takeover', language: 'en', at: '2026-11-16T00:00:00.000Z' }),
  answer('a4', { intent: 'takeover', language: 'en', at: '2026-11-17T10:00:00.000Z', ticketId: 'HD-1001' }),
  answer('a5', { intent: 'whoIsMyAdmin', language: 'nl', at: '2026-11-22T23:59:59.999Z', helpful: true, ticketId: 'HD-1002' }),
  answer('a6', { intent: 'signup', language: 'en', at: '2026-11-23T00:00:00.000Z', helpful: false, ticketId: 'HD-1004' }),
  answer('a7', { intent: 'amIAdmin', language: 'en', at: '2026-10-20T10:00:00.000Z' }),
];

const tickets: Ticket[] = [
  ticket('HD-1001', 'open', '2026-11-17T10:01:00.000Z'),
  ticket('HD-1002', 'assigned', '2026-11-18T10:01:00.000Z'),
  ticket('HD-1003', 'resolved', '2026-10-01T10:00:00.000Z'),
  ticket('HD-1004', 'resolved', '2026-11-23T00:01:00.000Z'),
];

describe('isDeflected', () => {
  it.each([
    [{ helpful: true }, true],
    [{ helpful: true, ticketId: 'HD-1001' }, true],
    [{}, true],
    [{ ticketId: 'HD-1001' }, false],
    [{ helpful: false }, false],
    [{ helpful: false, ticketId: 'HD-1001' }, false],
  ])('counts %j as deflected: %s', (fields, expected) => {
    expect(isDeflected(fields)).toBe(expected);
  });
});

describe('isoWeek', () => {
  it.each([
    ['2026-11-16T00:00:00.000Z', '2026-W47'],
    ['2026-11-22T23:59:59.999Z', '2026-W47'],
    ['2026-11-23T00:00:00.000Z', '2026-W48'],
    ['2025-12-29T12:00:00.000Z', '2026-W01'],
    ['2026-01-04T12:00:00.000Z', '2026-W01'],
    ['2026-01-05T12:00:00.000Z', '2026-W02'],
    ['2027-01-01T12:00:00.000Z', '2026-W53'],
    ['2024-12-30T12:00:00.000Z', '2025-W01'],
    ['2021-01-03T12:00:00.000Z', '2020-W53'],
  ])('puts %s in %s (ISO weeks, UTC)', (at, week) => {
    expect(isoWeek(new Date(at))).toBe(week);
  });
});

describe('computeFigures', () => {
  it('counts every answer and ticket when no period is given', () => {
    expect(computeFigures({ answers, tickets, pendingTakeovers: 2 })).toEqual({
      answered: 7,
      deflected: 4,
      deflectionRate: 4 / 7,
      helpful: 2,
      notHelpful: 2,
      unrated: 3,
      byIntent: [
        { key: 'amIAdmin', answered: 1, deflected: 1, deflectionRate: 1 },
        { key: 'signup', answered: 3, deflected: 1, deflectionRate: 1 / 3 },
        { key: 'takeover', answered: 2, deflected: 1, deflectionRate: 0.5 },
        { key: 'whoIsMyAdmin', answered: 1, deflected: 1, deflectionRate: 1 },
      ],
      byLanguage: [
        { key: 'en', answered: 5, deflected: 3, deflectionRate: 0.6 },
        { key: 'nl', answered: 2, deflected: 1, deflectionRate: 0.5 },
      ],
      byWeek: [
        { key: '2026-W43', answered: 1, deflected: 1, deflectionRate: 1 },
        { key: '2026-W46', answered: 2, deflected: 1, deflectionRate: 0.5 },
        { key: '2026-W47', answered: 3, deflected: 2, deflectionRate: 2 / 3 },
        { key: '2026-W48', answered: 1, deflected: 0, deflectionRate: 0 },
      ],
      tickets: { open: 1, assigned: 1, resolved: 2, createdInPeriod: 4 },
      pendingTakeovers: 2,
    });
  });

  it('counts answers and new tickets from since (included) up to until (excluded), ticket statuses over all tickets', () => {
    const figures = computeFigures({
      answers,
      tickets,
      pendingTakeovers: 0,
      since: new Date('2026-11-16T00:00:00.000Z'),
      until: new Date('2026-11-23T00:00:00.000Z'),
    });

    expect(figures).toEqual({
      since: '2026-11-16T00:00:00.000Z',
      until: '2026-11-23T00:00:00.000Z',
      answered: 3,
      deflected: 2,
      deflectionRate: 2 / 3,
      helpful: 1,
      notHelpful: 0,
      unrated: 2,
      byIntent: [
        { key: 'takeover', answered: 2, deflected: 1, deflectionRate: 0.5 },
        { key: 'whoIsMyAdmin', answered: 1, deflected: 1, deflectionRate: 1 },
      ],
      byLanguage: [
        { key: 'en', answered: 2, deflected: 1, deflectionRate: 0.5 },
        { key: 'nl', answered: 1, deflected: 1, deflectionRate: 1 },
      ],
      byWeek: [{ key: '2026-W47', answered: 3, deflected: 2, deflectionRate: 2 / 3 }],
      tickets: { open: 1, assigned: 1, resolved: 2, createdInPeriod: 2 },
      pendingTakeovers: 0,
    });
  });

  it('takes since alone as "from then on"', () => {
    const figures = computeFigures({ answers, tickets, pendingTakeovers: 0, since: new Date('2026-11-23T00:00:00.000Z') });

    expect(figures.since).toBe('2026-11-23T00:00:00.000Z');
    expect(figures.until).toBeUndefined();
    expect(figures.answered).toBe(1);
    expect(figures.deflectionRate).toBe(0);
    expect(figures.tickets.createdInPeriod).toBe(1);
  });

  it('takes until alone as "everything before then"', () => {
    const figures = computeFigures({ answers, tickets, pendingTakeovers: 0, until: new Date('2026-11-01T00:00:00.000Z') });

    expect(figures.answered).toBe(1);
    expect(figures.byIntent).toEqual([{ key: 'amIAdmin', answered: 1, deflected: 1, deflectionRate: 1 }]);
    expect(figures.tickets).toEqual({ open: 1, assigned: 1, resolved: 2, createdInPeriod: 1 });
  });

  it('gives zeros, empty rows and no rate for an empty store', () => {
    expect(computeFigures({ answers: [], tickets: [], pendingTakeovers: 0 })).toEqual({
      answered: 0,
      deflected: 0,
      deflectionRate: null,
      helpful: 0,
      notHelpful: 0,
      unrated: 0,
      byIntent: [],
      byLanguage: [],
      byWeek: [],
      tickets: { open: 0, assigned: 0, resolved: 0, createdInPeriod: 0 },
      pendingTakeovers: 0,
    });
  });

  it('never carries a question or a transcript', () => {
    const text = JSON.stringify(computeFigures({ answers, tickets, pendingTakeovers: 1 }));

    expect(text).not.toContain('contoso.com');
  });
});
