/**
 * The takeover card's buttons: the value from Microsoft, check DNS, "I've finished in Microsoft", check later,
 * cancel, and the license choice. They work from the request id alone, whenever they are pressed, and only for the
 * person who started the request: the service compares it with the sender of the activity, never with anything in
 * the card's data.
 */
import type { TurnContext } from 'botbuilder';
import { takeoverOutcomeCard } from '../cards/takeoverOutcomeCard.js';
import { takeoverRecordCard, type RecordStatus } from '../cards/takeoverRecordCard.js';
import { whereToFindValue, type TakeoverValueCardData } from '../cards/takeoverValueCard.js';
import { format, type Strings } from '../locales/strings.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import { isExampleTxtValue, type TakeoverRequest } from '../services/models/takeoverRequest.js';
import type { Actor, CompleteResult, RefusedStep, ValueResult, VerifyResult } from '../services/takeover/takeoverService.js';
import type { CardAttachment } from '../cards/renderCard.js';
import { readTxtValue, type TxtValueProblem, type TxtValueReading } from '../understanding/txtValue.js';
import { cardActivity } from './cardPrompt.js';
import { replaceCard } from './cardReply.js';
import type { DialogDeps } from './dialogDeps.js';
import { sendAnswer } from './answers.js';
import { turnStrings } from './turnLanguage.js';

export class TakeoverActions {
  constructor(private readonly deps: DialogDeps) {}

  /**
   * The value Microsoft showed, pasted in the card's field or in the chat. What is no value is answered with what a
   * value looks like and where Microsoft shows it; the card stays as it is.
   */
  async submitValue(context: TurnContext, requestId: string, pasted: string): Promise<void> {
    const reading = valueOrExample(readTxtValue(pasted));
    if ('problem' in reading) {
      const open = await this.deps.takeovers.openRequest(requestId, actorOf(context));
      if (open) {
        await context.sendActivity(valueProblemText(turnStrings(context), reading.problem, open));
        return;
      }
    }
    // A request that is not the actor's, or over, is answered as such whatever was pasted.
    const result = await this.deps.takeovers.submitValue(requestId, actorOf(context), 'value' in reading ? reading.value : '');
    await this.showValueResult(context, result);
  }

  /** "Check DNS": is the value Microsoft showed visible at the domain? */
  async verify(context: TurnContext, requestId: string): Promise<void> {
    const result = await this.deps.takeovers.verify(requestId, actorOf(context));
    await this.showVerification(context, result);
  }

  /** "I've finished in Microsoft": the bot asks Microsoft whether the takeover happened. */
  async finished(context: TurnContext, requestId: string): Promise<void> {
    await this.showCompletion(context, await this.deps.takeovers.finish(requestId, actorOf(context)));
  }

