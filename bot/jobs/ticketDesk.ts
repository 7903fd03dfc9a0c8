/**
 * Posts tickets to their organization's helpdesk channel and tells requesters about progress, both as
 * proactive messages (the bot speaks first, in a conversation it was in before).
 * @remarks A post the channel refuses (Teams answers 403 BotNotInConversationRoster once the bot is removed from
 * the team) or does not answer is recorded on the ticket, with when to try again: ticketPostRetry.ts tries, and
 * tells the admins when it keeps failing.
 */
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { literalText } from '../../cards/literalText.js';
import { ticketChannelCard } from '../../cards/ticketCards.js';
import type { TicketDesk } from '../../dialogs/dialogDeps.js';
import { format, stringsFor } from '../../locales/strings.js';
import type { Directory } from '../../services/ports/directory.js';
import { resolverName, type ChannelPostFailure, type Ticket } from '../../services/models/ticket.js';
import type { TicketService } from '../../services/tickets/ticketService.js';
import type { Logger } from '../app/logger.js';

export interface TicketDeskDeps {
  adapter: CloudAdapter;
  /** The bot's app id ('' in local mode), needed to continue a conversation. */
  appId: string;
  directory: Directory;
  tickets: TicketService;
  logger: Logger;
  /** How long a post may take before the requester is told it is delayed (it may still arrive); POST_DEADLINE_MS by default. */
  postDeadlineMs?: number;
}

/**
 * A post to the helpdesk channel happens while its requester waits for the answer, and Teams gives a turn about 15
 * seconds: a channel that takes longer counts as a failure, tried again later (unless the post arrives after all).
 */
export const POST_DEADLINE_MS = 10_000;

export function createTicketDesk({ adapter, appId, directory, tickets, logger, postDeadlineMs = POST_DEADLINE_MS }: TicketDeskDeps): TicketDesk {
  return {
    async announce(ticket: Ticket): Promise<boolean> {
      const organization = ticket.orgId ? await directory.findById(ticket.orgId) : undefined;
      const channel = organization?.helpdeskChannel;
      if (!channel) return false;
      const post = (async () => {
        let activityId: string | undefined;
        await adapter.continueConversationAsync(appId, channel.conversation as Partial<ConversationReference>, async (context) => {
          const sent = await context.sendActivity({ attachments: [ticketChannelCard(stringsFor(channel.language), ticket, organization)] });
          activityId = sent?.id;
        });
        return activityId;
      })();
      const posted = async (activityId: string | undefined) => {
        if (activityId) await tickets.postedTo(ticket.id, { conversation: channel.conversation, activityId });
        logger.info({ ticket: ticket.id, orgId: ticket.orgId }, 'ticket posted to the helpdesk channel');
      };
      const outcome = await settledWithin(post, postDeadlineMs);
      try {
        if (outcome.kind === 'done') {
          await posted(outcome.value);
          return true;
        }
        const failure = outcome.kind === 'failed' ? channelPostFailure(outcome.error) : { problem: 'unreachable' as const, detail: `no answer within ${postDeadlineMs} ms` };
        const recorded = await tickets.postFailed(ticket.id, failure);
        logger.warn(
          { err: outcome.kind === 'failed' ? outcome.error : undefined, ticket: ticket.id, orgId: ticket.orgId, ...failure, attempts: recorded?.attempts, nextAttemptAt: recorded?.nextAttemptAt },
          'could not post the ticket to the helpdesk channel; it is tried again later',
        );
        // Still on its way: if it arrives after all, the ticket is posted and not tried again.
        if (outcome.kind === 'late') post.then(posted).catch((error: unknown) => logger.warn({ err: error, ticket: ticket.id }, 'the late post to the helpdesk channel failed too'));
      } catch (error) {
        // The store could not take the outcome: the ticket itself is recorded; an admin choosing the channel again posts it.
        logger.error({ err: error, ticket: ticket.id }, 'could not record the outcome of posting the ticket to the helpdesk channel');
      }
      return false;
    },

    async showInChannel(ticket: Ticket): Promise<void> {
      const post = ticket.channelPost;
      if (!post) return;
      const organization = ticket.orgId ? await directory.findById(ticket.orgId) : undefined;
      const t = stringsFor(organization?.helpdeskChannel?.language ?? ticket.requester.language);
      try {
        await adapter.continueConversationAsync(appId, post.conversation as Partial<ConversationReference>, async (context) => {
          await context.updateActivity({ type: 'message', id: post.activityId, attachments: [ticketChannelCard(t, ticket, organization)] });
        });
      } catch (error) {
        // The change is recorded; the card shows it at the next press in the channel.
        logger.warn({ err: error, ticket: ticket.id }, 'could not update the ticket card in the helpdesk channel');
      }
    },

    async tellRequester(ticket: Ticket): Promise<void> {
      const t = stringsFor(ticket.requester.language);
      // Names and the note were typed by people: no link in them reaches the requester disguised.
      const lines =
        ticket.status === 'resolved'
          ? [
              format(t.tickets.resolvedNotice, { id: ticket.id, name: literalText(resolverName(ticket) ?? t.tickets.someone) }),
              format(t.tickets.resolvedNote, { note: literalText(ticket.resolutionNote ?? '') }),
            ]
          : [format(t.tickets.assignedNotice, { id: ticket.id, name: literalText(ticket.assignee?.name ?? t.tickets.someone) })];
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

type Settled<T> = { kind: 'done'; value: T } | { kind: 'failed'; error: unknown } | { kind: 'late' };

/** How `work` ended within `ms`: with a value, with an error, or not yet (it goes on). */
async function settledWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((resolve) => (timer = setTimeout(() => resolve({ kind: 'late' }), ms)));
  const settled = work.then(
    (value): Settled<T> => ({ kind: 'done', value }),
    (error: unknown): Settled<T> => ({ kind: 'failed', error }),
  );
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

/**
 * What a failed post says about the channel, from the connector's error: its HTTP status and the Bot Framework
 * error code of its body (`{"error":{"code":"BotNotInConversationRoster","message":"..."}}`), as the bot's own client
 * (sdkTuning/leanConnector.ts: `statusCode`, `body`) and the SDK's (`statusCode`, `code`, `response.bodyAsText`) report it.
 */
export function channelPostFailure(error: unknown): Pick<ChannelPostFailure, 'problem' | 'detail'> {
  const fields = (error ?? {}) as { statusCode?: unknown; code?: unknown; body?: unknown; response?: { bodyAsText?: unknown } };
  const status = typeof fields.statusCode === 'number' ? fields.statusCode : undefined;
  const code = errorCode(fields.body) ?? errorCode(fields.response?.bodyAsText) ?? (typeof fields.code === 'string' && /^[A-Za-z]+$/.test(fields.code) ? fields.code : undefined);
  const detail = [status, code].filter((part) => part !== undefined).join(' ') || ((error as Error)?.message ?? 'no answer').slice(0, 200);
  if (status === undefined || status === 429 || status >= 500) return { problem: 'unreachable', detail };
  if ((status === 403 && code === 'BotNotInConversationRoster') || (status === 404 && code === 'ConversationNotFound')) return { problem: 'notInTeam', detail };
  return { problem: 'refused', detail };
}

/** The `error.code` of a Bot Framework error body, if the text is one. */
function errorCode(body: unknown): string | undefined {
  if (typeof body !== 'string' || !body.trim().startsWith('{')) return undefined;
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' && /^[A-Za-z]+$/.test(code) ? code : undefined;
  } catch {
    return undefined;
  }
}
