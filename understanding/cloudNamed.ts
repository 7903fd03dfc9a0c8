/**
 * The Microsoft 365 cloud a message names ("we're on GCC High", "ons oude Office 365 Duitsland", "21Vianet"), for
 * "am I an admin?" and its admin center. The words are in `locales/<lang>/understanding.json` (`clouds`); every
 * language's apply to every message.
 * @remarks The narrower name wins: "GCC High" before "GCC", a named US Government cloud before "US government" alone,
 * which asks which one.
 */
import type { CloudChoice } from '../services/models/organization.js';
import { allPhrases, containsPhrase, normalizeWords } from './phrases.js';

/** In the order they are tried. */
const ORDER = ['usGovGccHigh', 'usGovDod', 'usGovGcc', 'china21Vianet', 'germanyLegacy', 'usGovernment'] as const satisfies readonly CloudChoice[];

const WORDS: readonly (readonly [CloudChoice, readonly string[]])[] = ORDER.map((cloud) => [cloud, allPhrases((file) => file.clouds[cloud])] as const);

/** Longer messages are read on their start, as the rest of the understanding reads them. */
const MAX_READ = 600;

export function cloudNamedIn(text: string): CloudChoice | undefined {
  const said = normalizeWords(text.slice(0, MAX_READ));
  return WORDS.find(([, phrases]) => phrases.some((phrase) => containsPhrase(said, phrase)))?.[0];
}
