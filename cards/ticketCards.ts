/**
 * The cards of a ticket: the question to the user, the confirmation, the user's list, and the card the
 * helpdesk works from in its channel (Assign to me, Resolve with a note).
 * @remarks The helpdesk card shows the question and the recent conversation, which the requester agreed
 * to pass on by sending the ticket; nothing else of theirs.
 */
import { format, type Strings } from '../locales/strings.js';
import type { Organization } from '../services/models/organization.js';
import { shorten } from '../services/tickets/shorten.js';
import { resolverName, type Ticket } from '../services/models/ticket.js';
import { adminFacts, helpdeskContactFacts } from './contactFacts.js';
import { formatDate } from './formatDate.js';
import { literalText } from './literalText.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';

/** `cardId` names this copy of the card, so a press of an older copy is not taken for it. */
/**
 * Who could pick the ticket up: the organization's helpdesk (`helpdesk`), nobody because the organization has no
 * admin yet (`unmanaged`, with its name), or nobody because the bot knows no organization for the person (`none`).
 */
export type TicketReach = { kind: 'helpdesk' } | { kind: 'unmanaged'; org: string } | { kind: 'none' };

export function ticketReach(organization: Organization | undefined): TicketReach {
  if (!organization) return { kind: 'none' };
  return organization.managed ? { kind: 'helpdesk' } : { kind: 'unmanaged', org: organization.displayName };
}

export function ticketQuestionCard(t: Strings, prefill: string, cardId: string, reach: TicketReach = { kind: 'helpdesk' }): CardAttachment {
  const s = t.tickets;
  const text = reach.kind === 'helpdesk' ? s.askText : reach.kind === 'unmanaged' ? format(s.askTextNoHelpdesk, { org: reach.org }) : s.askTextNoOrganization;
  return answerCard({
    title: s.askTitle,
    paragraphs: [text],
    input: { id: 'question', label: s.questionLabel, placeholder: s.questionPlaceholder, value: prefill, style: 'text' },
    actions: [
      { title: s.send, data: { verb: VERBS.submitTicket, card: cardId } },
      { title: t.common.cancel, data: { verb: VERBS.cancel } },
    ],
  });
}

/** `posted`: the ticket reached the helpdesk channel. The organization's own contacts are listed too. */
export function ticketCreatedCard(t: Strings, ticket: Ticket, posted: boolean, organization?: Organization): CardAttachment {
  const s = t.tickets;
  const contacts = organization?.helpdeskContact ? helpdeskContactFacts(t, organization.helpdeskContact) : adminFacts(organization?.admins ?? []);
  // Without an organization, or one nobody administers, no helpdesk will see the ticket: no promise that someone picks it up.
  const reach = ticketReach(organization);
  const handover =
    reach.kind === 'none' ? [s.createdNoOrganization] : reach.kind === 'unmanaged' ? [format(s.createdNoHelpdesk, { org: reach.org })] : posted ? [s.createdText] : [s.createdText, s.createdNoChannel];
  const paragraphs = [...handover, s.myTicketsHint];
  if (contacts.length > 0) paragraphs.push(organization?.helpdeskContact ? `${s.alsoContact} **${organization.helpdeskContact.title}**` : s.alsoContact);
  return answerCard({ title: format(reach.kind === 'helpdesk' ? s.createdTitle : s.savedTitle, { id: ticket.id }), paragraphs, facts: contacts });
}

export function myTicketsCard(t: Strings, tickets: readonly Ticket[]): CardAttachment {
  const s = t.tickets;
  if (tickets.length === 0) return answerCard({ title: s.listTitle, paragraphs: [s.none], actions: [topicButton(t, 'escalate')] });
  const lines = tickets.flatMap((ticket) => {
    const line = format(s.statusLine, { id: `**${ticket.id}**`, status: statusText(t, ticket), question: literalText(shorten(ticket.question, 80)) });
    return ticket.status === 'resolved' && ticket.resolutionNote ? [line, format(s.resolvedNote, { note: literalText(ticket.resolutionNote) })] : [line];
  });
  return answerCard({ title: s.listTitle, paragraphs: lines });
}

/** The card in the helpdesk channel; once resolved it shows the note and has no buttons. */
export function ticketChannelCard(t: Strings, ticket: Ticket, organization?: Organization): CardAttachment {
  const s = t.tickets;
  const requester = literalText(ticket.requester.email ? `${ticket.requester.name ?? ''} <${ticket.requester.email}>`.trim() : (ticket.requester.name ?? ticket.requester.userId));
  const transcript = ticket.transcriptRemovedAt
    ? [s.transcriptRemoved]
    : ticket.transcript.map((line) => format(line.from === 'user' ? s.userSaid : s.botSaid, { text: literalText(line.text) }));
  const resolved = ticket.status === 'resolved';
  return answerCard({
    title: format(s.channelCardTitle, { id: ticket.id }),
    paragraphs: [literalText(ticket.question)],
    facts: [
      { title: s.factFrom, value: requester },
      ...(organization ? [{ title: s.factOrganization, value: organization.displayName }] : []),
      { title: s.factOpened, value: formatDate(t, ticket.createdAt) },
      { title: s.factStatus, value: statusText(t, ticket) },
    ],
    after: transcript.length > 0 ? [`**${s.conversation}**`, ...transcript] : [],
    ...(resolved
      ? { note: format(s.resolvedBy, { name: literalText(resolverName(ticket) ?? s.someone), note: literalText(ticket.resolutionNote ?? '') }) }
      : {
          input: { id: 'note', label: s.noteLabel, placeholder: s.notePlaceholder, value: '', style: 'text' },
          // Once someone has it, taking it is no longer offered; resolving is.
          actions: [
            ...(ticket.status === 'assigned' ? [] : [{ title: s.assignToMe, data: { verb: VERBS.assignTicket, ticket: ticket.id } } as const]),
            { title: s.resolve, data: { verb: VERBS.resolveTicket, ticket: ticket.id } },
          ],
        }),
  });
}

function statusText(t: Strings, ticket: Ticket): string {
  const s = t.tickets.status;
  return ticket.status === 'assigned' ? format(s.assigned, { name: literalText(ticket.assignee?.name ?? t.tickets.someone) }) : s[ticket.status];
}

