/**
 * Asks a question on a card and accepts the answer as a button press, card input, or typed text.
 * @remarks People press the button, fill in the card's field, or type: the label, a synonym ("uni",
 * "mkb"), the option's number, an address in the middle of a sentence. All of them count. What typed text
 * means is decided in one place (understanding/understand.ts) from what the card says it waits for
 * (`waitsFor`); the card reads that decision, never the text. A press of another card's button is not an
 * answer: the router treats it as a new request.
 */
import type { Activity, TurnContext } from 'botbuilder';
import {
  Prompt,
  type DialogContext,
  type DialogTurnResult,
  type PromptOptions,
  type PromptRecognizerResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CardAttachment } from '../cards/renderCard.js';
import type { Strings } from '../locales/strings.js';
import { readCardAction, type CardAction } from '../cards/cardAction.js';
import type { Verb } from '../cards/verbs.js';
import type { Decision, Waiting } from '../understanding/decision.js';
import type { ChoiceSet } from '../understanding/phrases.js';
import { turnData } from './turnData.js';
import { turnStrings } from './turnLanguage.js';

/**
 * What the user's input means to a prompt: an answer, an attempt with a problem to explain
 * ("that address has a space in it"), or undefined when it is no answer at all.
 */
export type PromptReading<T, D = never> = { value: T } | { problem: string; data?: D } | undefined;

export interface PromptInput<D = unknown> {
  /** A press of one of the prompt's own buttons. */
  action?: CardAction;
  /** What typed text means (understanding/understand.ts). */
  decision?: Decision;
  /** The data the waiting card was built from, to tell a press of this card from one of an older copy. */
  data?: D;
}

export interface CardPromptSpec<T, D> {
  /** The buttons that answer this prompt. */
  verbs: readonly Verb[];
  /** What the card waits for: how typed text is understood while it waits. */
  waitsFor(data: D): Waiting;
  /** A problem may come with new data for the card asked again (`data`): a draft the user typed, say. */
  read(context: TurnContext, input: PromptInput<D>): PromptReading<T, D>;
  /**
   * The card holds on to typed text: a last step before something is recorded (the ticket's description, the
   * signup's confirmation), where a new flow would throw away what the user did. Typed text it takes only as a
   * problem (a draft to confirm, a question it cannot answer) goes to the router first: a specific question gets
   * its own answer there; anything else stays with the card. After a side answer the user hears this note, so
   * they know the card still waits.
   */
  holdsTypedText?(t: Strings): string;
  /** What to say when the input was no answer at all, from the card's data; default: "pick one of the options". */
  retryText?(t: Strings, data: D): string;
  /**
   * The question's card, from the data `ask` was given: built when the question is asked, and again (`retry`)
   * after an input that was no answer, in that turn's language.
   * @remarks The dialog state keeps this data, not the card: a waiting conversation's state stays a few hundred
   * bytes instead of a few kilobytes (the SDK hashes the whole state on every read and save), and what the
   * card shows from memory only (the user's last question) stays out of the stored state.
   */
  card(context: TurnContext, data: D, retry: boolean): CardAttachment | Promise<CardAttachment>;
}

/** What the prompt keeps in the dialog state while it waits: the data its card is built from. */
interface CardPromptOptions<D> extends PromptOptions {
  card: D;
}

/**
 * The ids of the messages that carried a question card this turn (where the channel gives them), so the
 * flow can tell its own cards' buttons from those of older cards (Teams names the card's message in `replyToId`).
 */
export function cardsSentThisTurn(context: TurnContext): string[] {
  return turnData(context).cardsSent;
}

export class CardPrompt<T, D = void> extends Prompt<T> {
  constructor(
    dialogId: string,
    private readonly spec: CardPromptSpec<T, D>,
  ) {
    super(dialogId);
  }

  /** Asks the question: sends the card built from `data` and waits for the answer. */
  ask(step: WaterfallStepContext, data: D): Promise<DialogTurnResult> {
    const options: CardPromptOptions<D> = { card: data };
    return step.prompt(this.id, options);
  }

  answers(action: CardAction): boolean {
    return this.spec.verbs.includes(action.verb as Verb);
  }

