/**
 * What the operators' command lines share: their input and output, reading their arguments (node:util's
 * parseArgs, with its errors told in the commands' own words), and starting when run as the script
 * (`node dist/cli/index.js`) rather than imported by a test.
 */
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIo {
  env: Record<string, string | undefined>;
  /** Receives text that already ends in a line break. */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Where relative paths start; the process's working directory by default. */
  cwd?: string;
}

/** Exit codes of every command line here: done, failed (the message says why), the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Exit code when the output itself failed. */
const OUTPUT_FAILED = EXIT_FAILED;

/** How a command line with subcommands (`npm run NAME -- COMMAND ...`) tells the operator what went wrong. */
export interface Subcommands<C extends string> {
  /** The program's name, at the start of every problem it prints. */
  name: string;
  usage: string;
  commands: readonly C[];
}

/**
 * Reads the subcommand: `{ command }` to go on, or `{ exit }` after printing the help asked for, or the
 * usage with what is wrong (no command, an unknown one).
 */
export function readSubcommand<C extends string>(cli: Subcommands<C>, command: string | undefined, io: CliIo): { command: C } | { exit: number } {
  if (command === undefined) {
    io.stderr(cli.usage);
    return { exit: EXIT_USAGE };
  }
  if (command === 'help' || command === '--help' || command === '-h') {
    io.stdout(cli.usage);
    return { exit: EXIT_OK };
  }
  if (!(cli.commands as readonly string[]).includes(command)) return { exit: usageError(cli, `unknown command "${command}"`, io) };
  return { command: command as C };
}

/**
 * A command line with subcommands (`COMMAND [ARGS...]`, and `--help` anywhere): the subcommand and what follows
 * it, or `{ exit }` after printing the help asked for or what is wrong.
 */
export function readSubcommandLine<C extends string>(cli: Subcommands<C>, args: string[], io: CliIo): { command: C; rest: string[] } | { exit: number } {
  const parsed = parseCommandLine(args, { help: { type: 'boolean', short: 'h' } }, true);
  if ('problem' in parsed) return { exit: usageError(cli, parsed.problem, io) };
  if (parsed.values.help) {
    io.stdout(cli.usage);
    return { exit: EXIT_OK };
  }
  const [given, ...rest] = parsed.positionals;
  const read = readSubcommand(cli, given, io);
  return 'exit' in read ? read : { command: read.command, rest };
}

/** Prints what is wrong with the command line, then the usage; the exit code to return. */
export function usageError(cli: Pick<Subcommands<string>, 'name' | 'usage'>, problem: string, io: CliIo): number {
  io.stderr(`${cli.name}: ${problem}\n\n${cli.usage}`);
  return EXIT_USAGE;
}

/** A command line's options, as parseArgs takes them. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

/** What parseArgs makes of a command line, strictly and with its tokens (to see which flags were repeated). */
export type ParsedCommandLine<O extends CliOptions, P extends boolean> = ReturnType<typeof parseArgs<StrictConfig<O, P>>>;

interface StrictConfig<O extends CliOptions, P extends boolean> {
  args: string[];
  options: O;
  allowPositionals: P;
  strict: true;
  tokens: true;
}

/**
 * Reads `args` with parseArgs (strict: unknown options, a missing value, and positionals where `allowPositionals`
 * is false are refused; `--flag value` and `--flag=value` both work), or says what is wrong in a line to show
 * before the usage: `unknown argument "--x"`, `--flag needs a value`, `--flag takes no value`. An empty value
 * (`--flag=`) counts as missing.
 */
export function parseCommandLine<const O extends CliOptions, const P extends boolean>(
  args: string[],
  options: O,
  allowPositionals: P,
): ParsedCommandLine<O, P> | { problem: string } {
  let parsed: ParsedCommandLine<O, P>;
  try {
    parsed = parseArgs<StrictConfig<O, P>>({ args, options, allowPositionals, strict: true, tokens: true });
  } catch (error) {
    // parseArgs' own messages are long and name the option oddly ("'--since <value>' argument missing"); the
    // same arguments read leniently show which one is at fault.
    if (!isParseArgsError(error)) throw error;
    return { problem: argumentProblem(args, options, allowPositionals) ?? error.message };
  }
  const empty = (parsed.tokens as Token[]).find((token) => token.kind === 'option' && token.value === '');
  return empty?.kind === 'option' ? { problem: `${empty.rawName} needs a value` } : parsed;
}

/** By its code: the error may come from another realm than this module's TypeError (as under jest). */
function isParseArgsError(error: unknown): error is { code: string; message: string } {
  if (typeof error !== 'object' || error === null || !('code' in error) || !('message' in error)) return false;
  return typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS_') && typeof error.message === 'string';
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** The first argument strict parseArgs refuses, in the order it checks them. */
function argumentProblem(args: string[], options: CliOptions, allowPositionals: boolean): string | undefined {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional' && !allowPositionals) return `unknown argument "${token.value}"`;
    if (token.kind !== 'option') continue;
    const type = Object.hasOwn(options, token.name) ? options[token.name]?.type : undefined;
    if (type === undefined) return `unknown argument "${args[token.index] ?? token.rawName}"`;
    // A string option's value may not look like an option unless given inline (`--since=-1`), as strict parseArgs has it.
    const optionLike = !token.inlineValue && token.value !== undefined && token.value.length > 1 && token.value.startsWith('-');
    if (type === 'string' && (token.value === undefined || optionLike)) return `${token.rawName} needs a value`;
    if (type === 'boolean' && token.value !== undefined) return `${token.rawName} takes no value`;
  }
  return undefined;
}

/**
 * Runs `run` with the process's arguments, environment (plus a local .env) and streams when
 * `moduleUrl` (the caller's `import.meta.url`) is the script node was started with.
 */
export async function runAsMain(moduleUrl: string, run: (args: string[], io: CliIo) => Promise<number>): Promise<void> {
  if (!isMainModule(moduleUrl)) return;
  // A local .env is a convenience for development; real environment variables win over it.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let outputFailed = false;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // `... | head` closes the pipe early: the reader has what it wanted, and the command must still finish
      // (an import must release the store). Any other output error cannot be reported on the same stream;
      // the exit code says it.
      if (error.code === 'EPIPE') return;
      outputFailed = true;
      process.exitCode = OUTPUT_FAILED;
    });
  }
  const code = await run(process.argv.slice(2), {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  });
  process.exitCode = outputFailed ? OUTPUT_FAILED : code;
}

function isMainModule(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return moduleUrl === pathToFileURL(realpathSync(script)).href;
  } catch {
    // The script path cannot be resolved (deleted, or not a file): then this module is not it.
    return false;
  }
}
