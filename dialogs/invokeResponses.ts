/**
 * Every answer to an invoke, built in one place. An Action.Execute (`adaptiveCard/action`) is answered with a
 * card or a message that Teams shows on the pressed card; any other invoke this bot refuses gets 400 or 429.
 * @remarks Teams reads `statusCode` and `type` inside the body as well as the HTTP status; the two must agree.
 */
import { ActivityTypes, type AdaptiveCardInvokeResponse, type InvokeResponse, type TurnContext } from 'botbuilder';

/** The pressed card becomes this card. */
export function cardAnswer(card: Record<string, unknown>): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

/** Teams shows `text` on the pressed card; no text: the card stays as it is. */
export function messageAnswer(text?: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: (text ?? {}) as AdaptiveCardInvokeResponse['value'] };
}

/** A malformed invoke, or one this bot has no handler for: the client's mistake, not a fault of the bot. */
export function badRequestAnswer(message: string): AdaptiveCardInvokeResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } };
}

/** The HTTP response carrying `answer`, with the same status. */
export function invokeResponse(answer: AdaptiveCardInvokeResponse): InvokeResponse<AdaptiveCardInvokeResponse> {
  return { status: answer.statusCode, body: answer };
}

/** Answers the invoke now, from inside a turn that would otherwise end without an answer (an error, a refusal). */
export async function sendInvokeResponse(context: TurnContext, response: InvokeResponse): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
}
