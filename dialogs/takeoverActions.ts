/**
 * The takeover record card's buttons: verify, check later, cancel, and the license choice. They work from
 * the request id alone, whenever they are pressed, and only for the person who started the request: the
 * service compares it with the sender of the activity, never with anything in the card's data.
 */
import type { TurnContext } from 'botbuilder';
import { takeoverOutcomeCard } from '../cards/takeoverOutcomeCard.js';
import { takeoverRecordCard, type RecordStatus } from '../cards/takeoverRecordCard.js';
import { format } from '../locales/strings.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import type { Member } from '../services/ports/directory.js';
import type { TakeoverRequest } from '../services/models/takeoverRequest.js';
import type { Actor, CompleteResult, RefusedStep, VerifyResult } from '../services/takeover/takeoverService.js';
import type { CardAttachment } from '../cards/renderCard.js';
import { cardActivity } from './cardPrompt.js';
import { replaceCard } from './cardReply.js';
import type { DialogDeps } from './dialogDeps.js';
import { sendAnswer } from './answers.js';
import { turnStrings } from './turnLanguage.js';

export class TakeoverActions {
  constructor(private readonly deps: DialogDeps) {}

  /** "Verify now" (and "Continue" after the background check found the record). */
  async verify(context: TurnContext, requestId: string): Promise<void> {
    const result = await this.deps.takeovers.verify(requestId, actorOf(context));
    await this.showVerification(context, result);
  }

  async recheckLater(context: TurnContext, requestId: string): Promise<void> {
    const result = await this.deps.takeovers.recheckLater(requestId, actorOf(context));
    if (result.kind === 'willRecheck') {
      const everyMinutes = Math.max(1, Math.round(this.deps.takeoverRecheckSeconds / 60));
      await this.showRecord(context, result.request, { kind: 'willRecheck', everyMinutes });
      return;
    }
    await this.showVerification(context, result);
  }

  async cancel(context: TurnContext, requestId: string): Promise<void> {
    const result = await this.deps.takeovers.cancel(requestId, actorOf(context));
    switch (result.kind) {
      case 'unknownRequest':
      case 'notYours':
        return this.refuse(context, result);
      case 'cancelled':
        return replaceCard(context, takeoverOutcomeCard(turnStrings(context), { kind: 'cancelled', request: result.request }));
      case 'ended':
        return this.showEnded(context, result.request);
    }
  }

  /**
   * "cancel" typed when no question waits, while the user's latest takeover is still open: the card with its
   * Cancel button, rather than "nothing to stop". False when there is no open takeover to show.
   */
  async showOpenToCancel(context: TurnContext): Promise<boolean> {
    const open = await latestOpenTakeover(this.deps, context);
    if (!open) return false;
    await context.sendActivity(format(turnStrings(context).takeover.cancelOnCard, { domain: displayDomain(open.domain) }));
    // A new message: typed text has no card of its own to update.
    await context.sendActivity(cardActivity(await this.recordCard(context, open, { kind: 'resumed' })));
    return true;
  }

  async decideLicenses(context: TurnContext, requestId: string, decision: 'buy' | 'postpone'): Promise<void> {
    await this.showCompletion(context, await this.deps.takeovers.decideLicenses(requestId, actorOf(context), decision));
  }

  private async showVerification(context: TurnContext, result: VerifyResult): Promise<void> {
    switch (result.kind) {
      case 'unknownRequest':
      case 'notYours':
        return this.refuse(context, result);
      case 'expired':
      case 'ended':
        return this.showEnded(context, result.request);
      case 'rateLimited':
        return this.showRecord(context, result.request, { kind: 'rateLimited', retryAfterSeconds: result.retryAfterSeconds });
      case 'checked':
        if (result.outcome.kind !== 'verified') return this.showRecord(context, result.request, { kind: 'checked', outcome: result.outcome });
        return this.showCompletion(context, await this.deps.takeovers.complete(result.request.id, actorOf(context)));
      case 'alreadyVerified':
        return this.showCompletion(context, await this.deps.takeovers.complete(result.request.id, actorOf(context)));
    }
  }

