/**
 * CloudAdapter that runs a turn for an already authenticated request, and recovers from turn errors.
 * @remarks Authentication happens in messagesEndpoint.ts so that its failures become 401s; the
 * SDK's protected processActivity accepts the result of that step.
 */
import { ActivityTypes, CloudAdapter, type Activity, type BotState, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import { invokeResponse, messageAnswer, sendInvokeResponse } from '../../dialogs/invokeResponses.js';
import { turnData } from '../../dialogs/turnData.js';
import { stringsFor, type Strings } from '../../locales/strings.js';
import { chooseLanguage } from '../../understanding/chooseLanguage.js';
import { languageOfText } from '../../understanding/textLanguage.js';
import { isStoreUnavailable } from '../../services/ports/storeUnavailable.js';
import type { Logger } from '../app/logger.js';

export class HelpdeskAdapter extends CloudAdapter {
  constructor(
    auth: BotFrameworkAuthentication,
    flowState: BotState,
    logger: Logger,
  ) {
    super(auth);
    this.onTurnError = (context, error) => recoverFromTurnError(context, error, flowState, logger);
  }

  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * Logs with the stack, clears the broken dialog state (the sender's own flow: see HelpdeskBotDeps.flowState),
 * and tells the user in their language. When the
 * store could not be reached, the dialog state is not broken, only out of reach: it is kept, and the user
 * is asked to try again in a moment.
 */
export async function recoverFromTurnError(context: TurnContext, error: Error, flowState: BotState, logger: Logger): Promise<void> {
  const { conversation, type } = context.activity;
  if (isStoreUnavailable(error)) {
    logger.warn({ err: error, conversationId: conversation?.id, activityType: type }, 'turn failed: the store is not reachable');
    await tellUser(context, errorStrings(context).common.storeUnavailable, logger);
    return;
  }
  logger.error({ err: error, conversationId: conversation?.id, activityType: type }, 'turn error');
  try {
    await flowState.delete(context);
  } catch (deleteError) {
    logger.error({ err: deleteError, conversationId: conversation?.id }, 'could not clear the dialog state after a turn error');
  }
  await tellUser(context, errorStrings(context).common.turnError, logger);
}

/**
 * The strings of the user's language. The turn may have failed before the bot chose it (reading the
 * conversation's state, when the store is down): then the text and the activity's locale decide, as far as the
 * bot can tell without the state.
 */
function errorStrings(context: TurnContext): Strings {
  const chosen = turnData(context).language;
  if (chosen) return stringsFor(chosen);
  const { text, locale } = context.activity;
  const read = text ? languageOfText(text) : undefined;
  return stringsFor(chooseLanguage({ written: read?.kind === 'supported' ? read.language : undefined, locale }));
}

async function tellUser(context: TurnContext, text: string, logger: Logger): Promise<void> {
  const { type, name } = context.activity;
  if (type === ActivityTypes.Invoke && name === 'adaptiveCard/action') {
    // A failed Action.Execute has no invoke response, which the SDK answers with 501 (Teams then shows a
    // generic error on the card): it gets the same message as its answer (HTTP 200, as Teams expects).
    await sendInvokeResponse(context, invokeResponse(messageAnswer(text)));
  }
  try {
    await context.sendActivity(text);
  } catch (sendError) {
    logger.warn({ err: sendError, conversationId: context.activity.conversation?.id }, 'could not tell the user about the turn error');
  }
}
