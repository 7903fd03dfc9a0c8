/**
 * The Teams activity handler: decides the turn's language, runs the router dialog, welcomes new members,
 * and answers Action.Execute invokes through the same dialogs as Action.Submit messages.
 */
import {
  ActivityTypes,
  TeamsActivityHandler,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
  type InvokeResponse,
  type StatePropertyAccessor,
  StatusCodes,
  type TurnContext,
} from 'botbuilder';
import { welcomeCard } from '../../cards/welcomeCard.js';
import { invokeAnswer } from '../../dialogs/cardReply.js';
import { badRequestAnswer, invokeResponse, messageAnswer, sendInvokeResponse } from '../../dialogs/invokeResponses.js';
import { recordTurns } from '../../dialogs/recentTurns.js';
import type { TranscriptLine } from '../../services/models/ticket.js';
import { setTurnLanguage, turnStrings } from '../../dialogs/turnLanguage.js';
import type { Language } from '../../services/models/intent.js';
import { chooseLanguage } from '../../understanding/chooseLanguage.js';
import { languageOfText } from '../../understanding/textLanguage.js';
import { askedLanguage } from '../../understanding/understand.js';
import type { UserProfile } from '../../dialogs/dialogDeps.js';
import { stringsFor } from '../../locales/strings.js';
import type { Admission, FloodGuard } from './floodGuard.js';
import { ConversationTurns } from './conversationTurns.js';

export interface HelpdeskBotDeps {
  /**
   * Where each person's flow waits for their answer, and the language they were last answered in: per person
   * and conversation, so in a group chat or a channel one person's reply or button press never answers a
   * question the bot asked someone else.
   */
  flowState: BotState;
  userState: BotState;
  /** Runs the router dialog for this turn: continues the person's flow, or begins the router. */
  runDialog(context: TurnContext): Promise<void>;
  /** The language this person was last answered in, in this conversation. */
  language: StatePropertyAccessor<Language | undefined>;
  /** Per user: the language they asked for. */
  userProfile: StatePropertyAccessor<UserProfile>;
  /** The rolling window of recent lines a ticket takes along. */
  recentTurns: StatePropertyAccessor<TranscriptLine[]>;
  /** Limits the turns per user (bot/floodGuard.ts); none: every activity runs (in-process tests). */
  floodGuard?: FloodGuard;
}

export class HelpdeskBot extends TeamsActivityHandler {
  private readonly turns = new ConversationTurns();
  private readonly language: StatePropertyAccessor<Language | undefined>;

