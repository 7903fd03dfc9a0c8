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
  /**
   * Microsoft's own words, as people quote its messages ("You're missing out!"): they do not meet by chance, so they
   * name the fact however long the message (see cueAgrees in topicRecognizer.ts for the other cues).
   */
  quoted?: readonly string[];
}

export class FactMatcher {
  private readonly facts: { id: FactId; cues: Cue[]; except: Cue[]; quoted: Cue[] }[];

  /** `cuesPerLanguage`: each language's cues for every fact. */
  constructor(cuesPerLanguage: readonly Readonly<Record<FactId, FactCues>>[]) {
    this.facts = FACT_IDS.map((id) => ({
      id,
      cues: cuesPerLanguage.flatMap((facts) => facts[id].cues.map(parseCue)),
      except: cuesPerLanguage.flatMap((facts) => (facts[id].except ?? []).map(parseCue)),
      quoted: cuesPerLanguage.flatMap((facts) => (facts[id].quoted ?? []).map(parseCue)),
    }));
  }

  /** The fact the text asks about, if any: the first whose cues match. */
  match(text: string): FactId | undefined {
    return this.matchAll(text)[0]?.id;
  }

  /**
   * Every fact whose cues match the text, in the order of FACT_IDS (the recognizer takes the first the classifier
   * agrees with); `quoted`: whether Microsoft's own words named it.
   */
  matchAll(text: string): { id: FactId; quoted: boolean }[] {
    const words = factWords(text.slice(0, MAX_MATCHED_CHARS));
    if (words.length === 0) return [];
    const found = (cues: Cue[]) => cues.some((cue) => cueMatches(cue, words));
    return this.facts.filter(({ cues, quoted, except }) => (found(cues) || found(quoted)) && !found(except)).map(({ id, quoted }) => ({ id, quoted: found(quoted) }));
  }
}
