/**
 * Topic recognition: a specific question (a fact) by its cues, else the topic classifier of the message's language
 * (textClassifier.ts, trained on `locales/<lang>/corpus.json`, saved by topicModels.ts).
 * @remarks Below the confidence threshold the answer is `none`: the bot shows the likeliest topics instead of
 * guessing. When the text scores low in the conversation's language but high in the other one (a Dutch question
 * from an English Teams client), the other language's reading is used.
 */
import { withoutAddresses } from '../services/signup/emailAddress.js';
import { FactMatcher } from './factQuestions.js';
import { understandingFile } from './phrases.js';
import { FACT_TOPICS } from '../services/models/fact.js';
import { INTENTS, LANGUAGES, isIntent, type Language } from '../services/models/intent.js';
import type { IntentRecognizer, Recognition, ScoredIntent } from './recognition.js';
import { readProjectJson } from '../lib/projectFiles.js';
import { languageOfText } from './textLanguage.js';
import type { TextClassifier } from './textClassifier.js';
import { topicClassifier, withoutEmoji, type Corpus } from './topicModels.js';

export type { Corpus } from './topicModels.js';

/** A sentence this short ("Thanks.", "Hi all,") says too little to be read on its own. */
const MIN_SENTENCE_WORDS = 4;

/** Longer messages are classified on their start: the question is nearly always there. */
const MAX_CLASSIFIED_CHARS = 600;

/**
 * Up to this many words a fact's cue decides alone ("can I delete the TXT record afterwards?"). In a longer message
 * the cue's words often come in passing ("...the licenses of our lab tenant...", "SPF, DKIM and the TXT record are
 * fine, yet mail goes to junk"), so there it counts only when the classifier reads the fact's topic too.
 */
export const MAX_CUE_ALONE_WORDS = 20;

export function loadCorpus(language: Language): Corpus {
  const corpus = readProjectJson<Partial<Corpus>>('locales', language, 'corpus.json');
  for (const intent of INTENTS) {
    if (!Array.isArray(corpus[intent])) throw new Error(`loadCorpus(): locales/${language}/corpus.json has no "${intent}" list`);
  }
  return corpus as Corpus;
}

export class TopicRecognizer implements IntentRecognizer {
  private constructor(
    private readonly models: Readonly<Record<Language, TextClassifier>>,
    private readonly threshold: number,
    private readonly facts: FactMatcher,
  ) {}

  /** The saved models of these corpora, trained first if the corpus changed (see topicModels.ts). */
  static async train(corpora: Readonly<Record<Language, Corpus>>, threshold: number, cacheDir?: string): Promise<TopicRecognizer> {
    const models = { en: topicClassifier('en', corpora.en, cacheDir), nl: topicClassifier('nl', corpora.nl, cacheDir) };
    return new TopicRecognizer(models, threshold, new FactMatcher(LANGUAGES.map((language) => understandingFile(language).facts)));
  }

  static async fromLocales(threshold: number): Promise<TopicRecognizer> {
    return TopicRecognizer.train({ en: loadCorpus('en'), nl: loadCorpus('nl') }, threshold);
  }

  guessLanguage(text: string): Language | undefined {
    const written = languageOfText(text.slice(0, MAX_CLASSIFIED_CHARS));
    return written.kind === 'supported' ? written.language : undefined;
  }

  async recognize(text: string, language?: Language): Promise<Recognition> {
    // Addresses and domains say which organization, not what the user wants; left in, their made-up
    // words skew the scores ("bücher.nl" alone is not a takeover question).
    const utterance = withoutEmoji(withoutAddresses(text.slice(0, MAX_CLASSIFIED_CHARS))).trim();
    // A question about one fact of a topic ("can I delete the TXT record?") uses words the classifier saw
    // little of; its cue is the surer reading, and it names the topic too.
    const fact = this.facts.match(utterance);
    if (fact && wordCount(utterance) <= MAX_CUE_ALONE_WORDS) return { intent: FACT_TOPICS[fact], score: 1, ranked: [{ intent: FACT_TOPICS[fact], score: 1 }], fact };
    const guessedLanguage = this.guessLanguage(utterance);
    const primary = language ?? guessedLanguage ?? 'en';
    let ranked = this.classifyLong(primary, utterance);
    // In a long message the fact's cue counts when the classifier reads the fact's topic too.
    if (fact && ranked[0]?.intent === FACT_TOPICS[fact]) return { intent: FACT_TOPICS[fact], score: 1, ranked, fact };
    // Only text that looks like the other language gets a second reading ("am I an admin?" from a Dutch Teams
    // client), and it wins only when surer.
    if (guessedLanguage && guessedLanguage !== primary) {
      const alternative = this.classifyLong(guessedLanguage, utterance);
      if (this.isConfident(alternative) && (!this.isConfident(ranked) || (alternative[0]?.score ?? 0) > (ranked[0]?.score ?? 0))) ranked = alternative;
    }
    const best = ranked[0];
    const confident = best !== undefined && this.isConfident(ranked);
    return { intent: confident ? best.intent : 'none', score: best?.score ?? 0, ranked, guessedLanguage };
  }

  private isConfident(ranked: ScoredIntent[]): boolean {
    const best = ranked[0];
    return best !== undefined && best.intent !== 'none' && best.score >= this.threshold;
  }

  /**
   * A message of several sentences is read whole and sentence by sentence, and the surest reading wins: people
   * tell what happened first and ask last ("I signed up for Teams free. It says someone already set it up. Why?"),
   * and the story's words dilute the question's when read whole.
   */
  private classifyLong(language: Language, utterance: string): ScoredIntent[] {
    const whole = this.classify(language, utterance);
    const sentences = utterance.split(/(?<=[.?!;])\s+|\n+/).map((sentence) => sentence.trim()).filter((sentence) => sentence.split(/\s+/).length >= MIN_SENTENCE_WORDS);
    if (sentences.length < 2) return whole;
    let best = whole;
    for (const sentence of sentences) {
      const ranked = this.classify(language, sentence);
      if (this.isConfident(ranked) && (!this.isConfident(best) || (ranked[0]?.score ?? 0) > (best[0]?.score ?? 0))) best = ranked;
    }
    return best;
  }

  private classify(language: Language, utterance: string): ScoredIntent[] {
    if (!utterance) return [];
    return this.models[language].classify(utterance).flatMap(({ label, score }) => (isIntent(label) ? [{ intent: label, score }] : []));
  }
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
