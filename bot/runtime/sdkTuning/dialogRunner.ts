/**
 * Runs the router dialog for one turn with the SDK's classic pattern (a DialogSet, createContext, continueDialog,
 * beginDialog) instead of `runDialog`.
 * @remarks Why: `runDialog` also loads and saves every dialog memory scope on every turn (the handler saves flow
 * and user state after the turn anyway) and snapshots all of memory into a "Bot State" trace that only the Bot
 * Framework Emulator shows (CloudAdapter drops traces on other channels). In the Emulator the turn still goes
 * through `runDialog`, so its inspector keeps showing the state.
 * Relies on: for a turn that is not a skill call (no EndOfConversation or reprompt from a parent bot) and whose
 * dialogs handle no `error` event, `runDialog` does nothing else a user or the store can see: the same replies
 * and the same stored dialog state. It leaves out runDialog's telemetry client (this bot sets none). The dialog
 * memory's configuration is still built once per turn, as the SDK does: keeping it across turns (about 40-100 µs
 * of CPU a turn) would need botbuilder-dialogs' private turn-state key, so it is not done.
 * Pinned by test/bot/runtime/sdkTuning/dialogRunner.contract.test.ts; SDK_TUNING=off runs plain `runDialog`.
 */
import { Channels, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { type Dialog, DialogSet, type DialogState, DialogTurnStatus, runDialog } from 'botbuilder-dialogs';

/** Runs a dialog for one turn. */
export type DialogRunner = (context: TurnContext) => Promise<void>;

/** The SDK's own way: `runDialog` on every turn. */
export function sdkDialogRunner(dialog: Dialog, dialogState: StatePropertyAccessor<DialogState>): DialogRunner {
  return (context) => runDialog(dialog, context, dialogState);
}

/** Continues the active dialog, or begins `dialog` when none is; in the Emulator, `runDialog`. */
export class ContinueOrBeginRunner {
  private readonly dialogs: DialogSet;

  constructor(
    private readonly dialog: Dialog,
    private readonly dialogState: StatePropertyAccessor<DialogState>,
  ) {
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(dialog);
  }

  async run(context: TurnContext): Promise<void> {
    if (context.activity.channelId === Channels.Emulator) {
      await runDialog(this.dialog, context, this.dialogState);
      return;
    }
    const dialogContext = await this.dialogs.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.dialog.id);
  }
}

export function continueOrBeginRunner(dialog: Dialog, dialogState: StatePropertyAccessor<DialogState>): DialogRunner {
  const runner = new ContinueOrBeginRunner(dialog, dialogState);
  return (context) => runner.run(context);
}
