/**
 * Tickets the helpdesk channel did not take (the bot removed from the team, Teams not answering): a background job
 * that posts them again when their next try is due (TicketService.postFailed sets when, backing off), and tells the
 * organization's admins in their own chat once posts have failed TELL_ADMINS_AFTER_ATTEMPTS times in a row: what
 * failed and what to do. Nothing is ever said in the channel that refused.
 * @remarks It keeps no state of its own: each round reads the failed posts from the store, so it resumes after a
 * restart. Each ticket is taken for the round (TicketService.takeDuePost) before it is posted, so two instances
 * never post it twice. The admins reachable are the one who chose the channel: the bot opens a personal chat with
 * them through the channel's service (Microsoft's way to message someone first), which Teams allows where the bot
 * is installed for them.
 */
import type { ConversationReference } from 'botbuilder';
import { literalText } from '../../cards/literalText.js';
import type { TicketDesk } from '../../dialogs/dialogDeps.js';
import { format, stringsFor } from '../../locales/strings.js';
import type { Organization } from '../../services/models/organization.js';
import type { ChannelPostFailure, Ticket } from '../../services/models/ticket.js';
import type { Directory } from '../../services/ports/directory.js';
import type { TicketService } from '../../services/tickets/ticketService.js';
import type { Logger } from '../app/logger.js';
import type { HelpdeskAdapter } from '../runtime/helpdeskAdapter.js';
import { startPeriodicJob, type PeriodicJob } from './periodicJob.js';

/** Rounds every minute: the first retry is due five minutes after a failure (TicketService.POST_RETRY_FIRST_MINUTES). */
export const POST_RETRY_INTERVAL_SECONDS = 60;
/** The first post and two retries (about 15 minutes): then the admins hear of it. */
export const TELL_ADMINS_AFTER_ATTEMPTS = 3;
/** How long a ticket taken for a round is not taken again, if this instance stops in the middle of posting it. */
const LEASE_MINUTES = 5;

export interface PostRetryRound {
  /** Posts tried (those due, and taken by this round). */
  tried: number;
  posted: number;
  /** Organizations whose admins were told in this round. */
  organizationsTold: number;
}

export interface TicketPostRetryDeps {
  tickets: TicketService;
  desk: Pick<TicketDesk, 'announce'>;
  directory: Directory;
  adapter: HelpdeskAdapter;
  /** The bot's app id ('' in local mode). */
  appId: string;
  logger: Logger;
  now: () => Date;
  intervalSeconds?: number;
  /** Whether this instance runs the round the timer is about to start (several instances, one database). */
  claimRound?: () => Promise<boolean>;
}

export function startTicketPostRetry(deps: TicketPostRetryDeps): PeriodicJob<PostRetryRound> {
  const { tickets, desk, directory, logger } = deps;
  const round = async (): Promise<PostRetryRound> => {
    const result: PostRetryRound = { tried: 0, posted: 0, organizationsTold: 0 };
    const now = deps.now().getTime();
    const stillFailing = new Map<string, Ticket[]>();
    for (const candidate of await tickets.failedPosts()) {
      if (Date.parse(candidate.channelPostFailure!.nextAttemptAt) > now) continue;
      const ticket = await tickets.takeDuePost(candidate.id, LEASE_MINUTES);
      if (!ticket) continue;
      result.tried += 1;
      if (await desk.announce(ticket)) {
        result.posted += 1;
        continue;
      }
      const after = await tickets.findTicket(ticket.id);
      const failure = after?.channelPostFailure;
      if (after?.orgId && failure && !failure.adminsToldAt && failure.attempts >= TELL_ADMINS_AFTER_ATTEMPTS) {
        stillFailing.set(after.orgId, [...(stillFailing.get(after.orgId) ?? []), after]);
      }
    }
    // One message per organization, however many of its tickets wait.
    for (const [orgId, waiting] of stillFailing) {
      const organization = await directory.findById(orgId);
      if (organization && (await tellAdmins(deps, organization, waiting))) {
        result.organizationsTold += 1;
        for (const ticket of waiting) await tickets.adminsToldOfFailedPost(ticket.id);
      }
    }
    if (result.tried > 0) logger.info({ ...result }, 'tickets the helpdesk channel did not take: tried again');
    return result;
  };
  return startPeriodicJob(round, {
    intervalSeconds: deps.intervalSeconds ?? POST_RETRY_INTERVAL_SECONDS,
    claim: deps.claimRound,
    onBackgroundFailure: (error) => logger.error({ err: error }, 'ticket post retry round failed; the next round tries again'),
  });
}

/**
 * Tells the admin who chose the channel, in their personal chat, in the language they chose it in; true when the
 * message went out. Without a way to reach them (a channel chosen before the bot kept who chose it), false: the
 * failure stays in the log, and the next failed retry tries again.
 */
async function tellAdmins({ adapter, appId, logger }: TicketPostRetryDeps, organization: Organization, waiting: readonly Ticket[]): Promise<boolean> {
  const channel = organization.helpdeskChannel;
  const reference = channel?.conversation as Partial<ConversationReference> | undefined;
  const admin = reference?.user;
  if (!channel || !reference || !admin?.id) {
    logger.warn({ orgId: organization.id, tickets: waiting.map((ticket) => ticket.id) }, 'tickets keep failing to reach the helpdesk channel, and no admin can be told');
    return false;
  }
  const text = failedPostsText(stringsFor(channel.language), organization, waiting);
  try {
    await adapter.openPersonalChat(appId, reference, admin, async (context) => {
      await context.sendActivity(text);
    });
    logger.info({ orgId: organization.id, tickets: waiting.map((ticket) => ticket.id) }, 'admin told that tickets keep failing to reach the helpdesk channel');
    return true;
  } catch (error) {
    logger.warn({ err: error, orgId: organization.id }, 'could not tell the admin that tickets keep failing to reach the helpdesk channel');
    return false;
  }
}

/** What failed (the latest failure says it best) and what to do about it. */
export function failedPostsText(t: ReturnType<typeof stringsFor>, organization: Organization, waiting: readonly Ticket[]): string {
  const s = t.tickets.postFailedAdmins;
  const latest = waiting.map((ticket) => ticket.channelPostFailure!).reduce((a: ChannelPostFailure, b) => (a.lastFailedAt >= b.lastFailedAt ? a : b));
  return format(s.text, {
    org: literalText(organization.displayName),
    reason: format(s.reason[latest.problem], { detail: latest.detail }),
    ids: waiting.map((ticket) => ticket.id).join(', '),
    fix: s.fix[latest.problem],
  });
}
