/**
 * The helpdesk side of tickets, and the user's list: "my tickets" (with Withdraw), choosing the helpdesk channel,
 * and the channel card's Assign to me and Resolve.
 * @remarks A ticket is worked only by a press from its organization's helpdesk channel, and not by the person who
 * raised it unless they are an admin (services/tickets/ticketRights.ts); the requester withdraws it from their own
 * chat instead. The checks use the conversation the activity came from and its sender, never the card's data. The
 * channel is chosen by an admin the directory knows, as Teams identifies them.
 */
import { TurnContext } from 'botbuilder';
import { figuresCard } from '../cards/figuresCard.js';
import { myTicketsCard, ticketChannelCard } from '../cards/ticketCards.js';
import { format, stringsFor } from '../locales/strings.js';
import { isRecordedAdmin } from '../services/organizations/adminAnswer.js';
import type { TicketChange } from '../services/tickets/ticketService.js';
import { workRefusal, type WorkRefusal } from '../services/tickets/ticketRights.js';
import { replaceCard } from './cardReply.js';
import type { DialogDeps } from './dialogDeps.js';
import { requesterOrganization } from './requesterOrganization.js';
import { turnLanguage, turnStrings } from './turnLanguage.js';
import { literalText } from '../cards/literalText.js';

export class TicketActions {
  constructor(private readonly deps: DialogDeps) {}

  /** `withdrawing`: "withdraw my ticket": the tickets still open, each with its Withdraw button. */
  async myTickets(context: TurnContext, withdrawing = false): Promise<void> {
    const tickets = await this.deps.tickets.ticketsOf(context.activity.from.id);
    await context.sendActivity({ attachments: [myTicketsCard(turnStrings(context), tickets, withdrawing)] });
  }

  /**
   * Withdraw, pressed on the requester's list: only by the requester (the activity's sender, not the card's data),
   * and only in their own chat, not in a channel or group chat where others read along. The helpdesk channel's
   * card then says it is withdrawn.
   */
  async withdraw(context: TurnContext, ticketId: string): Promise<void> {
    const t = turnStrings(context).tickets;
    if (!isOwnChat(context)) return void (await context.sendActivity(format(t.withdrawInOwnChat, { id: ticketId })));
    const result = await this.deps.tickets.withdraw(ticketId, personOf(context));
    switch (result.kind) {
      case 'unknownTicket':
        return void (await context.sendActivity(t.unknownTicket));
      case 'notYours':
        await this.auditRefusal(context, ticketId, undefined, 'ticket.withdraw', 'not the requester');
        return void (await context.sendActivity(format(t.withdrawNotYours, { id: ticketId })));
      case 'alreadyResolved':
        return void (await context.sendActivity(format(t.alreadyResolved, { id: ticketId })));
      case 'alreadyWithdrawn':
        return void (await context.sendActivity(format(t.alreadyWithdrawn, { id: ticketId })));
      case 'withdrawn':
        await context.sendActivity(format(t.withdrawnText, { id: ticketId }));
        await this.deps.ticketDesk.showInChannel(result.ticket);
    }
  }

  /** "Use this channel for tickets", said in a team channel by an admin of the team's organization. */
  async useThisChannel(context: TurnContext): Promise<void> {
    const t = turnStrings(context).tickets;
    const { conversation } = context.activity;
    if (conversation.conversationType !== 'channel') return void (await context.sendActivity(t.channelOnlyInTeam));
    const requester = await this.deps.identifyRequester(context);
    const organization = requester.tenantId ? await this.deps.directory.findByTenantId(requester.tenantId) : undefined;
    if (!organization) return void (await context.sendActivity(t.channelUnknownOrg));
    if (!isRecordedAdmin(organization, { email: requester.email, userId: requester.aadObjectId ?? requester.userId })) {
      return void (await context.sendActivity(format(t.channelNeedsAdmin, { org: organization.displayName })));
    }
    const channelId = channelConversationId(conversation.id);
    const reference = TurnContext.getConversationReference(context.activity);
    await this.deps.directory.save({
      ...organization,
      helpdeskChannel: {
        // The channel itself, not the thread this was said in: new tickets start their own thread.
        conversation: JSON.parse(JSON.stringify({ ...reference, conversation: { ...reference.conversation, id: channelId } })) as Record<string, unknown>,
        conversationId: channelId,
        language: turnLanguage(context),
        setBy: requester.email ?? requester.aadObjectId ?? requester.userId,
        setAt: new Date().toISOString(),
      },
    });
    await context.sendActivity(format(t.channelSet, { org: organization.displayName }));
    // Tickets opened before there was a channel were promised to be posted once there is one.
    const waiting = (await this.deps.tickets.openTicketsOf(organization.id)).filter((ticket) => !ticket.channelPost);
    let posted = 0;
    for (const ticket of waiting) if (await this.deps.ticketDesk.announce(ticket)) posted += 1;
    if (posted > 0) await context.sendActivity(posted === 1 ? t.channelPostedWaitingOne : format(t.channelPostedWaiting, { count: posted }));
  }

  /** "stats": the organization's figures, for its admins (as Teams identifies them). */
  async stats(context: TurnContext): Promise<void> {
    const t = turnStrings(context);
    const requester = await this.deps.identifyRequester(context);
    const { organization } = await requesterOrganization(this.deps, context);
    if (!organization || !isRecordedAdmin(organization, { email: requester.email, userId: requester.aadObjectId ?? requester.userId })) {
      return void (await context.sendActivity(t.stats.notAllowed));
    }
    const pending = (await this.deps.directory.openTakeovers()).filter((request) => request.orgId === organization.id).length;
    const figures = await this.deps.tickets.figuresFor(organization.id, pending);
    await context.sendActivity({ attachments: [figuresCard(t, figures, organization.displayName)] });
  }

