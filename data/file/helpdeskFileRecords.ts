/**
 * Answers, feedback and tickets in the embedded store file; every change goes through its one-writer queue.
 * What a caller gets is a copy, so changing it changes nothing stored.
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
    return copy(this.file.data.answers.find((answer) => answer.id === id));
  }

  updateAnswer<T>(id: string, change: (answer: AnswerRecord) => { answer: AnswerRecord; result: T } | { result: T }): Promise<T | undefined> {
    return this.file.update((data) => replace(data.answers, (answer) => answer.id === id, change, 'answer'));
  }

  createTicket(draft: Omit<Ticket, 'id'>): Promise<Ticket> {
    return this.file.update((data) => {
      const ticket: Ticket = structuredClone({ ...draft, id: ticketId(data.ticketSequence + 1) });
      data.ticketSequence += 1;
      data.tickets.push(ticket);
      return structuredClone(ticket);
    });
  }

  async findTicket(id: string): Promise<Ticket | undefined> {
    return copy(this.file.data.tickets.find((ticket) => ticket.id === id));
  }

  updateTicket<T>(id: string, change: (ticket: Ticket) => { ticket: Ticket; result: T } | { result: T }): Promise<T | undefined> {
    return this.file.update((data) => replace(data.tickets, (ticket) => ticket.id === id, change, 'ticket'));
  }

  async ticketsOf(userId: string): Promise<Ticket[]> {
    return structuredClone(this.file.data.tickets.filter((ticket) => ticket.requester?.userId === userId));
  }

  async listTickets(): Promise<Ticket[]> {
    return structuredClone(this.file.data.tickets);
  }

  async listAnswers(): Promise<AnswerRecord[]> {
    return structuredClone(this.file.data.answers);
  }

  removeTranscriptsBefore(before: Date, now: Date): Promise<number> {
    return this.file.update((data) => {
      let removed = 0;
      data.tickets.forEach((ticket, position) => {
        if (ticket.transcriptRemovedAt || Date.parse(ticket.createdAt) >= before.getTime()) return;
        data.tickets[position] = { ...ticket, transcript: [], transcriptRemovedAt: now.toISOString() };
        removed += 1;
      });
      return removed;
    });
  }
}

/**
 * Runs `change` on a copy of the first item that `matches` and stores what it returns under `key`, if anything;
 * undefined when nothing matches.
 */
function replace<I, K extends string, T>(items: I[], matches: (item: I) => boolean, change: (item: I) => ({ [P in K]: I } & { result: T }) | { result: T }, key: K): T | undefined {
  const position = items.findIndex(matches);
  if (position === -1) return undefined;
  const outcome = change(structuredClone(items[position]!)) as Partial<Record<K, I>> & { result: T };
  const replacement = outcome[key];
  if (replacement !== undefined) items[position] = structuredClone(replacement);
  return outcome.result;
}

function copy<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
