/** The language of the current turn, decided once by the bot and read by every dialog and card. */
import type { TurnContext } from 'botbuilder';
import { stringsFor, type Strings } from '../locales/strings.js';
import type { Language } from '../services/models/intent.js';

const TURN_LANGUAGE = Symbol('helpdesk.turnLanguage');

export function setTurnLanguage(context: TurnContext, language: Language): void {
  context.turnState.set(TURN_LANGUAGE, language);
}

export function turnLanguage(context: TurnContext): Language {
  return (context.turnState.get(TURN_LANGUAGE) as Language | undefined) ?? 'en';
}

export function turnStrings(context: TurnContext): Strings {
  return stringsFor(turnLanguage(context));
}
