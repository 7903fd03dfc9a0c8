/**
 * "Check for me later", and Microsoft's confirmation: a background job that every TAKEOVER_RECHECK_SECONDS re-checks
 * DNS for takeovers that asked for it, asks Microsoft about the ones whose record is visible and the ones the
 * requester reported, and tells the requester in their conversation: the record is there (now finish in
 * Microsoft), Microsoft confirms the takeover (you're the admin; or first the licenses), or Microsoft now confirms
 * what they reported.
 * @remarks It keeps no state of its own: each round reads the open requests from the store, so it resumes after a
 * restart. A request is marked as told of each piece of news before the message goes out, so two rounds (or two
 * instances) never send it twice.
 */
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { takeoverOutcomeCard } from '../../cards/takeoverOutcomeCard.js';
import { takeoverRecordCard } from '../../cards/takeoverRecordCard.js';
import type { CardAttachment } from '../../cards/renderCard.js';
import { stringsFor, type Strings } from '../../locales/strings.js';
import type { TakeoverNews, TakeoverService } from '../../services/takeover/takeoverService.js';
import type { Logger } from '../app/logger.js';
import { startPeriodicJob } from './periodicJob.js';

export interface TakeoverRechecker {
  /** One round now; resolves when its messages are sent. */
  runOnce(): Promise<void>;
  /** Stops the timer and waits for a round in progress. */
  stop(): Promise<void>;
}

export interface TakeoverRecheckerDeps {
  service: TakeoverService;
  adapter: CloudAdapter;
  /** The bot's app id ('' in local mode), needed to continue a conversation. */
  appId: string;
  intervalSeconds: number;
  logger: Logger;
  /** Whether this instance runs the round the timer is about to start (several instances, one database). */
  claimRound?: () => Promise<boolean>;
}

export function startTakeoverRechecker({ service, adapter, appId, intervalSeconds, logger, claimRound }: TakeoverRecheckerDeps): TakeoverRechecker {
  const round = async (): Promise<void> => {
    for (const news of await service.recheckDue()) {
      const { request } = news;
      if (!(await service.markNotified(request.id, news.kind))) continue;
      const t = stringsFor(request.requester.language ?? 'en');
      const reference = request.requester.conversation as Partial<ConversationReference>;
      try {
        await adapter.continueConversationAsync(appId, reference, async (context) => {
          await context.sendActivity({ attachments: [newsCard(t, news)] });
        });
        logger.info({ requestId: request.id, domain: request.domain, news: news.kind }, 'takeover news from the re-check; requester told');
      } catch (error) {
        // The request keeps its state: the requester sees it the next time they press a button of its card.
        logger.warn({ err: error, requestId: request.id, news: news.kind }, 'could not tell the requester the takeover news');
      }
    }
  };

  const logFailure = (error: unknown) => logger.error({ err: error }, 'takeover re-check round failed');
  const job = startPeriodicJob(round, { intervalSeconds, onBackgroundFailure: logFailure, claim: claimRound });
  return {
    // Asked for by a test or an operator: a failed round is logged, like one the timer started.
    runOnce: () => job.runOnce().catch(logFailure),
    stop: () => job.stop(),
  };
}

/** The card that tells the news: the same card the requester would see after pressing the button themselves. */
function newsCard(t: Strings, news: TakeoverNews): CardAttachment {
  switch (news.kind) {
    case 'recordFound':
      return takeoverRecordCard(t, news.request, { kind: 'recheckFound' });
    case 'completed':
      return takeoverOutcomeCard(t, { kind: 'completed', request: news.request, organization: news.organization, members: news.members });
    case 'licensesNeeded':
      return takeoverOutcomeCard(t, { kind: 'licenses', request: news.request, needs: news.needs });
    case 'confirmedLater':
      return takeoverOutcomeCard(t, { kind: 'confirmedLater', request: news.request, organization: news.organization });
  }
}
