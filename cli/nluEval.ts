/**
 * `npm run nlu:eval -- FILE.tsv`: scores what the bot makes of a first message (commands, facts and the intent
 * model together) on labelled rows (`utterance<TAB>intent<TAB>lang`, header optional): per-intent precision and
 * recall, accuracy per language, and last a line `accuracy: 0.xx (n/N)`, which CI reads.
 * A function like the other commands, so cli/index.ts runs it and a test can call it with its own output.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../bot/app/config.js';
import { evaluateNlu, formatEvaluation, parseLabelledTsv } from '../understanding/nluEvaluation.js';
import { TopicRecognizer } from '../understanding/topicRecognizer.js';
import { Understanding } from '../understanding/understand.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, parseCommandLine, usageError, type CliIo } from './cliMain.js';

export const USAGE = 'usage: npm run nlu:eval -- FILE.tsv   (rows: utterance<TAB>intent<TAB>lang, header optional)\n';

const CLI = { name: 'nlu:eval', usage: USAGE } as const;

const OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

export async function runNluEval(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(args, OPTIONS, true);
  if ('problem' in parsed) return usageError(CLI, parsed.problem, io);
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) {
    io.stderr(USAGE);
    return EXIT_USAGE;
  }
  if (extra.length > 0) return usageError(CLI, 'needs exactly one FILE', io);

  try {
    const rows = parseLabelledTsv(await readFile(resolve(io.cwd ?? process.cwd(), file), 'utf8'));
    const recognizer = await TopicRecognizer.fromLocales(loadConfig(io.env).nluConfidenceThreshold);
    io.stdout(`${formatEvaluation(await evaluateNlu(new Understanding(recognizer), rows))}\n`);
    return EXIT_OK;
  } catch (error) {
    io.stderr(`nlu:eval: ${(error as Error).message}\n`);
    return EXIT_FAILED;
  }
}
