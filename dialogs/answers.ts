/**
 * Sends a flow's answer and counts it: every answer is recorded (intent, language, organization, time)
 * and asks "Did this help?", which is what the deflection figures are made of.
 */
import type { TurnContext } from 'botbuilder';
import { withFeedback } from '../cards/feedbackButtons.js';
import type { CardAttachment } from '../cards/renderCard.js';
import type { Intent } from '../services/models/intent.js';
import { replaceCard } from './cardReply.js';
import type { DialogDeps } from './dialogDeps.js';
import { requesterOrganization } from './requesterOrganization.js';
import { turnLanguage, turnStrings } from './turnLanguage.js';

/** `replace`: the answer takes the place of the card whose button was pressed (see replaceCard). */
export async function sendAnswer(deps: DialogDeps, context: TurnContext, card: CardAttachment, intent: Intent, how: 'send' | 'replace' = 'send'): Promise<void> {
  const { organization } = await requesterOrganization(deps, context);
  const answer = await deps.tickets.recordAnswer({ intent, language: turnLanguage(context), orgId: organization?.id, userId: context.activity.from.id });
  await deps.lastAnswerId.set(context, answer.id);
  await deps.lastAnswerTopic.set(context, intent);
  const rated = withFeedback(turnStrings(context), card, answer.id);
  if (how === 'replace') await replaceCard(context, rated);
  else await context.sendActivity({ attachments: [rated] });
}
