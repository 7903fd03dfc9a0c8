/**
 * Which language a turn is answered in: the one the user asks for ("Nederlands graag"), else the one they clearly
 * write in, else the one they chose or were last answered in, else their Teams locale, else English.
 * @remarks The text comes before the locale: a Dutch question from an English Teams client gets a Dutch answer.
 * Short or mixed messages ("ok", "thx", "Power BI?") say nothing about the language, so they keep the current one.
 */
import type { Language } from '../services/models/intent.js';

export interface LanguageClues {
  /** The language the message asks to be answered in ("English please"). */
  asked?: Language;
  /** The language the message text clearly is, if any (textLanguage.ts). */
  written?: Language;
  /** The language the user asked for earlier, remembered per user. */
  chosen?: Language;
  /** The language of this conversation's previous turn: card clicks carry no text to read. */
  previous?: Language;
  /** `activity.locale`, e.g. nl-NL or en-US. */
  locale?: string;
}

export function chooseLanguage({ asked, written, chosen, previous, locale }: LanguageClues): Language {
  const fromLocale = locale?.trim() ? (locale.trim().toLowerCase().startsWith('nl') ? 'nl' : 'en') : undefined;
  return asked ?? written ?? previous ?? chosen ?? fromLocale ?? 'en';
}