  /**
   * "check" or "done" typed instead of pressed, for the user's latest takeover: the next step of where it is. "check"
   * at the step in Microsoft asks Microsoft (DNS is done); "done" before any value shows the value card again.
   * False when there is no open takeover.
   */
  async continueLatest(context: TurnContext, command: 'verify' | 'finished'): Promise<boolean> {
    const open = await latestOpenTakeover(this.deps, context);
    if (!open) return false;
    if (open.status === 'waitingForValue') await this.showRecord(context, open, { kind: 'needsValue' });
    else if (command === 'finished' || open.status === 'waitingForMicrosoft') await this.finished(context, open.id);
    else await this.verify(context, open.id);
    return true;
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

  /** The data of the value card for a request, to ask for the value (TakeoverDialog's prompt). */
  async valueCardData(request: TakeoverRequest, status?: TakeoverValueCardData['status']): Promise<TakeoverValueCardData> {
    const target = request.targetOrgId ? await this.deps.directory.findById(request.targetOrgId) : undefined;
    return {
      request: request.id,
      domain: request.domain,
      kind: request.kind,
      ...(target ? { target: target.displayName } : {}),
      expiresAt: request.expiresAt,
      ...(status ? { status } : {}),
    };
  }

  private async showValueResult(context: TurnContext, result: ValueResult): Promise<void> {
    switch (result.kind) {
      case 'unknownRequest':
      case 'notYours':
        return this.refuse(context, result);
      case 'expired':
      case 'ended':
        return this.showEnded(context, result.request);
      case 'invalidValue':
        return this.showRecord(context, result.request, { kind: 'needsValue' });
      case 'accepted':
        return this.showRecord(context, result.request, { kind: result.request.status === 'waitingForDns' ? 'new' : 'resumed' });
    }
  }

  private async showVerification(context: TurnContext, result: VerifyResult): Promise<void> {
    switch (result.kind) {
      case 'unknownRequest':
      case 'notYours':
        return this.refuse(context, result);
      case 'expired':
      case 'ended':
        return this.showEnded(context, result.request);
      case 'needsValue':
        return this.showRecord(context, result.request, { kind: 'needsValue' });
      case 'rateLimited':
        return this.showRecord(context, result.request, { kind: 'rateLimited', retryAfterSeconds: result.retryAfterSeconds });
      case 'recordFound':
        return this.showRecord(context, result.request, { kind: 'resumed' });
      case 'checked':
        return this.showRecord(context, result.request, result.outcome.kind === 'found' ? { kind: 'recordFound' } : { kind: 'checked', outcome: result.outcome });
    }
  }

  /** `shownBefore`: a takeover completed or reported before shows its final card again, without counting a new answer. */
  private async showCompletion(context: TurnContext, result: CompleteResult, shownBefore = false): Promise<void> {
    const t = turnStrings(context);
    switch (result.kind) {
      case 'unknownRequest':
      case 'notYours':
        return this.refuse(context, result);
      case 'expired':
      case 'ended':
        return this.showEnded(context, result.request);
      case 'needsValue':
        return this.showRecord(context, result.request, { kind: 'needsValue' });
      case 'needsDns':
        return this.showRecord(context, result.request, { kind: 'cannotAskNoRecord' });
      case 'rateLimited':
        return this.showRecord(context, result.request, { kind: 'rateLimited', retryAfterSeconds: result.retryAfterSeconds });
      case 'notConfirmed':
        return this.showRecord(context, result.request, { kind: 'notConfirmed', seen: result.seen });
      case 'licensesNeeded':
        return replaceCard(context, takeoverOutcomeCard(t, { kind: 'licenses', request: result.request, needs: result.needs }));
      case 'takenOverByOther':
        return replaceCard(context, takeoverOutcomeCard(t, { kind: 'takenOverByOther', request: result.request }));
      case 'completed': {
        const card = takeoverOutcomeCard(t, {
          kind: 'completed',
          request: result.request,
          organization: result.organization,
          members: result.members,
          ...(result.unconfirmedBecause ? { unconfirmedBecause: result.unconfirmedBecause } : {}),
        });
        // A press of an older card of a finished takeover: its result again, not a new answer.
        return shownBefore || result.before ? replaceCard(context, card) : sendAnswer(this.deps, context, card, 'takeover', 'replace');
      }
    }
  }

  /**
   * A request that was over before this press: say how it ended (a completed or reported one shows its final card
   * again).
   * @remarks A cancelled request pressed again says it has ended, with a way to start anew: "Okay, I've
   * cancelled it" is the answer to Cancel only, not to a later press.
   */
  private async showEnded(context: TurnContext, request: TakeoverRequest): Promise<void> {
    if (request.status === 'completed' || request.status === 'reportedByUser') {
      // Only a completed result is shown from here: showCompletion comes back here for requests that are over.
      const completed = await this.deps.takeovers.finish(request.id, actorOf(context));
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

/** What is wrong with a pasted value, what a value looks like, and where Microsoft shows it. */
/** What was pasted is no value: what the understanding says is wrong with it, or that it is the instructions' example. */
export type ValueProblem = TxtValueProblem | 'exampleValue';

/**
 * The value read from what was pasted, unless it is the example of Microsoft's documentation (MS=ms12345678): that
 * one looks real but never came from Microsoft, so it is named as the example rather than checked in DNS.
 */
export function valueOrExample(reading: TxtValueReading): { value: string } | { problem: ValueProblem } {
  return 'value' in reading && isExampleTxtValue(reading.value) ? { problem: 'exampleValue' } : reading;
}

export function valueProblemText(t: Strings, problem: ValueProblem, request: Pick<TakeoverRequest, 'kind' | 'domain'>): string {
  return `${t.takeover.valueProblems[problem]} ${whereToFindValue(t, request.kind, request.domain)}`;
}

/** The user's latest takeover (the one whose card they saw last), if it is still open and theirs. */
export async function latestOpenTakeover(deps: DialogDeps, context: TurnContext): Promise<TakeoverRequest | undefined> {
  const { takeoverId } = await deps.userProfile.get(context, {});
  return takeoverId ? deps.takeovers.openRequest(takeoverId, actorOf(context)) : undefined;
}

/** Who pressed the button, from the activity itself. */
export function actorOf(context: TurnContext): Actor {
  const { id, aadObjectId } = context.activity.from;
  return aadObjectId ? { userId: id, aadObjectId } : { userId: id };
}

