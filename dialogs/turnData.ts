/**
 * What one turn carries from one part of the bot to another, as one typed record in the turn's state: the
 * language HelpdeskBot chose, the card an Action.Execute is answered with, the card messages a prompt sent,
 * and the like. One record, so that a reader finds everything a turn passes around in one place, with its type.
 * @remarks It lives for the turn only (the SDK's `turnState`); what must outlive the turn is in the flow state.
 */
import type { TurnContext } from 'botbuilder';
import type { CardAttachment } from '../cards/renderCard.js';
import type { Language } from '../services/models/intent.js';
import type { Decision } from '../understanding/decision.js';
import type { Requester } from '../services/organizations/findOrganization.js';

export interface TurnData {
  /** The language this turn is answered in, chosen once by HelpdeskBot (turnLanguage.ts). */
  language?: Language;
  /** Who sent the turn, looked up once (bot/runtime/requester.ts). */
  requester?: Promise<Requester>;
  /** The card an Action.Execute invoke is answered with, when a dialog replaced the pressed card (cardReply.ts). */
  invokeCard?: CardAttachment;
  /** The ids of the messages that carried a question card this turn (cardPrompt.ts), for the router's older-card check. */
  cardsSent: string[];
  /** A card's Cancel stopped a waiting flow this turn, so the answer says "cancelled" (routerDialog.ts). */
  cancelledAFlow: boolean;
  /** An answer went out this turn (answers.ts): a store failure after it does not take it back (helpdeskAdapter.ts). */
  answerSent: boolean;
  /** What the typed message means, decided once by the router (understanding/understand.ts) and read by the waiting card. */
  decision?: Decision;
  /** What a prompt read from an answer it could not take: what was wrong, and the data its card is asked again with. */
  promptRetry?: { problem?: string; data?: unknown };
}

const TURN_DATA = Symbol('helpdesk.turnData');

export function turnData(context: TurnContext): TurnData {
  let data = context.turnState.get(TURN_DATA) as TurnData | undefined;
  if (!data) {
    data = { cardsSent: [], cancelledAFlow: false, answerSent: false };
    context.turnState.set(TURN_DATA, data);
  }
  return data;
}
