/**
 * CloudAdapter that runs a turn for an already authenticated request, and recovers from turn errors.
 * @remarks Authentication happens in messagesEndpoint.ts so that its failures become 401s; the
 * SDK's protected processActivity accepts the result of that step.
 * The SDK hands every error of a turn to `onTurnError`, also in a turn the bot starts itself
 * (continueConversationAsync, createConversationAsync): there it would swallow the error, so that a ticket the
 * helpdesk channel refused counted as posted, and answer "something went wrong" into that channel. Those turns are
 * marked, and their errors go back to whoever started them.
 */
import {
  ActivityTypes,
  CloudAdapter,
  type Activity,
  type BotState,
  type ChannelAccount,
  type ConversationParameters,
  type ConversationReference,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication, ClaimsIdentity } from 'botframework-connector';
import { invokeResponse, messageAnswer, sendInvokeResponse } from '../../dialogs/invokeResponses.js';
import { turnData } from '../../dialogs/turnData.js';
import { stringsFor, type Strings } from '../../locales/strings.js';
import { chooseLanguage } from '../../understanding/chooseLanguage.js';
import { languageOfText } from '../../understanding/textLanguage.js';
import { isStoreUnavailable, isStoreWriteFailed } from '../../services/ports/storeUnavailable.js';
import type { Logger } from '../app/logger.js';

type Logic = (context: TurnContext) => Promise<void>;

/** The turn state key that marks a turn the bot started itself. */
const PROACTIVE_TURN = Symbol('proactiveTurn');

export interface HelpdeskAdapterOptions {
  /**
   * The channels (service URLs) the bot may call; every URL when not given. Local mode, without authentication,
   * allows only this machine's: an activity cannot make the bot call an address it names.
   */
  serviceUrlAllowed?: (serviceUrl: string) => boolean;
}

/** A service URL the bot was asked to call and may not; the turn does not run. */
export class ServiceUrlNotAllowedError extends Error {
  constructor(readonly serviceUrl: string) {
    super(`HelpdeskAdapter: the service URL "${serviceUrl}" is not allowed here (local mode calls only this machine)`);
    this.name = 'ServiceUrlNotAllowedError';
  }
}

export class HelpdeskAdapter extends CloudAdapter {
  private readonly serviceUrlAllowed: (serviceUrl: string) => boolean;

  constructor(
    auth: BotFrameworkAuthentication,
    flowState: BotState,
    logger: Logger,
    options: HelpdeskAdapterOptions = {},
  ) {
    super(auth);
    this.serviceUrlAllowed = options.serviceUrlAllowed ?? (() => true);
    this.onTurnError = (context, error) => recoverFromTurnError(context, error, flowState, logger);
  }

  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: Logic): Promise<InvokeResponse | undefined> {
    this.checkServiceUrl(activity.serviceUrl);
    return this.processActivity(auth, activity, logic);
  }

  /** continueConversationAsync ends here: the turn is marked as the bot's own, and the channel checked. */
  protected override processProactive(claimsIdentity: ClaimsIdentity, continuationActivity: Partial<Activity>, audience: string | undefined, logic: Logic): Promise<void> {
    this.checkServiceUrl(continuationActivity.serviceUrl);
    return super.processProactive(claimsIdentity, continuationActivity, audience, proactive(logic));
  }

  override createConversationAsync(
    botAppId: string,
    channelId: string,
    serviceUrl: string,
    audience: string,
    conversationParameters: ConversationParameters,
    logic: Logic,
  ): Promise<void> {
    this.checkServiceUrl(serviceUrl);
    return super.createConversationAsync(botAppId, channelId, serviceUrl, audience, conversationParameters, proactive(logic));
  }

  /**
   * Starts (or, as Teams does for a pair that has one, reopens) the personal chat with `user` through the channel
   * a conversation reference of theirs came from, and runs `logic` in it: Microsoft's way to message someone first.
   * Teams answers 403 when the bot is not installed for that person; the error goes to the caller.
   */
  openPersonalChat(appId: string, from: Partial<ConversationReference>, user: ChannelAccount, logic: Logic): Promise<void> {
    const tenantId = from.conversation?.tenantId;
    if (!from.serviceUrl || !from.channelId || !from.bot) throw new Error('HelpdeskAdapter.openPersonalChat(): the reference names no channel, service URL or bot');
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: from.bot,
      members: [user],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
    } as ConversationParameters;
    // No audience: the connector factory's own for its cloud, as continueConversationAsync uses it.
    return this.createConversationAsync(appId, from.channelId, from.serviceUrl, undefined as unknown as string, parameters, logic);
  }

  /** Throws (before anything is sent) for a service URL this bot may not call. */
  private checkServiceUrl(serviceUrl: string | undefined): void {
    if (!this.serviceUrlAllowed(serviceUrl ?? '')) throw new ServiceUrlNotAllowedError(serviceUrl ?? '');
  }
}

/** Marks the turn as started by the bot, before its logic runs. */
function proactive(logic: Logic): Logic {
  return (context) => {
    context.turnState.set(PROACTIVE_TURN, true);
    return logic(context);
  };
}

/**
 * For a turn the bot started itself: the error goes back to whoever started it (see the module's remarks).
 * Otherwise: logs with the stack, clears the broken dialog state (the sender's own flow: see HelpdeskBotDeps.flowState),
 * and tells the user in their language. When the
 * store could not be reached, the dialog state is not broken, only out of reach: it is kept, and the user
 * is asked to try again in a moment.
 */
export async function recoverFromTurnError(context: TurnContext, error: Error, flowState: BotState, logger: Logger): Promise<void> {
  // Nobody is waiting for an answer in a turn the bot started (a ticket posted to a channel, news for a requester):
  // its caller records the failure and tries again, and nothing is said in that conversation.
  if (context.turnState.get(PROACTIVE_TURN) === true) throw error;
  const { conversation, type } = context.activity;
  if (isStoreUnavailable(error)) {
    logger.warn({ err: error, conversationId: conversation?.id, activityType: type }, 'turn failed: the store is not reachable');
    const strings = errorStrings(context).common;
    // After an answer went out, "try again" would take back what that answer says happened (a signup recorded).
    const said = turnData(context).answerSent ? strings.notSavedAfterAnswer : isStoreWriteFailed(error) ? strings.notSaved : strings.storeUnavailable;
    await tellUser(context, said, logger);
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
