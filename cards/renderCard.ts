/** Expands a card template from `cards/templates/` with typed data into an Adaptive Card attachment. */
import { Template } from 'adaptivecards-templating';
import { readProjectJson } from '../services/projectFiles.js';
import type { CardAction } from './cardAction.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface CardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

export interface CardButton {
  title: string;
  data: Exclude<CardAction, { verb: 'unknown' }>;
}

export interface AnswerCardData {
  title?: string;
  paragraphs: string[];
  facts?: { title: string; value: string }[];
  note?: string;
  actions?: CardButton[];
}

export interface QuestionCardData {
  title: string;
  question: string;
  choices: CardButton[];
}

const templates = new Map<string, Template>();

function expand(templateName: string, data: object): CardAttachment {
  let template = templates.get(templateName);
  if (!template) {
    template = new Template(readProjectJson<object>('cards', 'templates', `${templateName}.json`));
    templates.set(templateName, template);
  }
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: template.expand({ $root: data }) as Record<string, unknown> };
}

/** A card that answers: a title, paragraphs, optional facts and a note, and buttons. */
export function answerCard(data: AnswerCardData): CardAttachment {
  return expand('answer', { facts: [], actions: [], ...data });
}

/** A card that asks one question with a button per choice, stacked so long labels stay readable. */
export function questionCard(data: QuestionCardData): CardAttachment {
  return expand('question', data);
}
