/**
 * The one switch for the speed overrides of SDK behaviour (SDK_TUNING, on by default): with it on, the tuned
 * pieces of this folder; off, the SDK's own classes, for when an SDK upgrade fails a contract test in
 * test/bot/runtime/sdkTuning/ (each failure names the tuning) or a tuning is suspected in production.
 *
 * - connectorAuthentication: replies on kept-alive connections (leanConnector.ts), or the authentication as given;
 * - flowState / userState: a JSON-text change check (textCheckedState.ts), or PrivateConversationState / UserState;
 * - runDialog: continue-or-begin (dialogRunner.ts), or the SDK's `runDialog`.
 */
import { PrivateConversationState, type StatePropertyAccessor, type Storage, UserState } from 'botbuilder';
import type { Dialog, DialogState } from 'botbuilder-dialogs';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import { continueOrBeginRunner, type DialogRunner, sdkDialogRunner } from './dialogRunner.js';
import { LeanConnectorAuthentication } from './leanConnector.js';
import { FlowState, TextCheckedUserState } from './textCheckedState.js';

export type { DialogRunner } from './dialogRunner.js';

export interface SdkTuning {
  readonly enabled: boolean;
  /** Wraps the bot's authentication, so every turn and proactive message talks to the channel the tuned way. */
  connectorAuthentication(auth: BotFrameworkAuthentication): BotFrameworkAuthentication;
  /** Each person's own state in a conversation: PrivateConversationState's keys and semantics. */
  flowState(storage: Storage): PrivateConversationState;
  /** A person's state across conversations: UserState's keys and semantics. */
  userState(storage: Storage): UserState;
  /** Runs `dialog` for a turn, its stack kept in `dialogState`. */
  runDialog(dialog: Dialog, dialogState: StatePropertyAccessor<DialogState>): DialogRunner;
}

export function sdkTuning(enabled: boolean): SdkTuning {
  if (!enabled) {
    return {
      enabled,
      connectorAuthentication: (auth) => auth,
      flowState: (storage) => new PrivateConversationState(storage),
      userState: (storage) => new UserState(storage),
      runDialog: sdkDialogRunner,
    };
  }
  return {
    enabled,
    connectorAuthentication: (auth) => new LeanConnectorAuthentication(auth),
    flowState: (storage) => new FlowState(storage),
    userState: (storage) => new TextCheckedUserState(storage),
    runDialog: continueOrBeginRunner,
  };
}
