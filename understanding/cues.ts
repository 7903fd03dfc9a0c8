/**
 * Cues: word patterns for what a message is about, written in `locales/<lang>/understanding.json`.
 * @remarks A cue is words that must all occur, in any order; each word is a list of alternatives separated by
 * `|`, and each alternative matches the start of a word ("remov" matches "removed"), or the whole word when it
 * ends in `$` ("e5$" does not match "e5corp"). Patterns rather than phrases, because people word the same
 * thing many ways ("that didn't help", "nee dat helpt me niet").
 */

/** Longer messages are matched on their start, like the recognizer classifies them. */
const MAX_MATCHED_CHARS = 600;

/** One word of a cue: its alternatives, each a word start, or a whole word when `exact`. */
export type CueWord = readonly { text: string; exact: boolean }[];
export type Cue = readonly CueWord[];

/**
 * Lower case without accents or apostrophes ("doesn't" is "doesnt", "verifiëren" is "verifieren"); every
 * other sign splits words, except `=` so that "MS=ms123" stays one word.
 */
export function factWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .split(/[^\p{L}\p{N}=]+/u)
    .filter(Boolean);
}

export function parseCue(cue: string): Cue {
  return cue
    .split(/\s+/)
    .filter(Boolean)
    .map((word) =>
      word.split('|').map((alternative) => {
        const exact = alternative.endsWith('$');
        return { text: factWords(exact ? alternative.slice(0, -1) : alternative).join(''), exact };
      }),
    );
}

export function cueMatches(cue: Cue, words: readonly string[]): boolean {
  return cue.every((alternatives) => words.some((word) => alternatives.some(({ text, exact }) => (exact ? word === text : word.startsWith(text)))));
}

/** Compiled cues, matched against a text. */
export class CueList {
  private readonly cues: Cue[];
  constructor(cues: readonly string[]) {
    this.cues = cues.map(parseCue);
  }
  matches(text: string): boolean {
    const words = factWords(text.slice(0, MAX_MATCHED_CHARS));
    return words.length > 0 && this.cues.some((cue) => cueMatches(cue, words));
  }
}
