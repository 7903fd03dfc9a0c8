/**
 * "Check for me later": a background job that re-checks DNS for pending takeovers every
 * TAKEOVER_RECHECK_SECONDS and tells the requester, in their conversation, when the record is there.
 * @remarks It keeps no state of its own: each round reads the open requests from the store, so it
 * resumes after a restart. A request is marked as notified before the message goes out, so two rounds
 * (or two instances) never send it twice.
 */
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { takeoverOutcomeCard } from '../../cards/takeoverOutcomeCard.js';
import { stringsFor } from '../../locales/strings.js';
import type { TakeoverService } from '../../services/takeover/takeoverService.js';
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
    for (const request of await service.recheckDue()) {
      if (!(await service.markNotified(request.id))) continue;
      const t = stringsFor(request.requester.language ?? 'en');
      const reference = request.requester.conversation as Partial<ConversationReference>;
      try {
        await adapter.continueConversationAsync(appId, reference, async (context) => {
          await context.sendActivity({ attachments: [takeoverOutcomeCard(t, { kind: 'recheckFound', request })] });
        });
        logger.info({ requestId: request.id, domain: request.domain }, 'takeover record found by the re-check; requester told');
      } catch (error) {
        // The request stays verified: the requester sees it the next time they press Verify.
        logger.warn({ err: error, requestId: request.id }, 'could not tell the requester that the takeover record was found');
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
