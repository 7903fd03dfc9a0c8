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
import { INTENTS, LANGUAGES, isIntent, type Intent, type Language } from '../services/models/intent.js';
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
 * A cue (a fact's, or a topic's in understand.ts) names its topic surely only when the classifier does not read the
 * message as something else: cues are words that must co-occur, and they do so by chance too ("the recording
 * cannot be found" is no DNS record; "which licence do I need, Free or Pro?" is no licence request).
 * - Up to MAX_CUE_ALONE_WORDS words the cue decides alone: a short specific question uses words the classifier saw
 *   little of ("is this the same as SPF?", "how long is the ttl supposed to be").
 * - Up to MAX_CUE_AGREEMENT_WORDS, the cue counts when the classifier gives its topic at least MIN_CUE_AGREEMENT.
 * - In a longer message the cue's words often come in passing ("...the licenses of our lab tenant..."), so there
 *   it counts only when the classifier's likeliest topic is the cue's.
 * Measured on 287 real phrasings the cues were never written from (cross-validated by thread): 0.815 with a cue
 * alone up to 20 words, 0.828 with these limits (0.835 with none alone, but then short questions of fact are lost).
 */
export const MAX_CUE_ALONE_WORDS = 10;
export const MAX_CUE_AGREEMENT_WORDS = 20;
export const MIN_CUE_AGREEMENT = 0.2;

/** Whether a cue for `topic` counts in a message of `words` words that the classifier ranked as `ranked`. */
export function cueAgrees(topic: Intent, words: number, ranked: readonly ScoredIntent[]): boolean {
  if (words <= MAX_CUE_ALONE_WORDS || ranked[0]?.intent === topic) return true;
  return words <= MAX_CUE_AGREEMENT_WORDS && (ranked.find((scored) => scored.intent === topic)?.score ?? 0) >= MIN_CUE_AGREEMENT;
}

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
    const guessedLanguage = this.guessLanguage(utterance);
    const primary = language ?? guessedLanguage ?? 'en';
    let ranked = this.classifyLong(primary, utterance);
    // A question about one fact of a topic ("can I delete the TXT record?"): its cue is the surer reading, and it
    // names the topic too, when the classifier agrees (see cueAgrees).
    const fact = this.facts.matchAll(utterance).find(({ id, quoted }) => quoted || cueAgrees(FACT_TOPICS[id], wordCount(utterance), ranked))?.id;
    if (fact) return { intent: FACT_TOPICS[fact], score: 1, ranked: [{ intent: FACT_TOPICS[fact], score: 1 }], fact };
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
