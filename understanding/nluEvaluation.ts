/** Scores a recognizer on labelled rows (`utterance<TAB>intent<TAB>lang`); used by `npm run nlu:eval` and the tests. */
import { INTENTS, isIntent, type Intent, type Language } from '../services/models/intent.js';
import type { IntentRecognizer } from './recognition.js';

export interface LabelledUtterance {
  line: number;
  utterance: string;
  intent: Intent;
  language?: Language;
}

export interface IntentScore {
  intent: Intent;
  precision: number;
  recall: number;
  support: number;
}

export interface NluEvaluation {
  correct: number;
  total: number;
  accuracy: number;
  perIntent: IntentScore[];
  mistakes: { row: LabelledUtterance; predicted: Intent; score: number }[];
}

/** Parses the TSV; a header row is optional; bad rows are reported with their line number. */
export function parseLabelledTsv(text: string): LabelledUtterance[] {
  const rows: LabelledUtterance[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    const [utterance = '', intent = '', language = ''] = raw.split('\t').map((field) => field.trim());
    if (line === 1 && utterance.toLowerCase() === 'utterance') return;
    if (!utterance || !isIntent(intent)) {
      problems.push(`line ${line}: expected utterance<TAB>intent<TAB>lang with an intent of ${INTENTS.join(', ')}`);
      return;
    }
    const lang = language.toLowerCase();
    if (lang && lang !== 'en' && lang !== 'nl') {
      problems.push(`line ${line}: language "${language}" is not en or nl`);
      return;
    }
    rows.push({ line, utterance, intent, language: lang ? (lang as Language) : undefined });
  });
  if (problems.length > 0) throw new Error(`parseLabelledTsv(): ${problems.join('; ')}`);
  return rows;
}

export async function evaluateNlu(recognizer: IntentRecognizer, rows: readonly LabelledUtterance[]): Promise<NluEvaluation> {
  const mistakes: NluEvaluation['mistakes'] = [];
  const predictions: { expected: Intent; predicted: Intent }[] = [];
  for (const row of rows) {
    const { intent: predicted, score } = await recognizer.recognize(row.utterance, row.language);
    predictions.push({ expected: row.intent, predicted });
    if (predicted !== row.intent) mistakes.push({ row, predicted, score });
  }
  const perIntent = INTENTS.map((intent) => {
    const truePositives = predictions.filter((p) => p.expected === intent && p.predicted === intent).length;
    const predictedCount = predictions.filter((p) => p.predicted === intent).length;
    const support = predictions.filter((p) => p.expected === intent).length;
    return {
      intent,
      precision: predictedCount === 0 ? 0 : truePositives / predictedCount,
      recall: support === 0 ? 0 : truePositives / support,
      support,
    };
  });
  const correct = rows.length - mistakes.length;
  return { correct, total: rows.length, accuracy: rows.length === 0 ? 0 : correct / rows.length, perIntent, mistakes };
}

export function formatEvaluation(evaluation: NluEvaluation): string {
  const lines = ['intent          precision  recall  support'];
  for (const score of evaluation.perIntent) {
    lines.push(`${score.intent.padEnd(15)} ${score.precision.toFixed(2).padStart(9)}  ${score.recall.toFixed(2).padStart(6)}  ${String(score.support).padStart(7)}`);
  }
  for (const mistake of evaluation.mistakes) {
    lines.push(`miss line ${mistake.row.line}: expected ${mistake.row.intent}, got ${mistake.predicted} (${mistake.score.toFixed(2)}): ${mistake.row.utterance}`);
  }
  lines.push(`accuracy: ${evaluation.accuracy.toFixed(2)} (${evaluation.correct}/${evaluation.total})`);
  return lines.join('\n');
}
