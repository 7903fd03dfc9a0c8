import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { evaluateNlu, formatEvaluation, parseLabelledTsv } from '../../understanding/nluEvaluation.js';
import { loadCorpus } from '../../understanding/nlpRecognizer.js';
import { INTENTS, LANGUAGES } from '../../services/models/intent.js';
import { projectFile } from '../../lib/projectFiles.js';
import { sharedRecognizer } from '../helpers/testBot.js';

const heldOut = parseLabelledTsv(await readFile(projectFile('test', 'fixtures', 'nlu-heldout.tsv'), 'utf8'));
const normalize = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe('intent recognition', () => {
  it('trains on at least 25 utterances per intent per language', () => {
    for (const language of LANGUAGES) {
      const corpus = loadCorpus(language);
      for (const intent of INTENTS) expect(corpus[intent].length).toBeGreaterThanOrEqual(25);
    }
  });

  it('keeps a held-out set of at least 80 rows, 25 of them Dutch, that never appears in training', () => {
    expect(heldOut.length).toBeGreaterThanOrEqual(80);
    expect(heldOut.filter((row) => row.language === 'nl').length).toBeGreaterThanOrEqual(25);
    const trained = new Set(LANGUAGES.flatMap((language) => Object.values(loadCorpus(language)).flat().map(normalize)));
    expect(heldOut.filter((row) => trained.has(normalize(row.utterance))).map((row) => row.utterance)).toEqual([]);
  });

  it('reaches an accuracy of at least 0.85 on the held-out set', async () => {
    const evaluation = await evaluateNlu(await sharedRecognizer(), heldOut);
    // The report is in the failure message, so a regression shows which utterances broke.
    expect({ accuracy: evaluation.accuracy >= 0.85, report: formatEvaluation(evaluation) }).toMatchObject({ accuracy: true });
  });

  it('prints per-intent precision and recall and ends with the accuracy line of the contract', async () => {
    const evaluation = await evaluateNlu(await sharedRecognizer(), heldOut.slice(0, 20));
    const lines = formatEvaluation(evaluation).split('\n');
    expect(lines[0]).toMatch(/precision\s+recall/);
    expect(lines.at(-1)).toMatch(/^accuracy: [01]\.\d\d \(\d+\/20\)$/);
  });

  it('reports bad rows of an evaluation file with their line numbers', () => {
    expect(() => parseLabelledTsv('utterance\tintent\tlang\nhello\tgreeting\ten\nwho\tnotAnIntent\ten\n')).toThrow(/line 3/);
  });

  it.each([
    ['who is my admin', 'en', 'whoIsMyAdmin'],
    ['wie is mijn beheerder', 'nl', 'whoIsMyAdmin'],
    ['where do i log in to the admin center', 'en', 'amIAdmin'],
    ['hoe kom ik in het beheercentrum', 'nl', 'amIAdmin'],
  ] as const)('reads "%s" (%s) as %s', async (text, language, intent) => {
    expect((await (await sharedRecognizer()).recognize(text, language)).intent).toBe(intent);
  });

  it.each(['asdfghjkl', 'what is the weather like tomorrow', 'hoe laat gaat de kantine open', '🙂'])('does not guess an intent for "%s"', async (text) => {
    expect((await (await sharedRecognizer()).recognize(text)).intent).toBe('none');
  });

  it('guesses the language of a message without locale', async () => {
    const recognizer = await sharedRecognizer();
    expect(recognizer.guessLanguage('wie is eigenlijk de beheerder van onze organisatie')).toBe('nl');
    expect(recognizer.guessLanguage('who is actually the admin of our organization')).toBe('en');
  });
});
