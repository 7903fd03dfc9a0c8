/** Which language a turn is answered in (locale first, else guessed from the text). */
import type { Language } from '../services/models/intent.js';

export interface LanguageClues {
  /** `activity.locale`, e.g. nl-NL or en-US. */
  locale?: string;
  /** The language the message text looks like, if it has text and the guess was possible. */
  guessedFromText?: Language;
  /** The language of this conversation's previous turn: card clicks carry no text to guess from. */
  previous?: Language;
}

export function chooseLanguage({ locale, guessedFromText, previous }: LanguageClues): Language {
  if (locale && locale.trim()) return locale.trim().toLowerCase().startsWith('nl') ? 'nl' : 'en';
  return guessedFromText ?? previous ?? 'en';
}
