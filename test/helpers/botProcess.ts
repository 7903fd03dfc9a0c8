/**
 * The bot as its own operating-system process (`node` on bot/app/index.ts, as `npm start` runs it), for tests
 * where two instances share one database. The TypeScript entry point is bundled once per test process with
 * esbuild (packages stay external), so no `npm run build` is needed first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { build } from 'esbuild';
import { projectFile } from '../../lib/projectFiles.js';
import { poster, type PostActivity } from './httpBot.js';

export interface BotProcess {
  url: string;
  post: PostActivity;
  /** Everything the process logged so far (pino JSON lines). */
  log(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Sends `signal` (SIGKILL by default: no shutdown code runs, as in a crash) and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

let bundled: Promise<string> | undefined;

/** bot/index.ts as one ES module under node_modules/.cache, where its packages resolve as from the project. */
function bundle(): Promise<string> {
  bundled ??= (async () => {
    const outfile = projectFile('node_modules', '.cache', 'helpdesk-test-bot', `index-${process.pid}.mjs`);
    await build({ entryPoints: [projectFile('bot', 'app', 'index.ts')], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' });
    return outfile;
  })();
  return bundled;
}

/**
 * Starts a bot process with `env` (PORT=0 unless given) and waits until it listens. `prefix` runs it through
 * another command first (`nsenter ... --`: the bot in another mount namespace), which must exec node in its place.
 */
export async function startBotProcess(env: Record<string, string>, { prefix = [] }: { prefix?: string[] } = {}): Promise<BotProcess> {
  const entry = await bundle();
  const [command, ...args] = [...prefix, process.execPath, entry];
  const child = spawn(command!, args, {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', MICROSOFT_LOOKUPS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await listeningPort(child, () => output);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    post: poster(url),
    log: () => output,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}

/** The port from the "bot is listening" log line; rejects with the log when the process exits or takes too long. */
function listeningPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', exited);
    };
    const fail = (reason: string) => {
      done();
      child.kill('SIGKILL');
      reject(new Error(`bot process: ${reason}\n${output()}`));
    };
    const check = () => {
      const line = output()
        .split('\n')
        .find((candidate) => candidate.includes('"bot is listening"'));
      if (!line) return;
      done();
      resolve((JSON.parse(line) as { port: number }).port);
    };
    const exited = (code: number | null) => fail(`exited with code ${code} before listening`);
    const timer = setTimeout(() => fail('did not start listening within 30 s'), 30_000);
    child.stdout?.on('data', check);
    child.once('exit', exited);
  });
}
