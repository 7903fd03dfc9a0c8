/**
 * Answers, feedback and tickets in the embedded store file; every change goes through its one-writer queue.
 * Answers and tickets are found by id (and tickets by requester) through the store's indexes.
 */
import type { HelpdeskRecords } from '../../services/ports/helpdeskRecords.js';
import { ticketId, type AnswerRecord, type Ticket } from '../../services/models/ticket.js';
import type { HelpdeskFile } from './helpdeskFile.js';

export class HelpdeskFileRecords implements HelpdeskRecords {
  constructor(private readonly file: HelpdeskFile) {}

  async recordAnswer(answer: AnswerRecord): Promise<void> {
    const stored = structuredClone(answer);
    await this.file.update((data) => {
      data.answers.push(stored);
    });
  }

  async findAnswer(id: string): Promise<AnswerRecord | undefined> {
    return this.file.find('answers', 'id', id)[0]?.record;
  }

  updateAnswer<T>(id: string, change: (answer: AnswerRecord) => { answer: AnswerRecord; result: T } | { result: T }): Promise<T | undefined> {
    return this.file.update((data) => replaceAt(data.answers, this.file.find('answers', 'id', id)[0], change, 'answer'));
  }

  async createTicket(draft: Omit<Ticket, 'id'>): Promise<Ticket> {
    return this.file.update((data) => {
      data.ticketSequence += 1;
      const ticket: Ticket = structuredClone({ ...draft, id: ticketId(data.ticketSequence) });
      data.tickets.push(ticket);
      return structuredClone(ticket);
    });
  }

  async findTicket(id: string): Promise<Ticket | undefined> {
    return this.file.find('tickets', 'id', id)[0]?.record;
  }

  updateTicket<T>(id: string, change: (ticket: Ticket) => { ticket: Ticket; result: T } | { result: T }): Promise<T | undefined> {
    return this.file.update((data) => replaceAt(data.tickets, this.file.find('tickets', 'id', id)[0], change, 'ticket'));
  }

  async ticketsOf(userId: string): Promise<Ticket[]> {
    return this.file.find('tickets', 'userId', userId).map(({ record }) => record);
  }

  async listTickets(): Promise<Ticket[]> {
    return this.file.records('tickets');
  }

  async listAnswers(): Promise<AnswerRecord[]> {
    return this.file.records('answers');
  }

  removeTranscriptsBefore(before: Date, now: Date): Promise<number> {
    return this.file.update((data) => {
      let removed = 0;
      this.file.records('tickets').forEach((ticket, position) => {
        if (ticket.transcriptRemovedAt || Date.parse(ticket.createdAt) >= before.getTime()) return;
        // Records are replaced, never changed in place: the store writes what is assigned.
        data.tickets[position] = { ...ticket, transcript: [], transcriptRemovedAt: now.toISOString() };
        removed += 1;
      });
      return removed;
    });
  }
}

/** Runs `change` on the found item (a copy the store handed out) and stores what it returns under `key`, if anything. */
function replaceAt<I, K extends string, T>(
  items: I[],
  found: { position: number; record: I } | undefined,
  change: (item: I) => ({ [P in K]: I } & { result: T }) | { result: T },
  key: K,
): T | undefined {
  if (!found) return undefined;
  const outcome = change(found.record) as Partial<Record<K, I>> & { result: T };
  const replacement = outcome[key];
  if (replacement !== undefined) items[found.position] = replacement;
  return outcome.result;
}
