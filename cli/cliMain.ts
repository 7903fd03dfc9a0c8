/**
 * What the operators' command lines share: their input and output, and starting when run as a script
 * (`node dist/bot/xCli.js`) rather than imported by a test.
 */
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

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

/** Prints what is wrong with the command line, then the usage; the exit code to return. */
export function usageError(cli: Pick<Subcommands<string>, 'name' | 'usage'>, problem: string, io: CliIo): number {
  io.stderr(`${cli.name}: ${problem}\n\n${cli.usage}`);
  return EXIT_USAGE;
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