  /** `shownBefore`: a completed takeover pressed again shows its final card, without counting a new answer. */
  private async showCompletion(context: TurnContext, result: CompleteResult, shownBefore = false): Promise<void> {
    const t = turnStrings(context);
    switch (result.kind) {
      case 'unknownRequest':
      case 'notYours':
        return this.refuse(context, result);
      case 'notVerified':
        return result.request.status === 'pending' ? this.showRecord(context, result.request, { kind: 'new' }) : this.showEnded(context, result.request);
      case 'licensesNeeded':
        return replaceCard(context, takeoverOutcomeCard(t, { kind: 'licenses', request: result.request, needs: result.needs }));
      case 'takenOverByOther':
        return replaceCard(context, takeoverOutcomeCard(t, { kind: 'takenOverByOther', request: result.request }));
      case 'completed': {
        const card = takeoverOutcomeCard(t, {
          kind: 'completed',
          request: result.request,
          organization: result.organization,
          members: await this.otherMembers(result.organization.id, result.request.requester),
        });
        return shownBefore ? replaceCard(context, card) : sendAnswer(this.deps, context, card, 'takeover', 'replace');
      }
    }
  }

  /**
   * The organization's members besides the new admin: the ones who can now turn to them. The admin is known by
   * their address, or as the Teams user who signed up (with another address than the one Teams gives).
   */
  private async otherMembers(orgId: string, admin: TakeoverRequest['requester']): Promise<number> {
    const members = await this.deps.directory.membersOf(orgId);
    const adminIds = new Set([admin.userId, admin.aadObjectId].filter(Boolean));
    const isAdmin = (member: Member) => member.email === admin.email?.toLowerCase() || (member.userId !== undefined && adminIds.has(member.userId));
    return members.filter((member) => !isAdmin(member)).length;
  }

  /**
   * A request that was over before this press: say how it ended (a completed one shows its final card again).
   * @remarks A cancelled request pressed again says it has ended, with a way to start anew: "Okay, I've
   * cancelled it" is the answer to Cancel only, not to a later Verify.
   */
  private async showEnded(context: TurnContext, request: TakeoverRequest): Promise<void> {
    if (request.status === 'completed') {
      // Only a completed result is shown from here: showCompletion comes back here for requests that are over.
      const completed = await this.deps.takeovers.complete(request.id, actorOf(context));
      if (completed.kind === 'completed') return this.showCompletion(context, completed, true);
    }
    const kind = request.endedBecause === 'takenOverByOther' ? 'takenOverByOther' : request.status === 'expired' ? 'expired' : 'ended';
    await replaceCard(context, takeoverOutcomeCard(turnStrings(context), { kind, request }));
  }

  private async showRecord(context: TurnContext, request: TakeoverRequest, status: RecordStatus): Promise<void> {
    await replaceCard(context, await this.recordCard(context, request, status));
  }

  private async recordCard(context: TurnContext, request: TakeoverRequest, status: RecordStatus): Promise<CardAttachment> {
    const target = request.targetOrgId ? await this.deps.directory.findById(request.targetOrgId) : undefined;
    return takeoverRecordCard(turnStrings(context), request, status, target?.displayName);
  }

  /** Someone else's request, or one that no longer exists: said as a message, and the card stays as it was. */
  private async refuse(context: TurnContext, refused: RefusedStep): Promise<void> {
    const t = turnStrings(context).takeover;
    await context.sendActivity(refused.kind === 'notYours' ? t.notYours : t.unknownRequest);
  }
}

/** Who pressed the button, from the activity itself. */
/** The user's latest takeover (the one whose card they saw last), if it is still open and theirs. */
export async function latestOpenTakeover(deps: DialogDeps, context: TurnContext): Promise<TakeoverRequest | undefined> {
  const { takeoverId } = await deps.userProfile.get(context, {});
  return takeoverId ? deps.takeovers.openRequest(takeoverId, actorOf(context)) : undefined;
}

function actorOf(context: TurnContext): Actor {
  const { id, aadObjectId } = context.activity.from;
  return aadObjectId ? { userId: id, aadObjectId } : { userId: id };
}
