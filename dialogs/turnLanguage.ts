/** The language of the current turn, decided once by the bot and read by every dialog and card. */
import type { TurnContext } from 'botbuilder';
import { stringsFor, type Strings } from '../locales/strings.js';
import type { Language } from '../services/models/intent.js';
import { turnData } from './turnData.js';

export function setTurnLanguage(context: TurnContext, language: Language): void {
  turnData(context).language = language;
}

export function turnLanguage(context: TurnContext): Language {
  return turnData(context).language ?? 'en';
}

export function turnStrings(context: TurnContext): Strings {
  return stringsFor(turnLanguage(context));
}
