/**
 * Specific questions inside a topic ("can I delete the TXT record?", "what is ForceTakeover?") that deserve
 * their own short answer from docs/facts.md rather than the start of the topic's flow.
 * @remarks The cues live in `locales/<lang>/understanding.json` under `facts.<id>` (see cues.ts for their
 * syntax); the answers in `strings.json` under the same id. `except` lists cues that rule the fact out ("I
 * added the TXT record" is not a question about the record). Cues of every language apply to every message,
 * since people mix languages.
 */
import { FACT_IDS, type FactId } from '../services/models/fact.js';
import { cueMatches, factWords, parseCue, type Cue } from './cues.js';

/** Longer messages are matched on their start, like the recognizer classifies them. */
const MAX_MATCHED_CHARS = 600;

export interface FactCues {
  cues: readonly string[];
  except?: readonly string[];
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
