/**
 * The topic classifier of each language, trained on `locales/<lang>/corpus.json` and saved once per corpus.
 * @remarks Training takes seconds, loading a saved model about 30 ms, so the bot, the tests and `nlu:eval` train
 * only when the corpus or the classifier changed: a model is saved as
 * `node_modules/.cache/helpdesk-bot/topic-model-<lang>-<hash>.json`, the hash of the corpus, the training options
 * and the classifier's own code, so a stale model is never read. A cache that cannot be read or written only
 * costs the training time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectFile } from '../lib/projectFiles.js';
import { INTENTS, type Intent, type Language } from '../services/models/intent.js';
import { DEFAULT_OPTIONS, featuresOf, TextClassifier, wordsOf, type SavedClassifier } from './textClassifier.js';

export type Corpus = Record<Intent, string[]>;

export const DEFAULT_CACHE_DIR = projectFile('node_modules', '.cache', 'helpdesk-bot');

/** Emoji carry mood, not a topic: a lone "🙂" must not read as the greetings it was seen with. */
export function withoutEmoji(text: string): string {
  return text.replace(/\p{Extended_Pictographic}/gu, ' ');
}

/** The corpus's utterances as labelled examples. */
export function examplesOf(corpus: Corpus): { text: string; label: Intent }[] {
  return INTENTS.flatMap((label) => corpus[label].map((text) => ({ text: withoutEmoji(text), label })));
}

/** Names what the model is made from; the classifier's source is part of it, so changing the code retrains. */
export function modelKey(language: Language, corpus: Corpus): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([language, INTENTS.map((intent) => corpus[intent]), DEFAULT_OPTIONS]));
  hash.update(`${wordsOf.toString()}${featuresOf.toString()}${TextClassifier.toString()}`);
  return `topic-model-${language}-${hash.digest('hex').slice(0, 16)}`;
}

/** The saved model for this corpus, or one trained now and saved. */
export function topicClassifier(language: Language, corpus: Corpus, cacheDir = DEFAULT_CACHE_DIR): TextClassifier {
  const file = join(cacheDir, `${modelKey(language, corpus)}.json`);
  try {
    return TextClassifier.fromJSON(JSON.parse(readFileSync(file, 'utf8')) as SavedClassifier);
  } catch {
    // Not saved yet (or unreadable): train.
  }
  const model = TextClassifier.train(examplesOf(corpus));
  try {
    mkdirSync(cacheDir, { recursive: true });
    // Written aside and renamed, so a process starting at the same moment never reads half a file.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(model));
    renameSync(partial, file);
  } catch {
    // A read-only disk: the model is used unsaved, and trained again next time.
  }
  return model;
}