  /** What the card waits for; `waitingIn` is the dialog context the prompt waits in. */
  waiting(waitingIn: DialogContext): Waiting {
    return this.spec.waitsFor(cardDataIn(waitingIn) as D);
  }

  /** What the card wants, in a line: the answer to "huh?" while it waits. */
  explanation(context: TurnContext, waitingIn: DialogContext): string {
    const t = turnStrings(context);
    return this.spec.retryText?.(t, cardDataIn(waitingIn) as D) ?? this.spec.holdsTypedText?.(t) ?? t.common.pickAnOption;
  }

  /** What to say after a side answer when this card holds on to typed text (see CardPromptSpec.holdsTypedText). */
  waitingNote(context: TurnContext): string | undefined {
    return this.spec.holdsTypedText?.(turnStrings(context));
  }

  /** The card; after a wrong answer, first what was wrong and then the card again. */
  protected override async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const t = turnStrings(context);
    if (isRetry) {
      const retry = turnData(context).promptRetry;
      await context.sendActivity(retry?.problem ?? this.spec.retryText?.(t, (options as CardPromptOptions<D>).card) ?? t.common.pickAnOption);
      // Kept in the dialog state with the question: the card asked again, and the next answer, go by it.
      if (retry?.data !== undefined) (options as CardPromptOptions<D>).card = retry.data as D;
    }
    // A question asked before this version kept its whole card in the state (`prompt`, `retryPrompt`) instead.
    const keptCard = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    const sent = await context.sendActivity(
      keptCard ? (keptCard as Partial<Activity>) : cardActivity(await this.spec.card(context, (options as CardPromptOptions<D>).card, isRetry)),
    );
    if (sent?.id) turnData(context).cardsSent.push(sent.id);
  }

  protected override async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<T>> {
    const action = readCardAction(context.activity.value);
    const data = (options as Partial<CardPromptOptions<D>>).card;
    const { decision } = turnData(context);
    const reading = action ? (this.answers(action) ? this.spec.read(context, { action, data }) : undefined) : decision ? this.spec.read(context, { decision, data }) : undefined;
    if (reading && 'value' in reading) return { succeeded: true, value: reading.value };
    if (reading) {
      // Not kept yet: the SDK reads a turn's input twice (before bubbling it up, and to continue), and a side
      // question answered by the router asks nothing again. The card asked again keeps it (onPrompt).
      turnData(context).promptRetry = { problem: reading.problem, data: reading.data };
    }
    return { succeeded: false };
  }
}

/** A prompt whose answer is one of a fixed set of choices, each a button and a few typed words (understanding.json `choices`). */
export function choicePrompt<T extends string, D = void>(
  dialogId: string,
  spec: {
    verb: Verb;
    valueOf(action: CardAction): T | undefined;
    /** The choice set typed text is read against; `strict`: text must be little more than a choice. */
    choices: ChoiceSet;
    strict?: boolean;
    /** The choice a typed "yes" takes, if the card has a first offer. */
    onYes?: T;
    card(t: Strings, data: D): CardAttachment;
  },
): CardPrompt<T, D> {
  return new CardPrompt<T, D>(dialogId, {
    verbs: [spec.verb],
    waitsFor: () => ({ kind: 'choice', set: spec.choices, ...(spec.strict ? { strict: true } : {}) }),
    card: (context, data) => spec.card(turnStrings(context), data),
    read: (_context, { action, decision }) => {
      const value = action ? spec.valueOf(action) : decision?.kind === 'choice' ? (decision.value as T) : decision?.kind === 'yes' ? spec.onYes : undefined;
      return value === undefined ? undefined : { value };
    },
  });
}

/** The data the waiting card was built from, kept in the prompt's state. */
function cardDataIn(waitingIn: DialogContext): unknown {
  return (waitingIn.activeDialog?.state?.options as Partial<CardPromptOptions<unknown>> | undefined)?.card;
}

/** A card as the activity a prompt sends. */
export function cardActivity(card: { contentType: string; content: object }): Partial<Activity> {
  return { attachments: [card] };
}
