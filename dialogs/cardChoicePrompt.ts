/**
 * Asks a question on a card and accepts the answer as a button press or as typed text.
 * @remarks People press the button, type the label, a synonym ("uni", "mkb") or the option's number;
 * all of them count. A press of another card's button is not an answer: the router treats it as a
 * new request (see RouterDialog.interruption).
 */
import type { TurnContext } from 'botbuilder';
import { Prompt, recognizeChoices, type Choice, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import type { Strings } from '../locales/strings.js';
import { readCardAction, type CardAction } from '../cards/cardAction.js';
import type { CardAttachment } from '../cards/renderCard.js';
import type { Verb } from '../cards/verbs.js';
import { turnLanguage, turnStrings } from './turnLanguage.js';

export interface CardChoice<T extends string> {
  value: T;
  /** Words that also pick this choice when typed (its label is always one of them). */
  synonyms: string[];
}

export interface CardChoiceSpec<T extends string> {
  verb: Verb;
  /** The chosen value from a press of this prompt's button, or undefined when the data do not fit. */
  valueOf(action: CardAction): T | undefined;
  choices(t: Strings): CardChoice<T>[];
  card(t: Strings): CardAttachment;
}

export class CardChoicePrompt<T extends string> extends Prompt<T> {
  constructor(
    dialogId: string,
    private readonly spec: CardChoiceSpec<T>,
  ) {
    super(dialogId);
  }

  get verb(): Verb {
    return this.spec.verb;
  }

  /** True when typed text would be taken as an answer to this prompt. */
  understands(context: TurnContext, text: string): boolean {
    return this.recognizeText(context, text) !== undefined;
  }

  protected override async onPrompt(context: TurnContext, _state: object, _options: PromptOptions, isRetry: boolean): Promise<void> {
    const t = turnStrings(context);
    if (isRetry) await context.sendActivity(t.common.pickAnOption);
    await context.sendActivity({ attachments: [this.spec.card(t)] });
  }

  protected override async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<T>> {
    const action = readCardAction(context.activity.value);
    const value = action ? (action.verb === this.spec.verb ? this.spec.valueOf(action) : undefined) : this.recognizeText(context, context.activity.text);
    return value === undefined ? { succeeded: false } : { succeeded: true, value };
  }

  private recognizeText(context: TurnContext, text: string | undefined): T | undefined {
    const utterance = text?.trim();
    if (!utterance || utterance.length > 200) return undefined;
    const choices: Choice[] = this.spec.choices(turnStrings(context)).map(({ value, synonyms }) => ({ value, synonyms }));
    const locale = turnLanguage(context) === 'nl' ? 'nl-nl' : 'en-us';
    const [best] = recognizeChoices(utterance, choices, { locale, recognizeNumbers: true, recognizeOrdinals: true });
    return best?.resolution.value as T | undefined;
  }
}
