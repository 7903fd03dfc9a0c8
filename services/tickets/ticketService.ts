/**
 * Deflection and escalation: the answers the bot gives, what users say about them, and the tickets that
 * reach the human helpdesk when the bot could not help.
 * @remarks Who may act is decided from what the bot read from the activity (the user, the channel), never
 * from card data: only the user who got an answer rates it; tickets are worked only from their helpdesk channel, and
 * never by their requester unless an admin (ticketRights.ts); only the requester withdraws one.
 */
import { randomUUID } from 'node:crypto';
import { computeFigures, type Figures } from './figures.js';
import type { HelpdeskRecords } from '../ports/helpdeskRecords.js';
import type { Intent, Language } from '../models/intent.js';
import type { ChannelPostFailure } from '../models/ticket.js';
import { canChange, isRequesterOf, type AnswerRecord, type Ticket, type TicketPerson, type TranscriptLine } from '../models/ticket.js';

/** A ticket's question is a short description, not an essay. */
export const MAX_QUESTION = 1000;
export const MAX_NOTE = 1000;
/**
 * Tickets one person may open per window: more than anyone with real questions needs, and few enough that one
 * person (or a script using their account) cannot bury the helpdesk's queue.
 */
export const MAX_TICKETS_PER_WINDOW = 5;
export const TICKET_WINDOW_SECONDS = 60 * 60;
/**
 * A ticket the helpdesk channel did not take is tried again after 5 minutes, then 10, 20, ... up to every 6 hours
 * while it is open. Five minutes, not one: a post that timed out may still arrive (the channel client retries for
 * about two minutes), and is then not posted twice.
 */
export const POST_RETRY_FIRST_MINUTES = 5;
export const POST_RETRY_MAX_MINUTES = 6 * 60;

export type OpenResult = { kind: 'opened'; ticket: Ticket } | { kind: 'rateLimited'; retryAfterSeconds: number };

export type FeedbackResult =
  | { kind: 'recorded'; answer: AnswerRecord }
  | { kind: 'alreadyGiven'; answer: AnswerRecord }
  | { kind: 'notYours' }
  | { kind: 'unknownAnswer' };

export type TicketChange =
  | { kind: 'changed'; ticket: Ticket }
  /** Resolved tickets stay resolved; the card shows their final state. */
  | { kind: 'alreadyResolved'; ticket: Ticket }
  /** The requester withdrew it: nobody works it any more. */
  | { kind: 'alreadyWithdrawn'; ticket: Ticket }
  /** Someone else took it first (two agents pressing at once, on any instance): the first keeps it. */
  | { kind: 'alreadyAssigned'; ticket: Ticket }
  /** Assigned to the one pressing already: nothing changes, and the requester is not told again. */
  | { kind: 'alreadyYours'; ticket: Ticket }
  | { kind: 'unknownTicket' };

export type WithdrawResult =
  | { kind: 'withdrawn'; ticket: Ticket }
  | { kind: 'alreadyWithdrawn'; ticket: Ticket }
  | { kind: 'alreadyResolved'; ticket: Ticket }
  /** Only the requester withdraws a ticket; nothing is changed, and nothing about the ticket is told. */
  | { kind: 'notYours' }
  | { kind: 'unknownTicket' };

export interface TicketDraft {
  requester: Ticket['requester'];
  orgId?: string;
  question: string;
  transcript: TranscriptLine[];
  /** The answer whose "no, this didn't help" led here. */
  answerId?: string;
}

export class TicketService {
  constructor(private readonly deps: { records: HelpdeskRecords; now: () => Date }) {}

  async recordAnswer(answer: { intent: Intent; language: Language; orgId?: string; userId: string }): Promise<AnswerRecord> {
    const record: AnswerRecord = { id: randomUUID(), ...answer, at: this.deps.now().toISOString() };
    if (!record.orgId) delete record.orgId;
    await this.deps.records.recordAnswer(record);
    return record;
  }

  /** Once per answer, and only by the user who got it. */
  async giveFeedback(answerId: string, userId: string, helpful: boolean): Promise<FeedbackResult> {
    const result = await this.deps.records.updateAnswer<FeedbackResult>(answerId, (answer) => {
      if (answer.userId !== userId) return { result: { kind: 'notYours' } };
      if (answer.helpful !== undefined) return { result: { kind: 'alreadyGiven', answer } };
      const rated = { ...answer, helpful };
      return { answer: rated, result: { kind: 'recorded', answer: rated } };
    });
    return result ?? { kind: 'unknownAnswer' };
  }

