/** Commands typed in any supported language, whatever the conversation's language: help, cancel, verify (a takeover), my tickets, use this channel, stats, thanks. */
import { stringsFor } from '../locales/strings.js';
import { LANGUAGES } from '../services/intents.js';

export type Command = 'help' | 'cancel' | 'verify' | 'myTickets' | 'useChannel' | 'stats' | 'thanks';

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

const COMMAND_WORDS: ReadonlyMap<string, Command> = new Map(
  LANGUAGES.flatMap((language) => {
    const strings = stringsFor(language);
    const { help, cancel, myTickets, useChannel, stats, thanks } = strings.commands;
    return [
      ...help.map((word) => [normalize(word), 'help'] as const),
      ...cancel.map((word) => [normalize(word), 'cancel'] as const),
      ...myTickets.map((word) => [normalize(word), 'myTickets'] as const),
      ...useChannel.map((word) => [normalize(word), 'useChannel'] as const),
      ...stats.map((word) => [normalize(word), 'stats'] as const),
      ...thanks.map((word) => [normalize(word), 'thanks'] as const),
      ...strings.takeover.verifyWords.map((word) => [normalize(word), 'verify'] as const),
    ];
  }),
);

export function readCommand(text: string | undefined): Command | undefined {
  if (!text || text.length > 40) return undefined;
  return COMMAND_WORDS.get(normalize(text));
}
