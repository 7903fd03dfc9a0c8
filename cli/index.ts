/**
 * The operators' one command line, `node dist/cli/index.js COMMAND ...`, which the npm scripts call
 * (`npm run directory -- ...` runs `node dist/cli/index.js directory ...`): one script to build and start, with
 * the .env loading, broken-pipe handling and exit codes of cliMain.ts in one place. Each command reads the rest
 * of the arguments itself.
 */
import { readSubcommand, runAsMain, type CliIo } from './cliMain.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

/** The commands, each loaded only when it runs: a report need not load the language model nor the manifest schemas. */
const COMMANDS = {
  directory: async () => (await import('./directoryCli.js')).runDirectoryCli,
  report: async () => (await import('./reportCli.js')).runReportCli,
  db: async () => (await import('./dbCli.js')).runDbCli,
  package: async () => (await import('./packageApp.js')).runPackageApp,
  'nlu:eval': async () => (await import('./nluEval.js')).runNluEval,
} satisfies Record<string, () => Promise<Command>>;

export const USAGE = `usage: node dist/cli/index.js COMMAND [ARGUMENTS]   (through npm: npm run COMMAND -- ARGUMENTS)

  npm run directory -- import FILE | export [FILE] | show DOMAIN
  npm run report -- [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format text|csv|json]
  npm run db:migrate
  npm run db:import-file -- FILE
  npm run package [-- --out FILE]
  npm run nlu:eval -- FILE.tsv

COMMAND is directory, report, db (migrate, import-file), package or nlu:eval; add --help after
it for its own usage. Settings are read from the environment or .env.
`;

const CLI = { name: 'cli', usage: USAGE, commands: Object.keys(COMMANDS) as (keyof typeof COMMANDS)[] };

export async function runCli(args: string[], io: CliIo): Promise<number> {
  const [given, ...rest] = args;
  const read = readSubcommand(CLI, given, io);
  if ('exit' in read) return read.exit;
  const run = await COMMANDS[read.command]();
  return run(rest, io);
}

await runAsMain(import.meta.url, runCli);
