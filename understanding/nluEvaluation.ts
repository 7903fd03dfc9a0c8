/**
 * Scores the bot's understanding of first messages on labelled rows (`utterance<TAB>intent<TAB>lang`): the whole
 * decision (commands, facts and the model), per topic and per language; used by `npm run nlu:eval` and the tests.
 */
import { INTENTS, isIntent, LANGUAGES, type Intent, type Language } from '../services/models/intent.js';
import type { Decision } from './decision.js';
import type { Command } from './phrases.js';
import type { Understanding } from './understand.js';

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
  /** Per language: its accuracy, and how many of each topic's rows it got right (topics it has rows of). */
  perLanguage: { language: Language; correct: number; total: number; accuracy: number; perIntent: { intent: Intent; correct: number; total: number }[] }[];
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

/**
 * The contract's intent of the bot's whole decision for a first message: commands, facts and the model together.
 * "help" is a greeting, a question about the TXT record is the takeover, "my tickets" is about the helpdesk.
 */
export function intentOfDecision(decision: Decision): { intent: Intent; score: number } {
  switch (decision.kind) {
    case 'topic':
      return { intent: decision.topic, score: decision.confidence };
    case 'fact':
    case 'correction':
      return { intent: decision.topic, score: 1 };
    case 'command':
      return { intent: COMMAND_INTENTS[decision.command], score: 1 };
    case 'thanks':
      return { intent: 'greeting', score: 1 };
    case 'txtValue':
      return { intent: 'takeover', score: 1 };
    default:
      return { intent: 'none', score: 0 };
  }
}

const COMMAND_INTENTS: Readonly<Record<Command, Intent>> = {
  help: 'greeting',
  cancel: 'none',
  myTickets: 'escalate',
  withdrawTicket: 'escalate',
  useChannel: 'escalate',
  stats: 'none',
  verify: 'takeover',
  finished: 'takeover',
};

export async function evaluateNlu(understanding: Understanding, rows: readonly LabelledUtterance[]): Promise<NluEvaluation> {
  const mistakes: NluEvaluation['mistakes'] = [];
  const predictions: { expected: Intent; predicted: Intent; language?: Language }[] = [];
  for (const row of rows) {
    // A first message: nothing waits, and the bot answers in the row's language.
    const decision = await understanding.understand(row.utterance, { language: row.language ?? 'en', waiting: { kind: 'nothing' } });
    const { intent: predicted, score } = intentOfDecision(decision);
    predictions.push({ expected: row.intent, predicted, language: row.language });
    if (predicted !== row.intent) mistakes.push({ row, predicted, score });
  }
  const perLanguage = LANGUAGES.map((language) => {
    const own = predictions.filter((p) => p.language === language);
    const correct = own.filter((p) => p.expected === p.predicted).length;
    const perIntent = INTENTS.map((intent) => {
      const rows = own.filter((p) => p.expected === intent);
      return { intent, correct: rows.filter((p) => p.predicted === intent).length, total: rows.length };
    }).filter((score) => score.total > 0);
    return { language, correct, total: own.length, accuracy: own.length === 0 ? 0 : correct / own.length, perIntent };
  }).filter((score) => score.total > 0);
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
  return { correct, total: rows.length, accuracy: rows.length === 0 ? 0 : correct / rows.length, perIntent, perLanguage, mistakes };
}

export function formatEvaluation(evaluation: NluEvaluation): string {
  const lines = ['intent          precision  recall  support'];
  for (const score of evaluation.perIntent) {
    lines.push(`${score.intent.padEnd(15)} ${score.precision.toFixed(2).padStart(9)}  ${score.recall.toFixed(2).padStart(6)}  ${String(score.support).padStart(7)}`);
  }
  for (const score of evaluation.perLanguage) {
    lines.push(`language ${score.language}: ${score.accuracy.toFixed(2)} (${score.correct}/${score.total})`);
    for (const topic of score.perIntent) lines.push(`  ${score.language} ${topic.intent.padEnd(15)} ${(topic.correct / topic.total).toFixed(2)} (${topic.correct}/${topic.total})`);
  }
  for (const mistake of evaluation.mistakes) {
    lines.push(`miss line ${mistake.row.line}: expected ${mistake.row.intent}, got ${mistake.predicted} (${mistake.score.toFixed(2)}): ${mistake.row.utterance}`);
  }
  lines.push(`accuracy: ${evaluation.accuracy.toFixed(2)} (${evaluation.correct}/${evaluation.total})`);
  return lines.join('\n');
}
