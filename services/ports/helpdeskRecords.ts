/** Where answers, feedback and tickets are kept; `data/` implements it. */
import type { AnswerRecord, Ticket } from '../models/ticket.js';

export interface HelpdeskRecords {
  recordAnswer(answer: AnswerRecord): Promise<void>;
  findAnswer(id: string): Promise<AnswerRecord | undefined>;
  /** Applies `change` to the answer alone (no other change in between); undefined when there is no such answer. */
  updateAnswer<T>(id: string, change: (answer: AnswerRecord) => { answer: AnswerRecord; result: T } | { result: T }): Promise<T | undefined>;
  /** Numbers the ticket (HD-1001, HD-1002, ...) and stores it. */
  createTicket(draft: Omit<Ticket, 'id'>): Promise<Ticket>;
  findTicket(id: string): Promise<Ticket | undefined>;
  updateTicket<T>(id: string, change: (ticket: Ticket) => { ticket: Ticket; result: T } | { result: T }): Promise<T | undefined>;
  ticketsOf(userId: string): Promise<Ticket[]>;
  listTickets(): Promise<Ticket[]>;
  listAnswers(): Promise<AnswerRecord[]>;
  /** Removes the transcripts of tickets created before `before`; returns how many. */
  removeTranscriptsBefore(before: Date, now: Date): Promise<number>;
}
