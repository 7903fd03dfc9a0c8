/**
 * The cards of a ticket: the question to the user, the confirmation, the user's list, and the card the
 * helpdesk works from in its channel (Assign to me, Resolve with a note).
 * @remarks The helpdesk card shows the question and the recent conversation, which the requester agreed
 * to pass on by sending the ticket; nothing else of theirs.
 */
import { format, type Strings } from '../locales/strings.js';
import type { Organization } from '../services/models/organization.js';
import { shorten } from '../services/tickets/shorten.js';
import { canChange, resolverName, type Ticket } from '../services/models/ticket.js';
import { adminFacts, contactTitleLine, helpdeskContactFacts } from './contactFacts.js';
import { formatDate } from './formatDate.js';
import { literalText } from './literalText.js';
import { answerCard, type CardAttachment, type CardButton } from './renderCard.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';

/** `cardId` names this copy of the card, so a press of an older copy is not taken for it. */
/**
 * Who could pick the ticket up: the organization's helpdesk (`helpdesk`), nobody because the organization has no
 * admin yet (`unmanaged`, with its name), or nobody because the bot knows no organization for the person (`none`).
 */
/** `claimed`: the organization of an address the user typed, which the channel does not confirm: its helpdesk won't see the ticket. */
export type TicketReach = { kind: 'helpdesk' } | { kind: 'unmanaged'; org: string } | { kind: 'none'; claimed?: { address: string; org: string } };

export function ticketReach(organization: Organization | undefined, claimed?: { address: string; org: string }): TicketReach {
  if (!organization) return claimed ? { kind: 'none', claimed } : { kind: 'none' };
  return organization.managed ? { kind: 'helpdesk' } : { kind: 'unmanaged', org: organization.displayName };
}

export function ticketQuestionCard(t: Strings, prefill: string, cardId: string, reach: TicketReach = { kind: 'helpdesk' }): CardAttachment {
  const s = t.tickets;
  const text = reach.kind === 'helpdesk' ? s.askText : reach.kind === 'unmanaged' ? format(s.askTextNoHelpdesk, { org: reach.org }) : s.askTextNoOrganization;
  const unconfirmed = reach.kind === 'none' && reach.claimed ? [format(s.claimedAddress, reach.claimed)] : [];
  return answerCard({
    title: s.askTitle,
    paragraphs: [...unconfirmed, text],
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
    reach.kind === 'none'
      ? [s.createdNoOrganization]
      : reach.kind === 'unmanaged'
        ? [format(s.createdNoHelpdesk, { org: reach.org })]
        : posted
          ? [s.createdText]
          : // A channel that did not take it (the bot removed from its team, Teams not answering) is tried again.
            [s.createdText, organization?.helpdeskChannel ? s.createdPostDelayed : s.createdNoChannel];
  const paragraphs = [...handover, s.myTicketsHint];
  if (contacts.length > 0) paragraphs.push(organization?.helpdeskContact ? `${s.alsoContact} ${contactTitleLine(organization.helpdeskContact)}` : s.alsoContact);
  return answerCard({ title: format(reach.kind === 'helpdesk' ? s.createdTitle : s.savedTitle, { id: ticket.id }), paragraphs, facts: contacts });
}

/**
 * The requester's tickets with their status, and a Withdraw button for each one still in the helpdesk's hands.
 * `withdrawing`: the answer to "withdraw my ticket": only those tickets, under the question which one.
 */
export function myTicketsCard(t: Strings, tickets: readonly Ticket[], withdrawing = false): CardAttachment {
  const s = t.tickets;
  const listed = withdrawing ? tickets.filter(canChange) : tickets;
  if (listed.length === 0) {
    return withdrawing ? answerCard({ title: s.listTitle, paragraphs: [s.nothingToWithdraw] }) : answerCard({ title: s.listTitle, paragraphs: [s.none], actions: [topicButton(t, 'escalate')] });
  }
  const lines = listed.flatMap((ticket) => {
    const line = format(s.statusLine, { id: `**${ticket.id}**`, status: statusText(t, ticket), question: literalText(shorten(ticket.question, 80)) });
    return ticket.status === 'resolved' && ticket.resolutionNote ? [line, format(s.resolvedNote, { note: literalText(ticket.resolutionNote) })] : [line];
  });
  const withdraw = listed.filter(canChange).map((ticket): CardButton => ({ title: format(s.withdraw, { id: ticket.id }), data: { verb: VERBS.withdrawTicket, ticket: ticket.id } }));
  return answerCard({ title: withdrawing ? s.withdrawTitle : s.listTitle, paragraphs: lines, ...(withdraw.length > 0 ? { actions: withdraw } : {}) });
}

/** The card in the helpdesk channel; once resolved it shows the note and has no buttons, once withdrawn it says so. */
export function ticketChannelCard(t: Strings, ticket: Ticket, organization?: Organization): CardAttachment {
  const s = t.tickets;
  // The brackets are the card's own, around an address: only the name and the address are what someone chose.
  const requester = ticket.requester.email
    ? `${literalText(ticket.requester.name ?? '')} <${literalText(ticket.requester.email)}>`.trim()
    : literalText(ticket.requester.name ?? ticket.requester.userId);
  const transcript = ticket.transcriptRemovedAt
    ? [s.transcriptRemoved]
    : ticket.transcript.map((line) => format(line.from === 'user' ? s.userSaid : s.botSaid, { text: literalText(line.text) }));
  const resolved = ticket.status === 'resolved';
  const closed = !canChange(ticket);
  return answerCard({
    title: format(s.channelCardTitle, { id: ticket.id }),
    paragraphs: [literalText(ticket.question)],
    facts: [
      { title: s.factFrom, value: requester },
      ...(organization ? [{ title: s.factOrganization, value: literalText(organization.displayName) }] : []),
      { title: s.factOpened, value: formatDate(t, ticket.createdAt) },
      { title: s.factStatus, value: statusText(t, ticket) },
    ],
    after: transcript.length > 0 ? [`**${s.conversation}**`, ...transcript] : [],
    ...(closed
      ? { note: resolved ? format(s.resolvedBy, { name: literalText(resolverName(ticket) ?? s.someone), note: literalText(ticket.resolutionNote ?? '') }) : s.withdrawnBy }
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

