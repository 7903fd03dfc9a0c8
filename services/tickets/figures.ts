/**
 * The helpdesk's deflection figures: how many questions the bot answered without a human, per intent,
 * language and ISO week, and where the tickets stand.
 * @remarks Pure: the caller reads the store and passes the records in. Only counts and keys (intent,
 * language, week) leave this module, never a question or a transcript, so the figures can be shared freely.
 */
import type { AnswerRecord, Ticket } from '../models/ticket.js';

export interface FigureRow {
  key: string;
  answered: number;
  deflected: number;
  /** deflected / answered; null when nothing was answered. */
  deflectionRate: number | null;
}

export interface Figures {
  /** The period's first instant (ISO), when it has one. */
  since?: string;
  /** The instant the period ends, excluded (ISO), when it has one. */
  until?: string;
  answered: number;
  deflected: number;
  deflectionRate: number | null;
  helpful: number;
  notHelpful: number;
  /** Answers nobody pressed "Did this help?" on. */
  unrated: number;
  byIntent: FigureRow[];
  byLanguage: FigureRow[];
  /** Keyed by ISO week ('2026-W47'), oldest first. */
  byWeek: FigureRow[];
  tickets: {
    /** Status counts over all tickets, whatever the period: the helpdesk's current workload. */
    open: number;
    assigned: number;
    resolved: number;
    /** Tickets created in the period. */
    createdInPeriod: number;
  };
  /** Takeovers still pending or verified. */
  pendingTakeovers: number;
}

export interface FiguresInput {
  answers: readonly AnswerRecord[];
  tickets: readonly Ticket[];
  pendingTakeovers: number;
  /** Counted from this instant on (included). */
  since?: Date;
  /** Counted up to this instant (excluded). */
  until?: Date;
}

/**
 * An answer deflected a ticket when the user said it helped, or when they did not say it failed and
 * no ticket came of it.
 */
export function isDeflected(answer: Pick<AnswerRecord, 'helpful' | 'ticketId'>): boolean {
  return answer.helpful === true || (answer.helpful !== false && answer.ticketId === undefined);
}

export function computeFigures(input: FiguresInput): Figures {
  const inPeriod = periodTest(input.since, input.until);
  const answers = input.answers.filter((answer) => inPeriod(answer.at));
  const deflected = answers.filter(isDeflected).length;
  const countStatus = (status: Ticket['status']) => input.tickets.filter((ticket) => ticket.status === status).length;

  return {
    ...(input.since ? { since: input.since.toISOString() } : {}),
    ...(input.until ? { until: input.until.toISOString() } : {}),
    answered: answers.length,
    deflected,
    deflectionRate: rate(deflected, answers.length),
    helpful: answers.filter((answer) => answer.helpful === true).length,
    notHelpful: answers.filter((answer) => answer.helpful === false).length,
    unrated: answers.filter((answer) => answer.helpful === undefined).length,
    byIntent: rowsBy(answers, (answer) => answer.intent),
    byLanguage: rowsBy(answers, (answer) => answer.language),
    byWeek: rowsBy(answers, (answer) => isoWeek(new Date(answer.at))),
    tickets: {
      open: countStatus('open'),
      assigned: countStatus('assigned'),
      resolved: countStatus('resolved'),
      createdInPeriod: input.tickets.filter((ticket) => inPeriod(ticket.createdAt)).length,
    },
    pendingTakeovers: input.pendingTakeovers,
  };
}

/**
 * The ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday) of `date` in UTC,
 * as '2026-W47'. The year is the week's year, so 2027-01-01 (a Friday) is '2026-W53'.
 */
export function isoWeek(date: Date): string {
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  // The Thursday of the same week decides the year; Sunday is day 7 of its week.
  thursday.setUTCDate(thursday.getUTCDate() + 4 - (thursday.getUTCDay() || 7));
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A record with a time that does not parse is in no period: it cannot be placed in a week either. */
function periodTest(since: Date | undefined, until: Date | undefined): (at: string) => boolean {
  return (at) => {
    const time = Date.parse(at);
    if (Number.isNaN(time)) return false;
    return (since === undefined || time >= since.getTime()) && (until === undefined || time < until.getTime());
  };
}

/** Rows sorted by key, so weeks come out oldest first and the other sections in a stable order. */
function rowsBy(answers: readonly AnswerRecord[], keyOf: (answer: AnswerRecord) => string): FigureRow[] {
  const counts = new Map<string, { answered: number; deflected: number }>();
  for (const answer of answers) {
    const key = keyOf(answer);
    const count = counts.get(key) ?? { answered: 0, deflected: 0 };
    count.answered += 1;
    if (isDeflected(answer)) count.deflected += 1;
    counts.set(key, count);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, count]) => ({ key, ...count, deflectionRate: rate(count.deflected, count.answered) }));
}

function rate(deflected: number, answered: number): number | null {
  return answered === 0 ? null : deflected / answered;
}