  /**
   * Seconds until this user may open another ticket, or undefined when they may now.
   * @remarks Counted from the stored tickets (their requester and createdAt), not from a counter in memory, so
   * the limit holds across restarts and across instances sharing a database. Two tickets opened at the same
   * instant may both pass: the limit is a brake on flooding, not an exact quota.
   */
  async ticketWait(userId: string): Promise<number | undefined> {
    const now = this.deps.now().getTime();
    const windowMs = TICKET_WINDOW_SECONDS * 1000;
    const recent = (await this.deps.records.ticketsOf(userId))
      .map((ticket) => Date.parse(ticket.createdAt))
      .filter((at) => at > now - windowMs)
      .sort((a, b) => a - b);
    if (recent.length < MAX_TICKETS_PER_WINDOW) return undefined;
    // The next ticket is allowed once the oldest of the last MAX tickets has left the window.
    const oldestCounted = recent[recent.length - MAX_TICKETS_PER_WINDOW]!;
    return Math.max(1, Math.ceil((oldestCounted + windowMs - now) / 1000));
  }

  /** Opens the ticket, unless its requester has opened MAX_TICKETS_PER_WINDOW within the window already. */
  async open(draft: TicketDraft): Promise<OpenResult> {
    const retryAfterSeconds = await this.ticketWait(draft.requester.userId);
    if (retryAfterSeconds !== undefined) return { kind: 'rateLimited', retryAfterSeconds };
    const ticket = await this.deps.records.createTicket({
      requester: draft.requester,
      ...(draft.orgId ? { orgId: draft.orgId } : {}),
      question: draft.question.trim().slice(0, MAX_QUESTION),
      transcript: draft.transcript,
      status: 'open',
      createdAt: this.deps.now().toISOString(),
    });
    if (draft.answerId) {
      await this.deps.records.updateAnswer(draft.answerId, (answer) => ({ answer: { ...answer, ticketId: ticket.id }, result: undefined }));
    }
    return { kind: 'opened', ticket };
  }

  /** Assigns an open ticket; one assigned to someone else stays theirs (a second press only learns who has it). */
  async assign(id: string, assignee: TicketPerson): Promise<TicketChange> {
    return this.change(id, (ticket) => {
      if (ticket.status === 'assigned' && ticket.assignee?.userId === assignee.userId) return { kind: 'alreadyYours', ticket };
      return ticket.assignee && ticket.assignee.userId !== assignee.userId
        ? { kind: 'alreadyAssigned', ticket }
        : { ...ticket, status: 'assigned', assignee, assignedAt: this.deps.now().toISOString() };
    });
  }

  async resolve(id: string, by: TicketPerson, note: string): Promise<TicketChange> {
    return this.change(id, (ticket) => ({
      ...ticket,
      status: 'resolved',
      assignee: ticket.assignee ?? by,
      resolvedBy: by,
      resolutionNote: note.trim().slice(0, MAX_NOTE),
      resolvedAt: this.deps.now().toISOString(),
    }));
  }

  /** Withdrawn by its requester (checked here, with nothing in between), unless it is resolved already. */
  async withdraw(id: string, by: TicketPerson): Promise<WithdrawResult> {
    const result = await this.deps.records.updateTicket<WithdrawResult>(id, (ticket) => {
      if (!isRequesterOf(ticket, by)) return { result: { kind: 'notYours' } };
      if (ticket.status === 'withdrawn') return { result: { kind: 'alreadyWithdrawn', ticket } };
      if (ticket.status === 'resolved') return { result: { kind: 'alreadyResolved', ticket } };
      const withdrawn: Ticket = { ...ticket, status: 'withdrawn', withdrawnAt: this.deps.now().toISOString() };
      return { ticket: withdrawn, result: { kind: 'withdrawn', ticket: withdrawn } };
    });
    return result ?? { kind: 'unknownTicket' };
  }

  /** The organization's figures: its answers and tickets, and its takeovers in progress. */
  async figuresFor(orgId: string, pendingTakeovers: number, since?: Date): Promise<Figures> {
    const answers = (await this.deps.records.listAnswers()).filter((answer) => answer.orgId === orgId);
    const tickets = (await this.deps.records.listTickets()).filter((ticket) => ticket.orgId === orgId);
    return computeFigures({ answers, tickets, pendingTakeovers, ...(since ? { since } : {}) });
  }

