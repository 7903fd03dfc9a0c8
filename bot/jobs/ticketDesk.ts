/**
 * Posts tickets to their organization's helpdesk channel and tells requesters about progress, both as
 * proactive messages (the bot speaks first, in a conversation it was in before).
 */
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { ticketChannelCard } from '../../cards/ticketCards.js';
import type { TicketDesk } from '../../dialogs/dialogDeps.js';
import { format, stringsFor } from '../../locales/strings.js';
import type { Directory } from '../../services/ports/directory.js';
import { resolverName, type Ticket } from '../../services/models/ticket.js';
import type { TicketService } from '../../services/tickets/ticketService.js';
import type { Logger } from '../app/logger.js';

export interface TicketDeskDeps {
  adapter: CloudAdapter;
  /** The bot's app id ('' in local mode), needed to continue a conversation. */
  appId: string;
  directory: Directory;
  tickets: TicketService;
  logger: Logger;
}

export function createTicketDesk({ adapter, appId, directory, tickets, logger }: TicketDeskDeps): TicketDesk {
  return {
    async announce(ticket: Ticket): Promise<boolean> {
      const organization = ticket.orgId ? await directory.findById(ticket.orgId) : undefined;
      const channel = organization?.helpdeskChannel;
      if (!channel) return false;
      try {
        let activityId: string | undefined;
        await adapter.continueConversationAsync(appId, channel.conversation as Partial<ConversationReference>, async (context) => {
          const sent = await context.sendActivity({ attachments: [ticketChannelCard(stringsFor(channel.language), ticket, organization)] });
          activityId = sent?.id;
        });
        if (activityId) await tickets.postedTo(ticket.id, { conversation: channel.conversation, activityId });
        logger.info({ ticket: ticket.id, orgId: ticket.orgId }, 'ticket posted to the helpdesk channel');
        return true;
      } catch (error) {
        // The ticket is recorded either way; the helpdesk sees it in its list.
        logger.warn({ err: error, ticket: ticket.id }, 'could not post the ticket to the helpdesk channel');
        return false;
      }
    },

    async tellRequester(ticket: Ticket): Promise<void> {
      const t = stringsFor(ticket.requester.language);
      const lines =
        ticket.status === 'resolved'
          ? [
              format(t.tickets.resolvedNotice, { id: ticket.id, name: resolverName(ticket) ?? t.tickets.someone }),
              format(t.tickets.resolvedNote, { note: ticket.resolutionNote ?? '' }),
            ]
          : [format(t.tickets.assignedNotice, { id: ticket.id, name: ticket.assignee?.name ?? t.tickets.someone })];
      try {
        await adapter.continueConversationAsync(appId, ticket.requester.conversation as Partial<ConversationReference>, async (context) => {
          await context.sendActivity(lines.join('\n\n'));
        });
      } catch (error) {
        // The requester still sees the status with "my tickets".
        logger.warn({ err: error, ticket: ticket.id }, 'could not tell the requester about their ticket');
      }
    },
  };
}
