/**
 * Specific questions inside a topic ("can I delete the TXT record?", "what is ForceTakeover?") that deserve
 * their own short answer from docs/facts.md rather than the start of the topic's flow.
 * @remarks The cues live in `locales/<lang>/strings.json` under `facts.<id>.cues`, next to the answer they
 * lead to. A cue is words that must all occur; each word is a list of alternatives separated by `|`, and
 * each alternative matches the start of a word ("remov" matches "removed"), or the whole word when it ends
 * in `$` ("e5$" does not match "e5corp"). `except` lists cues that rule the fact out ("I added the TXT
 * record" is not a question about the record). Cues of every language apply to every message, since
 * people mix languages.
 */
import { FACT_IDS, type FactId } from '../services/models/fact.js';

export interface FactCues {
  cues: readonly string[];
  except?: readonly string[];
}

/** One word of a cue: its alternatives, each a word start, or a whole word when `exact`. */
type CueWord = readonly { text: string; exact: boolean }[];
type Cue = readonly CueWord[];

/** Longer messages are matched on their start, like the recognizer classifies them. */
const MAX_MATCHED_CHARS = 600;

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

function parseCue(cue: string): Cue {
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

function cueMatches(cue: Cue, words: readonly string[]): boolean {
  return cue.every((alternatives) => words.some((word) => alternatives.some(({ text, exact }) => (exact ? word === text : word.startsWith(text)))));
}

export class FactMatcher {
  private readonly facts: { id: FactId; cues: Cue[]; except: Cue[] }[];

  /** `cuesPerLanguage`: each language's cues for every fact. */
  constructor(cuesPerLanguage: readonly Readonly<Record<FactId, FactCues>>[]) {
    this.facts = FACT_IDS.map((id) => ({
      id,
      cues: cuesPerLanguage.flatMap((facts) => facts[id].cues.map(parseCue)),
      except: cuesPerLanguage.flatMap((facts) => (facts[id].except ?? []).map(parseCue)),
    }));
  }

  /** The fact the text asks about, if any. */
  match(text: string): FactId | undefined {
    const words = factWords(text.slice(0, MAX_MATCHED_CHARS));
    if (words.length === 0) return undefined;
    const fact = this.facts.find(({ cues, except }) => cues.some((cue) => cueMatches(cue, words)) && !except.some((cue) => cueMatches(cue, words)));
    return fact?.id;
  }
}
