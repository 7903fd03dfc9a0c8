/** Tickets for the human helpdesk, and the answers the bot gave (the data model: Ticket, Feedback). */
import type { Intent, Language } from './intent.js';

/** `withdrawn`: the requester took it back from their own chat before anyone resolved it. */
export type TicketStatus = 'open' | 'assigned' | 'resolved' | 'withdrawn';

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
  withdrawnAt?: string;
  /** The ticket's card in the helpdesk channel, to update it in place. */
  channelPost?: { conversation: Readonly<Record<string, unknown>>; activityId: string };
  /** Posting the ticket to the helpdesk channel failed and is tried again (bot/jobs/ticketPostRetry.ts); gone once posted. */
  channelPostFailure?: ChannelPostFailure;
}

/** Why the helpdesk channel did not take a ticket's card: what the admins are told, and what they can do. */
export type ChannelPostProblem =
  /** Teams says the bot is not in the channel's team (403 BotNotInConversationRoster) or knows no such channel (404). */
  | 'notInTeam'
  /** Teams refused for another reason (the app blocked by an admin, a bad request): it will not pass by itself. */
  | 'refused'
  /** No answer, a network error, or Teams busy (429, 5xx): it may pass by itself. */
  | 'unreachable';

export interface ChannelPostFailure {
  problem: ChannelPostProblem;
  /** What the channel answered, for the log and the admins: "403 BotNotInConversationRoster", "no answer within 10 s". */
  detail: string;
  /** Failed posts in a row. */
  attempts: number;
  firstFailedAt: string;
  lastFailedAt: string;
  /** When the next try is due. */
  nextAttemptAt: string;
  /** When the organization's admins were told that posts to the channel keep failing. */
  adminsToldAt?: string;
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

/** A ticket in the helpdesk's hands can be assigned (again) until it is resolved or withdrawn. */
export function canChange(ticket: Ticket): boolean {
  return ticket.status !== 'resolved' && ticket.status !== 'withdrawn';
}

/** The person is the ticket's requester, by the Teams user id or the Entra object id the channel gave for each. */
export function isRequesterOf(ticket: Pick<Ticket, 'requester'>, person: TicketPerson): boolean {
  const { requester } = ticket;
  return requester.userId === person.userId || (requester.aadObjectId !== undefined && requester.aadObjectId === person.aadObjectId);
}
