/** The intents of the contract table in DESIGN.md, and what a recognizer answers. */
import type { FactId } from '../../understanding/factQuestions.js';

export const INTENTS = [
  'whoIsMyAdmin',
  'amIAdmin',
  'signup',
  'domainInUse',
  'takeover',
  'escalate',
  'greeting',
  'none',
] as const;

export type Intent = (typeof INTENTS)[number];

/** Intents that are a question the bot answers; the "not sure" card offers only these. */
export const TOPIC_INTENTS: readonly Intent[] = ['whoIsMyAdmin', 'amIAdmin', 'signup', 'domainInUse', 'takeover'];

export type Language = 'en' | 'nl';
export const LANGUAGES: readonly Language[] = ['en', 'nl'];

export interface ScoredIntent {
  intent: Intent;
  score: number;
}

export interface Recognition {
  /** The intent to act on; `none` when the best guess is below the confidence threshold. */
  intent: Intent;
  score: number;
  /** Every intent with its score, best first; the "not sure" card picks its topics from here. */
  ranked: ScoredIntent[];
  /** The language the text looked like, when the recognizer could tell. */
  guessedLanguage?: Language;
  /** A specific question of the topic with its own short answer (see factQuestions.ts); `intent` is then its topic. */
  fact?: FactId;
}

export interface IntentRecognizer {
  recognize(text: string, language?: Language): Promise<Recognition>;
  guessLanguage(text: string): Language | undefined;
}

export function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}
