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
  | { verb: typeof VERBS.submitDomain | typeof VERBS.submitTakeoverDomain }
  /** `email`: the address itself, on a card without the field (the signup preview's "Use contoso.com"). */
  | { verb: typeof VERBS.submitAddress; email?: string }
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
  /**
   * More, behind a toggle (Action.ToggleVisibility) under the input: what most people need not read. `first`: right
   * under the paragraphs instead, above the `after` paragraphs and the input (the rest of an explanation, before the
   * question it leads to).
   */
  details?: { toggle: string; paragraphs: string[]; first?: boolean };
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
  const { details } = data;
  return expand('answer', {
    facts: [],
    actions: [],
    links: [],
    ...data,
    paragraphs: listsTogether(data.paragraphs),
    after: listsTogether(data.after ?? []),
    ...(details ? { details: { ...details, paragraphs: listsTogether(details.paragraphs) } } : {}),
    detailsFirst: details?.first === true,
  });
}

/** "1. ", "2. ": a step of a numbered list. */
const NUMBERED_STEP = /^\d+\.\s/;

/**
 * Consecutive numbered steps as one paragraph, one step a line.
 * @remarks Each TextBlock's markdown is rendered on its own, so a list split over several TextBlocks restarts in
 * each one: Web Chat shows "1. 1. 1." with a paragraph's gap between the steps. One TextBlock holds the whole list;
 * its items are separated by a single newline, which Teams and Web Chat both read as the next item of the list.
 */
export function listsTogether(paragraphs: readonly string[]): string[] {
  const joined: string[] = [];
  let previousWasStep = false;
  for (const paragraph of paragraphs) {
    const step = NUMBERED_STEP.test(paragraph);
    if (step && previousWasStep) joined[joined.length - 1] += `\n${paragraph}`;
    else joined.push(paragraph);
    previousWasStep = step;
  }
  return joined;
}

/** A card that asks one question with a button per choice, stacked so long labels stay readable. */
export function questionCard(data: QuestionCardData): CardAttachment {
  return expand('question', data);
}