  /** The organization's tickets that are not resolved yet, oldest first: the helpdesk's queue. */
  async openTicketsOf(orgId: string): Promise<Ticket[]> {
    return (await this.deps.records.listTickets())
      .filter((ticket) => ticket.orgId === orgId && canChange(ticket))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  ticketsOf(userId: string): Promise<Ticket[]> {
    return this.deps.records.ticketsOf(userId);
  }

  findTicket(id: string): Promise<Ticket | undefined> {
    return this.deps.records.findTicket(id);
  }

  /** Remembers where the ticket's card is in the helpdesk channel. */
  async postedTo(id: string, channelPost: NonNullable<Ticket['channelPost']>): Promise<void> {
    await this.deps.records.updateTicket(id, (ticket) => {
      // Posted: no failure is left to try again.
      const posted: Ticket = { ...ticket, channelPost };
      delete posted.channelPostFailure;
      return { ticket: posted, result: undefined };
    });
  }

  /**
   * Records that the helpdesk channel did not take the ticket's card, and when to try again: POST_RETRY_FIRST_MINUTES
   * after the first failure, twice as long after each further one, at most POST_RETRY_MAX_MINUTES. Returns the
   * failure as recorded; undefined for an unknown ticket.
   */
  async postFailed(id: string, what: Pick<ChannelPostFailure, 'problem' | 'detail'>): Promise<ChannelPostFailure | undefined> {
    const at = this.deps.now();
    return this.deps.records.updateTicket(id, (ticket) => {
      const before = ticket.channelPostFailure;
      const attempts = (before?.attempts ?? 0) + 1;
      const waitMinutes = Math.min(POST_RETRY_FIRST_MINUTES * 2 ** (attempts - 1), POST_RETRY_MAX_MINUTES);
      const failure: ChannelPostFailure = {
        ...what,
        attempts,
        firstFailedAt: before?.firstFailedAt ?? at.toISOString(),
        lastFailedAt: at.toISOString(),
        nextAttemptAt: new Date(at.getTime() + waitMinutes * 60_000).toISOString(),
        ...(before?.adminsToldAt ? { adminsToldAt: before.adminsToldAt } : {}),
      };
      return { ticket: { ...ticket, channelPostFailure: failure }, result: failure };
    });
  }

  /** Tickets whose post to the helpdesk channel failed and that are still the helpdesk's to work, oldest first. */
  async failedPosts(): Promise<Ticket[]> {
    return (await this.deps.records.listTickets()).filter((ticket) => ticket.channelPostFailure && !ticket.channelPost && canChange(ticket));
  }

  /**
   * Takes a failed post whose next try is due, for `leaseMinutes`: the ticket as it is now, or undefined when it is
   * not due (posted meanwhile, taken by another instance, no longer open). Two instances never post it twice.
   */
  async takeDuePost(id: string, leaseMinutes: number): Promise<Ticket | undefined> {
    const at = this.deps.now();
    return this.deps.records.updateTicket(id, (ticket) => {
      const failure = ticket.channelPostFailure;
      if (!failure || ticket.channelPost || !canChange(ticket) || Date.parse(failure.nextAttemptAt) > at.getTime()) return { result: undefined };
      const leased = { ...ticket, channelPostFailure: { ...failure, nextAttemptAt: new Date(at.getTime() + leaseMinutes * 60_000).toISOString() } };
      return { ticket: leased, result: leased };
    });
  }

  /** Notes that the admins were told posts keep failing: once per run of failures, until the ticket is posted. */
  async adminsToldOfFailedPost(id: string): Promise<void> {
    const at = this.deps.now().toISOString();
    await this.deps.records.updateTicket(id, (ticket) =>
      ticket.channelPostFailure ? { ticket: { ...ticket, channelPostFailure: { ...ticket.channelPostFailure, adminsToldAt: at } }, result: undefined } : { result: undefined },
    );
  }

  /** Applies `apply` with nothing in between (the store decides races); `apply` may refuse with an outcome instead of a ticket. */
  private async change(id: string, apply: (ticket: Ticket) => Ticket | Exclude<TicketChange, { ticket: Ticket; kind: 'changed' }>): Promise<TicketChange> {
    const result = await this.deps.records.updateTicket<TicketChange>(id, (ticket) => {
      if (!canChange(ticket)) return { result: { kind: ticket.status === 'withdrawn' ? 'alreadyWithdrawn' : 'alreadyResolved', ticket } };
      const changed = apply(ticket);
      if ('kind' in changed) return { result: changed };
      return { ticket: changed, result: { kind: 'changed', ticket: changed } };
    });
    return result ?? { kind: 'unknownTicket' };
  }
}
