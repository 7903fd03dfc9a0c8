/** Expands a card template from `cards/templates/` with typed data into an Adaptive Card attachment. */
import { Template } from 'adaptivecards-templating';
import { readProjectJson } from '../lib/projectFiles.js';
import type { CardAction } from './cardAction.js';
import type { VERBS } from './verbs.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

/** Buttons that send a card field: the client adds the field's value to the data under the field's id. */
type FieldButtonData =
  | { verb: typeof VERBS.submitAddress | typeof VERBS.submitDomain | typeof VERBS.submitTakeoverDomain }
  | { verb: typeof VERBS.submitTakeoverValue; request: string }
  | { verb: typeof VERBS.submitTicket; card: string }
  | { verb: typeof VERBS.resolveTicket; ticket: string };

export interface CardButton {
  title: string;
  data: Exclude<CardAction, { verb: 'unknown' | FieldButtonData['verb'] }> | FieldButtonData;
}

/** A text field; Action.Submit sends its value in the button's data under `id`. */
export interface CardInput {
  id: 'email' | 'domain' | 'question' | 'note' | 'value';
  label: string;
  placeholder: string;
  /** Pre-filled text ('' for none). */
  value: string;
  style: 'email' | 'text';
}

export interface AnswerCardData {
  title?: string;
  paragraphs: string[];
  facts?: { title: string; value: string }[];
  /** A value to copy exactly (a DNS record value), shown large in a monospace font after the facts, under `codeLabel`. */
  code?: string;
  codeLabel?: string;
  /** Paragraphs after the facts and the code. */
  after?: string[];
  input?: CardInput;
  /** More, behind a toggle (Action.ToggleVisibility) under the input: what most people need not read. */
  details?: { toggle: string; paragraphs: string[] };
  note?: string;
  actions?: CardButton[];
  /** Buttons that open a web page (Action.OpenUrl), after the actions. */
  links?: CardLink[];
}

/** A button that opens a web page: nothing is sent to the bot. */
export interface CardLink {
  title: string;
  url: string;
}

export interface QuestionCardData {
  title: string;
  question: string;
  choices: CardButton[];
}

const templates = new Map<string, Template>();

/**
 * Cards already expanded, as JSON text by template and data. Most cards a turn sends are ones sent before in
 * the same words (a question's choices, an answer for the same organization), and the templating engine
 * evaluates every `${...}` anew each time: about 5% of a turn's CPU in the bench, against a few microseconds
 * to parse the text again. Parsed anew for each caller, so no two cards share an object. Oldest out first.
 */
const expanded = new Map<string, string>();
const EXPANDED_KEPT = 500;

function expand(templateName: string, data: object): CardAttachment {
  const key = `${templateName}\n${JSON.stringify(data)}`;
  let text = expanded.get(key);
  if (text === undefined) {
    let template = templates.get(templateName);
    if (!template) {
      template = new Template(readProjectJson<object>('cards', 'templates', `${templateName}.json`));
      templates.set(templateName, template);
    }
    text = JSON.stringify(template.expand({ $root: data }));
    expanded.set(key, text);
    if (expanded.size > EXPANDED_KEPT) expanded.delete(expanded.keys().next().value as string);
  }
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: JSON.parse(text) as Record<string, unknown> };
}

/** A card that answers: a title, paragraphs, optional facts and a note, and buttons. */
export function answerCard(data: AnswerCardData): CardAttachment {
  return expand('answer', { facts: [], after: [], actions: [], links: [], ...data });
}

/** A card that asks one question with a button per choice, stacked so long labels stay readable. */
export function questionCard(data: QuestionCardData): CardAttachment {
  return expand('question', data);
}
