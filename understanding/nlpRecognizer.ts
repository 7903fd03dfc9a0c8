/**
 * Intent recognition with nlp.js, trained at start-up from `locales/<lang>/corpus.json`.
 * @remarks Below the confidence threshold the answer is `none`: the bot shows the likeliest topics
 * instead of guessing. When the text scores low in the conversation's language but high in the other
 * one (a Dutch question from an English Teams client), the other language's reading is used.
 */
import { LangEn } from '@nlpjs/lang-en';
import { LangNl } from '@nlpjs/lang-nl';
import { Nlp, type NlpResult } from '@nlpjs/nlp';
import { withoutAddresses } from '../services/signup/emailAddress.js';
import { FactMatcher } from './factQuestions.js';
import { understandingFile } from './phrases.js';
import { FACT_TOPICS } from '../services/models/fact.js';
import { INTENTS, LANGUAGES, isIntent, type Intent, type Language } from '../services/models/intent.js';
import type { IntentRecognizer, Recognition, ScoredIntent } from './recognition.js';
import { readProjectJson } from '../lib/projectFiles.js';

export type Corpus = Record<Intent, string[]>;

/** Emoji carry mood, not a topic: left in, nlp.js reads a lone "🙂" as a word it saw with greetings. */
function withoutEmoji(text: string): string {
  return text.replace(/\p{Extended_Pictographic}/gu, ' ');
}

/** A sentence this short ("Thanks.", "Hi all,") says too little to be read on its own. */
const MIN_SENTENCE_WORDS = 4;

/** Longer messages are classified on their start: the question is nearly always there. */
const MAX_CLASSIFIED_CHARS = 600;

export function loadCorpus(language: Language): Corpus {
  const corpus = readProjectJson<Partial<Corpus>>('locales', language, 'corpus.json');
  for (const intent of INTENTS) {
    if (!Array.isArray(corpus[intent])) throw new Error(`loadCorpus(): locales/${language}/corpus.json has no "${intent}" list`);
  }
  return corpus as Corpus;
}

export class NlpRecognizer implements IntentRecognizer {
  private constructor(
    private readonly nlp: Nlp,
    private readonly threshold: number,
    private readonly facts: FactMatcher,
  ) {}

  static async train(corpora: Readonly<Record<Language, Corpus>>, threshold: number): Promise<NlpRecognizer> {
    const nlp = new Nlp({ languages: [...LANGUAGES], autoSave: false, autoLoad: false, nlu: { log: false }, log: false });
    // nlp.js warns on the console about texts of only stop words ("?"); our logger is the only output.
    nlp.container.register('logger', { ...console, warn: () => undefined, info: () => undefined, log: () => undefined, debug: () => undefined, trace: () => undefined });
    nlp.use(LangEn);
    nlp.use(LangNl);
    for (const language of LANGUAGES) {
      for (const intent of INTENTS) {
        for (const utterance of corpora[language][intent]) nlp.addDocument(language, withoutEmoji(utterance), intent);
      }
    }
    await nlp.train();
    return new NlpRecognizer(nlp, threshold, new FactMatcher(LANGUAGES.map((language) => understandingFile(language).facts)));
  }

  static async fromLocales(threshold: number): Promise<NlpRecognizer> {
    return NlpRecognizer.train({ en: loadCorpus('en'), nl: loadCorpus('nl') }, threshold);
  }

  guessLanguage(text: string): Language | undefined {
    let guess: string | undefined;
    try {
      guess = this.nlp.guessLanguage(text.slice(0, MAX_CLASSIFIED_CHARS));
    } catch {
      // nlp.js's detector throws on text of a script it has no trigram table for (a lone "҉" or "ﷺ", found by
      // fuzzing): that is no language the bot speaks, not a reason to fail the user's turn.
      guess = undefined;
    }
    return LANGUAGES.find((language) => language === guess);
  }

  async recognize(text: string, language?: Language): Promise<Recognition> {
    // Addresses and domains say which organization, not what the user wants; left in, their made-up
    // words skew the scores ("bücher.nl" alone is not a takeover question).
    const utterance = withoutEmoji(withoutAddresses(text.slice(0, MAX_CLASSIFIED_CHARS))).trim();
    // A question about one fact of a topic ("can I delete the TXT record?") uses words the classifier saw
    // little of; its cue is the surer reading, and it names the topic too.
    const fact = this.facts.match(utterance);
    if (fact) return { intent: FACT_TOPICS[fact], score: 1, ranked: [{ intent: FACT_TOPICS[fact], score: 1 }], fact };
    const guessedLanguage = this.guessLanguage(utterance);
    const primary = language ?? guessedLanguage ?? 'en';
    let ranked = await this.classifyLong(primary, utterance);
    // Only text that looks like the other language gets a second reading ("am I an admin?" from a Dutch Teams
    // client), and it wins only when surer: words a model never saw score unpredictably, so an off-topic
    // English message must not be re-read as Dutch.
    if (guessedLanguage && guessedLanguage !== primary) {
      const alternative = await this.classifyLong(guessedLanguage, utterance);
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
  private async classifyLong(language: Language, utterance: string): Promise<ScoredIntent[]> {
    const whole = await this.classify(language, utterance);
    const sentences = utterance.split(/(?<=[.?!;])\s+|\n+/).map((sentence) => sentence.trim()).filter((sentence) => sentence.split(/\s+/).length >= MIN_SENTENCE_WORDS);
    if (sentences.length < 2) return whole;
    let best = whole;
    for (const sentence of sentences) {
      const ranked = await this.classify(language, sentence);
      if (this.isConfident(ranked) && (!this.isConfident(best) || (ranked[0]?.score ?? 0) > (best[0]?.score ?? 0))) best = ranked;
    }
    return best;
  }

  private async classify(language: Language, utterance: string): Promise<ScoredIntent[]> {
    if (!utterance) return [];
    const result: NlpResult = await this.nlp.nluManager.process({ locale: language, utterance, settings: this.nlp.settings.nlu });
    // nlp.js answers its own "None" (score 1) when no word of the text is in the corpus. Below its own
    // threshold it keeps the classifications, which the "not sure" card picks its topics from.
    if (!isIntent(result.intent)) return [{ intent: 'none', score: 1 }];
    return (result.classifications ?? [])
      .filter((scored): scored is ScoredIntent => isIntent(scored.intent))
      .sort((a, b) => b.score - a.score);
  }
}
