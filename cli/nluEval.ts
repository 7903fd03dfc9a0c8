/** `npm run nlu:eval -- FILE.tsv`: per-intent precision and recall, and last a line `accuracy: 0.xx (n/N)`. */
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../bot/app/config.js';
import { evaluateNlu, formatEvaluation, parseLabelledTsv } from '../understanding/nluEvaluation.js';
import { NlpRecognizer } from '../understanding/nlpRecognizer.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run nlu:eval -- FILE.tsv   (rows: utterance<TAB>intent<TAB>lang, header optional)');
  process.exit(2);
}
try {
  const rows = parseLabelledTsv(await readFile(file, 'utf8'));
  const recognizer = await NlpRecognizer.fromLocales(loadConfig(process.env).nluConfidenceThreshold);
  console.log(formatEvaluation(await evaluateNlu(recognizer, rows)));
} catch (error) {
  console.error(`nlu:eval: ${(error as Error).message}`);
  process.exit(1);
}
