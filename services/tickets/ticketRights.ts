/**
 * Who may work a ticket (Assign to me, Resolve): the organization's admins and the people in its helpdesk channel,
 * but not the person who raised it, unless they are an admin. The requester may withdraw it instead, from their own chat.
 * @remarks The facts come from the channel (the conversation the press came from, the sender, the Teams member
 * look-up), never from the card's data; the dialog gathers them, the rule lives here.
 */
import { isRequesterOf, type Ticket, type TicketPerson } from '../models/ticket.js';

/** Why a press on the helpdesk channel's card is refused. */
export type WorkRefusal =
  /** Pressed outside the ticket's organization's helpdesk channel (a forwarded card, another team). */
  | 'notFromChannel'
  /** The requester pressed on their own ticket: someone else at the helpdesk works it. */
  | 'ownTicket';

export interface Presser {
  person: TicketPerson;
  /** The press came from the helpdesk channel of the ticket's organization. */
  fromHelpdeskChannel: boolean;
  /** The directory records the presser (as the channel identifies them) as an admin of the ticket's organization. */
  admin: boolean;
}

/** Undefined when the presser may assign or resolve the ticket; otherwise why not. */
export function workRefusal(ticket: Pick<Ticket, 'requester'>, presser: Presser): WorkRefusal | undefined {
  if (!presser.fromHelpdeskChannel) return 'notFromChannel';
  if (!presser.admin && isRequesterOf(ticket, presser.person)) return 'ownTicket';
  return undefined;
}
