/**
 * Shows a card as the new state of the card whose button was pressed, where the channel allows it.
 * @remarks Teams updates a message in place (the pressed card then shows the progress instead of a
 * stream of new cards); an Action.Execute invoke answers with the new card itself. Channels that cannot
 * update (the Emulator, Web Chat, the terminal chat) get it as a new message.
 */
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { CardAttachment } from '../cards/renderCard.js';
import { cardAnswer, messageAnswer } from './invokeResponses.js';
import { turnData } from './turnData.js';

export async function replaceCard(context: TurnContext, card: CardAttachment): Promise<void> {
  const { type, channelId, replyToId } = context.activity;
  if (type === 'invoke') {
    turnData(context).invokeCard = card;
    return;
  }
  if (channelId === 'msteams' && replyToId) {
    try {
      await context.updateActivity({ type: 'message', id: replyToId, attachments: [card] });
      return;
    } catch {
      // The message could not be updated (deleted, or too old): the card still reaches the user as a new message.
    }
  }
  await context.sendActivity({ attachments: [card] });
}

/** The answer to an Action.Execute invoke: the replacement card if a dialog set one, else an empty message. */
export function invokeAnswer(context: TurnContext): AdaptiveCardInvokeResponse {
  const card = turnData(context).invokeCard;
  return card ? cardAnswer(card.content) : messageAnswer();
}
