/** What a recognizer answers for a typed message: the intent to act on, the ranking, the language it looked like. */
import type { FactId } from '../services/models/fact.js';
import type { Intent, Language } from '../services/models/intent.js';

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
