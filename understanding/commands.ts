/**
 * Commands typed in any supported language, whatever the conversation's language: help, cancel, verify (check a
 * takeover's DNS), finished ("done": the takeover's step in Microsoft is done), my tickets, use this channel, stats, thanks.
 */
import { stringsFor } from '../locales/strings.js';
import { LANGUAGES } from '../services/models/intent.js';

export type Command = 'help' | 'cancel' | 'verify' | 'finished' | 'myTickets' | 'useChannel' | 'stats' | 'thanks';

/** Lower case, punctuation and symbols as single spaces: "Yes, thanks!" and "yes thanks" read the same. */
export function normalizeWords(text: string): string {
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
      ...help.map((word) => [normalizeWords(word), 'help'] as const),
      ...cancel.map((word) => [normalizeWords(word), 'cancel'] as const),
      ...myTickets.map((word) => [normalizeWords(word), 'myTickets'] as const),
      ...useChannel.map((word) => [normalizeWords(word), 'useChannel'] as const),
      ...stats.map((word) => [normalizeWords(word), 'stats'] as const),
      ...thanks.map((word) => [normalizeWords(word), 'thanks'] as const),
      ...strings.takeover.verifyWords.map((word) => [normalizeWords(word), 'verify'] as const),
      ...strings.takeover.finishedWords.map((word) => [normalizeWords(word), 'finished'] as const),
    ];
  }),
);

/** Words that name a ticket, and words that ask how it is going, in every language: see asksTicketStatus. */
const TICKET_NOUNS = LANGUAGES.flatMap((language) => stringsFor(language).commands.myTicketsNouns.map(normalizeWords));
const STATUS_WORDS = LANGUAGES.flatMap((language) => stringsFor(language).commands.myTicketsStatusWords.map(normalizeWords));
/** Longer than this, a message mentioning a ticket's status says more than "how is my ticket doing". */
const MAX_STATUS_QUESTION = 120;

/** Phrases that name a command inside a short message ("i added it, check again pls"), in every language. */
const CONTAINED_COMMANDS: readonly (readonly [string, Command])[] = LANGUAGES.flatMap((language) => {
  const { verify, useChannel } = stringsFor(language).commands.containing;
  return [...verify.map((phrase) => [normalizeWords(phrase), 'verify'] as const), ...useChannel.map((phrase) => [normalizeWords(phrase), 'useChannel'] as const)];
});
/** Longer than this, a message that contains a command's phrase is about more than the command. */
const MAX_CONTAINING_COMMAND = 80;

export function readCommand(text: string | undefined): Command | undefined {
  if (!text || text.length > MAX_STATUS_QUESTION) return undefined;
  const said = normalizeWords(text);
  if (text.length <= 40) {
    const command = COMMAND_WORDS.get(said);
    if (command) return command;
  }
  // Not in a question: "I've added the TXT record, how do I become the admin now?" asks something else.
  if (text.length <= MAX_CONTAINING_COMMAND && !text.includes('?')) {
    const contained = CONTAINED_COMMANDS.find(([phrase]) => ` ${said} `.includes(` ${phrase} `));
    if (contained) return contained[1];
  }
  return asksTicketStatus(text) ? 'myTickets' : undefined;
}

/** "any update on my ticket?? it's been 2 hours", "hoe staat het met mijn melding?": a ticket and its progress. */
function asksTicketStatus(text: string): boolean {
  const words = ` ${normalizeWords(text)} `;
  const has = (list: readonly string[]) => list.some((word) => words.includes(` ${word} `));
  return has(TICKET_NOUNS) && has(STATUS_WORDS);
}

const FEEDBACK_WORDS: ReadonlyMap<string, boolean> = new Map(
  LANGUAGES.flatMap((language) => {
    const { helpedWords, notHelpedWords, yes, no } = stringsFor(language).feedback;
    return [...[...helpedWords, yes].map((word) => [normalizeWords(word), true] as const), ...[...notHelpedWords, no].map((word) => [normalizeWords(word), false] as const)];
  }),
);

/** "yes" / "that helped" (true) or "no" / "dat hielp niet" (false): typed feedback on the last answer, in any supported language. */
export function readFeedback(text: string | undefined): boolean | undefined {
  if (!text) return undefined;
  const said = normalizeWords(text);
  if (text.length <= 40) {
    const exact = FEEDBACK_WORDS.get(said);
    if (exact !== undefined) return exact;
  }
  // "that didn't help, I really get that error": a complaint of two words or more as a clause of its own at
  // the start ("not clear to me why my domain is in use" is a question; "no" alone opens too many sentences).
  // Not thanks: "yes thanks, and how do I add a domain?" goes on to a question of its own.
  if (text.length > MAX_RATED_MESSAGE) return undefined;
  const firstClause = normalizeWords(text.split(/[,.;:!?]/)[0] ?? '');
  return firstClause !== said && COMPLAINTS.has(firstClause) ? false : undefined;
}

/** Longer than this, a message that opens with a complaint says more than how the answer was. */
const MAX_RATED_MESSAGE = 160;
/** "Did not help" phrases of two words or more, for messages that open with one. */
const COMPLAINTS = new Set([...FEEDBACK_WORDS].filter(([phrase, helpful]) => !helpful && phrase.includes(' ')).map(([phrase]) => phrase));

/** Words a question starts with, in every language ("how", "can", "hoe", "mag"). */
const QUESTION_STARTS = new Set(LANGUAGES.flatMap((language) => stringsFor(language).commands.questionStarts.map(normalizeWords)));

/** A question mark, or a first word that starts a question: "can I delete the TXT record afterwards". */
export function looksLikeQuestion(text: string): boolean {
  if (text.includes('?')) return true;
  const first = normalizeWords(text).split(' ')[0] ?? '';
  return QUESTION_STARTS.has(first);
}

/** Words a yes starts with, in every language ("yes", "klopt", "ok"). */
const YES_WORDS = new Set(LANGUAGES.flatMap((language) => stringsFor(language).commands.yesWords.map(normalizeWords)));

/** A yes in any language, alone or with a few words ("yes that's right", "ja dat adres klopt"), and no question. */
export function saysYes(text: string | undefined): boolean {
  if (!text || text.includes('?') || text.trim().split(/\s+/).length > 6) return false;
  const first = normalizeWords(text).split(' ')[0] ?? '';
  return YES_WORDS.has(first) || readFeedback(text) === true;
}
