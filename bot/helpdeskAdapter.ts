/**
 * CloudAdapter that runs a turn for an already authenticated request, and recovers from turn errors.
 * @remarks Authentication happens in messagesEndpoint.ts so that its failures become 401s; the
 * SDK's protected processActivity accepts the result of that step.
 */
import { CloudAdapter, type Activity, type ConversationState, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import { turnStrings } from '../dialogs/turnLanguage.js';
import type { Logger } from './logger.js';

export class HelpdeskAdapter extends CloudAdapter {
  constructor(
    auth: BotFrameworkAuthentication,
    conversationState: ConversationState,
    logger: Logger,
  ) {
    super(auth);
    this.onTurnError = (context, error) => recoverFromTurnError(context, error, conversationState, logger);
  }

  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/** Logs with the stack, clears the broken dialog state, and tells the user in their language. */
export async function recoverFromTurnError(context: TurnContext, error: Error, conversationState: ConversationState, logger: Logger): Promise<void> {
  const { conversation, type } = context.activity;
  logger.error({ err: error, conversationId: conversation?.id, activityType: type }, 'turn error');
  try {
    await conversationState.delete(context);
  } catch (deleteError) {
    logger.error({ err: deleteError, conversationId: conversation?.id }, 'could not clear the conversation state after a turn error');
  }
  try {
    await context.sendActivity(turnStrings(context).common.turnError);
  } catch (sendError) {
    logger.warn({ err: sendError, conversationId: conversation?.id }, 'could not tell the user about the turn error');
  }
}
