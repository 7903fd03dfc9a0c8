/**
 * Runs the router dialog for one turn: continues the active dialog, or begins the router when none is.
 * @remarks This is the SDK's classic pattern (a DialogSet, createContext, continueDialog, beginDialog) rather
 * than `runDialog`, which on every turn also builds the dialog memory's configuration again, loads and saves
 * every memory scope (hashing conversation and user state twice more; the handler saves them after the turn
 * anyway) and snapshots all of memory into a "Bot State" trace activity that only the Bot Framework Emulator
 * shows. Together that was about 7% of a turn's CPU in the bench. In the Emulator the turn still goes through
 * `runDialog`, so its inspector keeps showing the state.
 */
import { Channels, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  type Dialog,
  DialogSet,
  type DialogState,
  type DialogStateManagerConfiguration,
  DialogTurnStatus,
  runDialog,
} from 'botbuilder-dialogs';

/**
 * Where a DialogStateManager looks for the configuration before building it (botbuilder-dialogs'
 * `DIALOG_STATE_MANAGER_CONFIGURATION`, not exported). If a later SDK renames it, the configuration is
 * simply built per turn again, as runDialog does.
 */
const MEMORY_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

export class RootDialog {
  private readonly dialogs: DialogSet;
  /** The memory scopes and path resolvers: stateless, so one set serves every turn. */
  private memoryConfiguration?: DialogStateManagerConfiguration;

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
    if (this.memoryConfiguration) context.turnState.set(MEMORY_CONFIGURATION_KEY, this.memoryConfiguration);
    const dialogContext = await this.dialogs.createContext(context);
    this.memoryConfiguration ??= dialogContext.state.configuration;
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.dialog.id);
  }
}
