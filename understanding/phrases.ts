/**
 * What users may type, from `locales/<lang>/understanding.json`: one file per language, apart from what the bot
 * says (`strings.json`), every phrase listed once.
 * @remarks Phrases of every language apply to every message: people mix languages, and a Dutch "ja" from an
 * English Teams client is a yes too. Phrases compare after `normalizeWords`; cues (facts, ratings, admin topics)
 * are word patterns, see cues.ts.
 */
import { readProjectJson } from '../lib/projectFiles.js';
import type { FactCues } from './factQuestions.js';
import type { FactId } from '../services/models/fact.js';
import type { CloudChoice, OrgType, SchoolRole } from '../services/models/organization.js';
import { LANGUAGES, type Language } from '../services/models/intent.js';

export const COMMANDS = ['help', 'cancel', 'myTickets', 'withdrawTicket', 'useChannel', 'stats', 'verify', 'finished'] as const;
export type Command = (typeof COMMANDS)[number];

/** The choice sets a card may wait for, and their values. */
export const CHOICE_SETS = {
  orgType: ['school', 'enterprise', 'smallBusiness', 'unknown'],
  takeoverKind: ['internal', 'external'],
} as const;
export type ChoiceSet = keyof typeof CHOICE_SETS;

/** The shape of one language's file. */
export interface UnderstandingFile {
  yes: string[];
  no: string[];
  helped: string[];
  notHelped: string[];
  notHelpedCues: string[];
  confused: string[];
  confusedCues: string[];
  thanks: string[];
  commands: Record<Command, string[]>;
  /** Phrases that name a command inside a short message ("i added it, check again pls"). */
  commandsInside: Partial<Record<Command, string[]>>;
  /** A ticket word and a progress word together ask how a ticket is doing. */
  ticketStatus: { nouns: string[]; progress: string[] };
  questionStarts: string[];
  /** Words of asking for a person ("talk to a real person"). */
  person: string[];
  choices: { [S in ChoiceSet]: Record<(typeof CHOICE_SETS)[S][number], string[]> } & { noWorkAddress: string[]; otherAddress: string[] };
  /** Words that pick the n-th option of a card ("the second one"); digits always do. */
  positions: string[][];
  /** Words around a domain that are no part of it ("it's contoso.com"). */
  fillerWords: string[];
  /** Words a correction of an earlier answer opens with ("actually", "sorry, wrong"). */
  correctionStarts: string[];
  /** Asking to be answered in a language ("Nederlands graag"). */
  switchTo: Record<Language, string[]>;
  /** Cues of a takeover's next step reported in the user's words ("ik heb m erin gezet", "all done in the wizard"), read while a takeover waits. */
  takeoverStepCues: { verify: string[]; finished: string[]; checkRequest: string[] };
  /** Cues of having no work address ("I only have a gmail address"). */
  noWorkAddressCues: string[];
  /** Cues that name a topic surer than the model can ("it says my domain is already in use"); `except` rules one out. */
  topicCues: Partial<Record<'whoIsMyAdmin' | 'domainInUse', FactCues>>;
  /** Words that name the kind of organization someone is at ("ik werk bij de gemeente", see orgTypeNamed.ts). */
  orgTypesNamed: Record<Exclude<OrgType, 'unknown'>, string[]>;
  /** Words of a student, or of a teacher or staff member, at a school (see schoolRole.ts). */
  schoolRoles: Record<SchoolRole, string[]>;
  /** Words that name a Microsoft 365 cloud ("GCC High", "21Vianet"), for "am I an admin?" (see cloudNamed.ts). */
  clouds: Record<CloudChoice, string[]>;
  /** Cues of what a "who is my admin?" question is about (see adminTopic.ts). */
  adminTopics: { password: string[]; licenses: string[] };
  facts: Record<FactId, FactCues>;
}

/** Lower case, punctuation and symbols as single spaces: "Yes, thanks!" and "yes thanks" read the same. */
export function normalizeWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`']/g, '')
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

const files = new Map<Language, UnderstandingFile>();

export function understandingFile(language: Language): UnderstandingFile {
  let file = files.get(language);
  if (!file) {
    file = readProjectJson<UnderstandingFile>('locales', language, 'understanding.json');
    files.set(language, file);
  }
  return file;
}

/** One list of every language's phrases, normalized. */
export function allPhrases(pick: (file: UnderstandingFile) => readonly string[] | undefined): string[] {
  return [...new Set(LANGUAGES.flatMap((language) => (pick(understandingFile(language)) ?? []).map(normalizeWords)))];
}

/** A phrase set of every language, for exact look-ups. */
export function phraseSet(pick: (file: UnderstandingFile) => readonly string[] | undefined): ReadonlySet<string> {
  return new Set(allPhrases(pick));
}

/** Whether `phrase` occurs in `said` as whole words (both normalized). */
export function containsPhrase(said: string, phrase: string): boolean {
  return phrase.length > 0 && ` ${said} `.includes(` ${phrase} `);
}