  constructor(private readonly deps: HelpdeskBotDeps) {
    super();
    this.language = deps.language;

    this.onMessage(async (context, next) => {
      // In a channel people @mention the bot; the mention is not part of what they ask.
      if (context.activity.text) context.activity.text = withoutBotMention(context.activity);
      await this.useLanguage(context);
      await recordTurns(context, this.deps.recentTurns);
      await this.deps.runDialog(context);
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
    if (name === 'adaptiveCard/action' && value && (!action || typeof action !== 'object')) return invokeResponse(badRequestAnswer('Missing value.action'));
    let response: InvokeResponse;
    try {
      response = await super.onInvokeActivity(context);
    } catch (error) {
      // Only Action.Execute runs this bot's own code; for any other invoke it is the SDK's Teams parsing that
      // failed on a value it reads unchecked (a file consent without an action, a search without a query).
      if (name === 'adaptiveCard/action') throw error;
      return invokeResponse(badRequestAnswer('Malformed invoke value.'));
    }
    // The SDK answers invokes this bot has no handler for (a messaging extension query, task/fetch, sign-in,
    // a made-up name) with 501. No such invoke is declared in the manifest, so it is a client's mistake
    // (or a probe), not a fault of the server: 400, which keeps 5xx for real failures in the monitoring.
    if (response?.status === StatusCodes.NOT_IMPLEMENTED) return invokeResponse(badRequestAnswer('This bot does not handle this invoke.'));
    return response;
  }

  /** Action.Execute (Universal Actions): the same verbs as Action.Submit, answered by the same dialogs. */
  protected override async onAdaptiveCardInvoke(context: TurnContext, _value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.useLanguage(context);
    await this.deps.runDialog(context);
    return invokeAnswer(context);
  }

  /**
   * Runs the turn after the conversation's turn before it (see ConversationTurns), and saves flow and user
   * state after every turn, also when it answered nothing. A user over the flood guard's limit
   * gets no turn: no state is read or written for them.
   */
  override async run(context: TurnContext): Promise<void> {
    // Only these types have handlers here. The SDK's Teams dispatch for the others (message updates and
    // deletes, reactions, installation updates, events) reads their channelData unchecked, so a malformed one
    // could only fail a turn that would have done nothing.
    if (!HANDLED_TYPES.has(context.activity.type)) return;
    const admission = this.deps.floodGuard ? this.deps.floodGuard.admit(floodKey(context)) : 'admit';
    if (admission !== 'admit') return this.refuseFlood(context, admission);
    await this.turns.run(conversationKey(context), async () => {
      await super.run(context);
      await this.deps.flowState.saveChanges(context, false);
      await this.deps.userState.saveChanges(context, false);
    });
  }

  /**
   * Over the limit: a message gets "slow down" once per window, and then nothing; an Action.Execute gets it as
   * the card's answer every time (it needs an answer, and it shows on the card rather than in the chat); other
   * invokes get 429; anything else is dropped.
   */
  private async refuseFlood(context: TurnContext, admission: Exclude<Admission, 'admit'>): Promise<void> {
    const { type, name, locale, text } = context.activity;
    // The conversation's state is not read for a refused turn, so the language comes from the activity alone.
    const t = stringsFor(chooseLanguage({ written: writtenLanguage(text), locale }));
    if (type === ActivityTypes.Invoke) {
      await sendInvokeResponse(context, name === 'adaptiveCard/action' ? invokeResponse(messageAnswer(t.common.slowDown)) : { status: 429 });
      return;
    }
    if (type === ActivityTypes.Message && admission === 'slowDown') await context.sendActivity(t.common.slowDown);
  }

  /** The turn's language (understanding/chooseLanguage.ts); one asked for ("Nederlands graag") is remembered for the user. */
  private async useLanguage(context: TurnContext): Promise<void> {
    const previous = await this.language.get(context);
    const profile = await this.deps.userProfile.get(context, {});
    const { locale, text } = context.activity;
    const asked = text ? askedLanguage(text) : undefined;
    const language = chooseLanguage({ asked, written: writtenLanguage(text), chosen: profile.language, previous, locale });
    setTurnLanguage(context, language);
    if (previous !== language) await this.language.set(context, language);
    if (asked && profile.language !== asked) await this.deps.userProfile.set(context, { ...profile, language: asked });
  }
}

/** The language the text clearly is, if it is one the bot speaks. */
function writtenLanguage(text: string | undefined): Language | undefined {
  const read = text ? languageOfText(text) : undefined;
  return read?.kind === 'supported' ? read.language : undefined;
}

const HANDLED_TYPES = new Set<string>([ActivityTypes.Message, ActivityTypes.ConversationUpdate, ActivityTypes.Invoke]);

/** Which turns wait for each other: those of one conversation (ids are only unique within a channel). */
function conversationKey(context: TurnContext): string {
  return `${context.activity.channelId}:${context.activity.conversation?.id ?? ''}`;
}

/** Whose turns the flood guard counts: the sender, per channel (ids are only unique within one). */
function floodKey(context: TurnContext): string {
  return `${context.activity.channelId}:${context.activity.from.id}`;
}

/**
 * The text without the @mention of the bot, as Teams puts it in a channel message ("<at>Helpdesk</at> help").
 * @remarks Instead of TurnContext.removeRecipientMention, which reads every entity's `type`, `mentioned.id` and
 * the recipient unchecked and fails the turn on an activity that lacks one of them.
 */
export function withoutBotMention(activity: Activity): string {
  const text = activity.text ?? '';
  const botId = activity.recipient?.id;
  if (!botId) return text.trim();
  for (const entity of activity.entities ?? []) {
    const mention = entity as { type?: unknown; mentioned?: { id?: unknown } | null; text?: unknown };
    if (typeof mention.type !== 'string' || mention.type.toLowerCase() !== 'mention') continue;
    if (mention.mentioned?.id === botId && typeof mention.text === 'string' && mention.text) return text.replace(mention.text, '').trim();
  }
  return text.trim();
}