  async assign(context: TurnContext, ticketId: string): Promise<void> {
    if (!(await this.mayWork(context, ticketId, 'ticket.assign'))) return;
    await this.show(context, await this.deps.tickets.assign(ticketId, personOf(context)));
  }

  async resolve(context: TurnContext, ticketId: string, note: string): Promise<void> {
    if (!(await this.mayWork(context, ticketId, 'ticket.resolve'))) return;
    if (!note.trim()) return void (await context.sendActivity(turnStrings(context).tickets.noteNeeded));
    await this.show(context, await this.deps.tickets.resolve(ticketId, personOf(context), note));
  }

  /**
   * The card changes in place for everyone in the channel; the requester hears about it in their own chat.
   * @remarks The card is the whole channel's, so it stays in the language the channel was set up in (as it
   * was posted), not the language of whoever pressed; what is said to the presser is in theirs.
   */
  private async show(context: TurnContext, change: TicketChange): Promise<void> {
    const t = turnStrings(context);
    if (change.kind === 'unknownTicket') return void (await context.sendActivity(t.tickets.unknownTicket));
    const organization = change.ticket.orgId ? await this.deps.directory.findById(change.ticket.orgId) : undefined;
    const channelLanguage = organization?.helpdeskChannel?.language;
    await replaceCard(context, ticketChannelCard(channelLanguage ? stringsFor(channelLanguage) : t, change.ticket, organization));
    if (change.kind === 'alreadyResolved') return void (await context.sendActivity(format(t.tickets.alreadyResolved, { id: change.ticket.id })));
    if (change.kind === 'alreadyWithdrawn') return void (await context.sendActivity(format(t.tickets.alreadyWithdrawn, { id: change.ticket.id })));
    if (change.kind === 'alreadyYours') return void (await context.sendActivity(format(t.tickets.alreadyYours, { id: change.ticket.id })));
    if (change.kind === 'alreadyAssigned') {
      const name = literalText(change.ticket.assignee?.name ?? t.tickets.someoneElse);
      return void (await context.sendActivity(format(t.tickets.alreadyAssigned, { id: change.ticket.id, name })));
    }
    await this.deps.ticketDesk.tellRequester(change.ticket);
  }

  /**
   * True when the presser may work the ticket: from the helpdesk channel of its organization, and not its requester
   * unless an admin (services/tickets/ticketRights.ts). Otherwise tells the presser why not, leaves the card as it
   * is, and audits the attempt on an existing ticket (see auditRefusal).
   */
  private async mayWork(context: TurnContext, ticketId: string, action: string): Promise<boolean> {
    const t = turnStrings(context).tickets;
    const ticket = await this.deps.tickets.findTicket(ticketId);
    if (!ticket) {
      await context.sendActivity(t.unknownTicket);
      return false;
    }
    const organization = ticket.orgId ? await this.deps.directory.findById(ticket.orgId) : undefined;
    const channel = organization?.helpdeskChannel;
    const fromHelpdeskChannel = channel !== undefined && channel.conversationId === channelConversationId(context.activity.conversation.id);
    const refusal = workRefusal(ticket, { person: personOf(context), fromHelpdeskChannel, admin: fromHelpdeskChannel && (await this.isAdminOf(context, organization)) });
    if (!refusal) return true;
    await this.auditRefusal(context, ticket.id, organization?.domains[0], action, REFUSALS[refusal]);
    await context.sendActivity(refusal === 'ownTicket' ? format(t.ownTicket, { id: ticket.id }) : t.notFromChannel);
    return false;
  }

  /** The presser is a recorded admin of the organization, as the channel identifies them (the Teams member look-up). */
  private async isAdminOf(context: TurnContext, organization: Parameters<typeof isRecordedAdmin>[0]): Promise<boolean> {
    const requester = await this.deps.identifyRequester(context);
    return isRecordedAdmin(organization, { email: requester.email, userId: requester.aadObjectId ?? requester.userId });
  }

  /**
   * Records a refused ticket change (from outside the helpdesk channel, by its requester, a withdrawal by someone
   * else) in the directory's audit trail (tickets have none of their own). The subject is the organization's first
   * domain, so the attempt shows up with the organization's other entries (`npm run directory -- show DOMAIN`); a
   * ticket without an organization is filed under its own id. The outcome names the ticket either way.
   */
  private async auditRefusal(context: TurnContext, ticketId: string, domain: string | undefined, action: string, why: string): Promise<void> {
    const { id, aadObjectId } = context.activity.from;
    await this.deps.directory.transaction((tx) =>
      tx.audit({ at: new Date().toISOString(), actor: aadObjectId ?? id, action, subject: domain ?? ticketId, outcome: `refused: ${ticketId} ${why}` }),
    );
  }
}

/** How the audit trail words each refusal. */
const REFUSALS: Record<WorkRefusal, string> = {
  notFromChannel: 'not from the helpdesk channel',
  ownTicket: 'pressed by its requester',
};

/**
 * The requester's own chat: a personal chat with the bot (or a channel without conversation types, as Web Chat and
 * the Emulator), never a team channel or a group chat where others read along.
 */
function isOwnChat(context: TurnContext): boolean {
  const { conversationType, isGroup } = context.activity.conversation;
  return !isGroup && conversationType !== 'channel' && conversationType !== 'groupChat';
}

/** A channel's conversation id without the thread part (19:abc@thread.tacv2;messageid=123 → 19:abc@thread.tacv2). */
function channelConversationId(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

function personOf(context: TurnContext): { userId: string; aadObjectId?: string; name?: string } {
  const { id, aadObjectId, name } = context.activity.from;
  return { userId: id, ...(aadObjectId ? { aadObjectId } : {}), ...(name ? { name } : {}) };
}
