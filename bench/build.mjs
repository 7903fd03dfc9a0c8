/**
 * Bundles what the bench runs from the TypeScript sources (esbuild; packages stay external and resolve from
 * the project's node_modules): the bot child, the local connector and card reader the load generator uses, and
 * the db:import-file command that fills the PostgreSQL store.
 * Fast, and it leaves dist/ (npm start's build) alone; the output goes under node_modules/.cache, out of the
 * linter's way, as the crash-safety test's bundle does.
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const buildDir = join(here, '..', 'node_modules', '.cache', 'helpdesk-bench');

export async function buildBench() {
  await build({
    entryPoints: {
      helpdeskBot: join(here, 'servers', 'helpdeskBot.mjs'),
      localConnector: join(here, '..', 'devtools', 'localConnector.ts'),
      cardText: join(here, '..', 'devtools', 'cardText.ts'),
      // Fills the PostgreSQL store the way an operator would: db:import-file of a seeded store file.
      dbCli: join(here, '..', 'cli', 'dbCli.ts'),
    },
    outdir: buildDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'error',
  });
}
