/**
 * What a "who is my admin?" question is about, from the user's own words, in English or Dutch: a password or sign-in
 * problem, licenses (buying, paying, assigning), or anything else. It decides which admin roles the answer names
 * (services/models/adminRoles.ts ROLES_FOR_TOPIC); the cues are in `locales/<lang>/understanding.json`.
 * @remarks Cue words match at the start of a word ("licen" finds license, licence, licensing); when a message
 * has cues of both kinds, the one it names first decides ("I can't sign in to buy licenses" is about signing in).
 */
import type { AdminTopic } from '../services/models/adminRoles.js';
import { LANGUAGES } from '../services/models/intent.js';
import { understandingFile } from './phrases.js';

/**
 * Cues per topic from every language's understanding.json: whole words (a plural "s" allowed), or with a trailing `*`
 * the start of a word ("licen*": license, licence, licensing).
 */
const CUES: Readonly<Record<Exclude<AdminTopic, 'general'>, readonly string[]>> = {
  password: LANGUAGES.flatMap((language) => understandingFile(language).adminTopics.password),
  licenses: LANGUAGES.flatMap((language) => understandingFile(language).adminTopics.licenses),
};

const PATTERNS: Readonly<Record<Exclude<AdminTopic, 'general'>, readonly RegExp[]>> = {
  password: CUES.password.map(pattern),
  licenses: CUES.licenses.map(pattern),
};

/** A cue at the start of a word, and for a whole-word cue at its end too: not "pwd" in "xpwd", nor "login" in "loginfo". */
function pattern(cue: string): RegExp {
  const prefix = cue.endsWith('*');
  const words = (prefix ? cue.slice(0, -1) : cue).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[ -]/g, '[\\s-]?');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}${prefix ? '' : 's?(?![\\p{L}\\p{N}])'}`, 'iu');
}

/** Where the first cue of the kind is, or -1. */
function firstAt(text: string, patterns: readonly RegExp[]): number {
  let first = -1;
  for (const found of patterns.map((p) => p.exec(text))) {
    if (found && (first === -1 || found.index < first)) first = found.index;
  }
  return first;
}

export function adminTopic(text: string | undefined): AdminTopic {
  if (!text) return 'general';
  const password = firstAt(text, PATTERNS.password);
  const licenses = firstAt(text, PATTERNS.licenses);
  if (password === -1 && licenses === -1) return 'general';
  if (licenses === -1) return 'password';
  if (password === -1) return 'licenses';
  return password <= licenses ? 'password' : 'licenses';
}
