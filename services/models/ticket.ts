/** Tickets for the human helpdesk, and the answers the bot gave (the data model: Ticket, Feedback). */
import type { Intent, Language } from './intent.js';

export type TicketStatus = 'open' | 'assigned' | 'resolved';

/** One line of the conversation before the ticket: what the user typed, or the gist of the bot's reply. */
export interface TranscriptLine {
  from: 'user' | 'bot';
  text: string;
  at: string;
}

export interface TicketPerson {
  userId: string;
  aadObjectId?: string;
  name?: string;
}

export interface Ticket {
  /** HD-1042: short enough to say on the phone. */
  id: string;
  requester: TicketPerson & {
    email?: string;
    /** Where to tell the requester about progress: a Bot Framework conversation reference, opaque here. */
    conversation: Readonly<Record<string, unknown>>;
    language: Language;
  };
  orgId?: string;
  question: string;
  /** The recent turns; removed after TICKET_RETENTION_DAYS (then `transcriptRemovedAt` is set). */
  transcript: TranscriptLine[];
  transcriptRemovedAt?: string;
  status: TicketStatus;
  assignee?: TicketPerson;
  /** Who pressed Resolve: anyone in the helpdesk channel may, not only the assignee. */
  resolvedBy?: TicketPerson;
  resolutionNote?: string;
  createdAt: string;
  assignedAt?: string;
  resolvedAt?: string;
  /** The ticket's card in the helpdesk channel, to update it in place. */
  channelPost?: { conversation: Readonly<Record<string, unknown>>; activityId: string };
}

/** Who resolved the ticket; tickets resolved before that was recorded name their assignee. */
export function resolverName(ticket: Ticket): string | undefined {
  return (ticket.resolvedBy ?? ticket.assignee)?.name;
}

/** An answer the bot gave, with what the user said about it: the basis of the deflection figures. */
export interface AnswerRecord {
  id: string;
  intent: Intent;
  language: Language;
  orgId?: string;
  /** Who got the answer, so only they can rate it. */
  userId: string;
  at: string;
  /** Set once, by the user's "Did this help?". */
  helpful?: boolean;
  /** The ticket opened from this answer, if any. */
  ticketId?: string;
}

export function ticketId(sequence: number): string {
  return `HD-${1000 + sequence}`;
}

export function isTicketId(value: unknown): value is string {
  return typeof value === 'string' && /^HD-\d{4,9}$/.test(value);
}

/** A ticket in the helpdesk's hands can be assigned (again) until it is resolved. */
export function canChange(ticket: Ticket): boolean {
  return ticket.status !== 'resolved';
}
