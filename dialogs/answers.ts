/**
 * Sends a flow's answer and counts it: every answer is recorded (intent, language, organization, time)
 * and asks "Did this help?", which is what the deflection figures are made of. The card the user has just seen is
 * not sent again: a line points at it (lastShownAnswer.ts).
 */
import type { TurnContext } from 'botbuilder';
import { withFeedback } from '../cards/feedbackButtons.js';
import type { CardAttachment } from '../cards/renderCard.js';
import { sameAnswerCard } from '../cards/sameAnswerCard.js';
import type { Intent } from '../services/models/intent.js';
import type { AnswerRecord } from '../services/models/ticket.js';
import { isStoreUnavailable } from '../services/ports/storeUnavailable.js';
import { replaceCard } from './cardReply.js';
import type { DialogDeps } from './dialogDeps.js';
import { showAnswer } from './lastShownAnswer.js';
import { turnData } from './turnData.js';
import { requesterOrganization } from './requesterOrganization.js';
import { turnLanguage, turnStrings } from './turnLanguage.js';

/** `replace`: the answer takes the place of the card whose button was pressed (see replaceCard). */
export async function sendAnswer(deps: DialogDeps, context: TurnContext, card: CardAttachment, intent: Intent, how: 'send' | 'replace' = 'send'): Promise<void> {
  const { organization } = await requesterOrganization(deps, context);
  let answer: AnswerRecord;
  try {
    answer = await deps.tickets.recordAnswer({ intent, language: turnLanguage(context), orgId: organization?.id, userId: context.activity.from.id });
  } catch (error) {
    if (!isStoreUnavailable(error)) throw error;
    // What the answer says is already true (a signup recorded just before it): it is shown, only it cannot be
    // counted or rated. Saying "couldn't save that, try again" instead would take back what did happen.
    await deliver(context, card, how);
    return;
  }
  await deps.lastAnswerId.set(context, answer.id);
  await deps.lastAnswerTopic.set(context, intent);
  const t = turnStrings(context);
  // A card pressed in Teams is replaced in place, so the same card then stands once: only a new message repeats.
  const { repeated } = await showAnswer(deps, context, card, new Date());
  await deliver(context, withFeedback(t, repeated && how === 'send' ? sameAnswerCard(t, card) : card, answer.id), how);
}

async function deliver(context: TurnContext, card: CardAttachment, how: 'send' | 'replace'): Promise<void> {
  if (how === 'replace') await replaceCard(context, card);
  else await context.sendActivity({ attachments: [card] });
  turnData(context).answerSent = true;
}
