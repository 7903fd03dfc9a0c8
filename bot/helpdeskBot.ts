/**
 * The Teams activity handler: decides the turn's language, runs the router dialog, welcomes new members,
 * and answers Action.Execute invokes through the same dialogs as Action.Submit messages.
 */
import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
  TurnContext,
  type UserState,
} from 'botbuilder';
import { runDialog, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { welcomeCard } from '../cards/welcomeCard.js';
import { invokeResponseBody } from '../dialogs/cardReply.js';
import { recordTurns } from '../dialogs/recentTurns.js';
import type { TranscriptLine } from '../services/ticket.js';
import { setTurnLanguage, turnStrings } from '../dialogs/turnLanguage.js';
import type { IntentRecognizer, Language } from '../services/intents.js';
import { chooseLanguage } from '../services/language.js';

interface ConversationData {
  language?: Language;
}

export interface HelpdeskBotDeps {
  conversationState: ConversationState;
  userState: UserState;
  dialog: Dialog;
  recognizer: IntentRecognizer;
  /** The rolling window of recent lines a ticket takes along. */
  recentTurns: StatePropertyAccessor<TranscriptLine[]>;
}

export class HelpdeskBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly conversationData: StatePropertyAccessor<ConversationData>;

  constructor(private readonly deps: HelpdeskBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.conversationData = deps.conversationState.createProperty<ConversationData>('conversationData');

    this.onMessage(async (context, next) => {
      // In a channel people @mention the bot; the mention is not part of what they ask.
      if (context.activity.text) context.activity.text = TurnContext.removeRecipientMention(context.activity)?.trim() ?? context.activity.text;
      await this.useLanguage(context);
      await recordTurns(context, this.deps.recentTurns);
      await runDialog(this.deps.dialog, context, this.dialogState);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const { membersAdded, recipient, conversation } = context.activity;
      const newcomers = (membersAdded ?? []).filter((member) => member.id !== recipient?.id);
      const botAddedToTeam = conversation?.conversationType === 'channel' && (membersAdded ?? []).some((member) => member.id === recipient?.id);
      if (botAddedToTeam) {
        // A team gets the helpdesk's side: how to have tickets posted here.
        await this.useLanguage(context);
        await context.sendActivity(turnStrings(context).tickets.channelWelcome);
      } else if (newcomers.length > 0 && conversation?.conversationType !== 'channel') {
        // People joining a team are not greeted in its channel; they meet the bot in their own chat.
        await this.useLanguage(context);
        await context.sendActivity({ attachments: [welcomeCard(turnStrings(context))] });
      }
      await next();
    });
  }

  /**
   * Refuses an `adaptiveCard/action` invoke that carries no action with 400, as the SDK refuses other
   * malformed ones.
   * @remarks The SDK reads `value.action.type` unchecked: without this, such an invoke fails the turn, which
   * clears the conversation's state (in a group chat, everyone's flow) and answers 501.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name, value } = context.activity;
    const action: unknown = value && typeof value === 'object' ? (value as { action?: unknown }).action : undefined;
    if (name === 'adaptiveCard/action' && value && (!action || typeof action !== 'object')) {
      const body: AdaptiveCardInvokeResponse = {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: 'Missing value.action' },
      };
      return { status: 400, body };
    }
    return super.onInvokeActivity(context);
  }

  /** Action.Execute (Universal Actions): the same verbs as Action.Submit, answered by the same dialogs. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, _value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.useLanguage(context);
    await runDialog(this.deps.dialog, context, this.dialogState);
    return invokeResponseBody(context) as AdaptiveCardInvokeResponse;
  }

  /** Saves conversation and user state after every turn, also when the turn answered nothing. */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  private async useLanguage(context: TurnContext): Promise<void> {
    const data = await this.conversationData.get(context, {});
    const { locale, text } = context.activity;
    const language = chooseLanguage({
      locale,
      guessedFromText: !locale && text ? this.deps.recognizer.guessLanguage(text) : undefined,
      previous: data.language,
    });
    setTurnLanguage(context, language);
    if (data.language !== language) await this.conversationData.set(context, { ...data, language });
  }
}
