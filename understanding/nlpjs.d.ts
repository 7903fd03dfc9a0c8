// nlp.js ships no TypeScript types; these cover the part the recognizer uses.
declare module '@nlpjs/nlp' {
  export interface NlpClassification {
    intent: string;
    score: number;
  }
  export interface NlpResult {
    locale?: string;
    intent: string;
    score: number;
    classifications?: NlpClassification[];
  }
  export class Nlp {
    constructor(settings?: Record<string, unknown>);
    container: { register(name: string, instance: unknown, isSingleton?: boolean): void };
    use(plugin: unknown): void;
    addLanguage(locales: string | string[]): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string | undefined, utterance: string): Promise<NlpResult>;
    guessLanguage(utterance: string): string | undefined;
    settings: { nlu?: Record<string, unknown> };
    /** The classifier alone, without process()'s entities, answers, actions and sentiment. */
    nluManager: { process(input: { locale: string; utterance: string; settings?: Record<string, unknown> }): Promise<NlpResult> };
  }
}
declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}
declare module '@nlpjs/lang-nl' {
  export const LangNl: unknown;
}
