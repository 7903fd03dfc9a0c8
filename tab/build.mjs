#!/usr/bin/env node
/**
 * Builds the Teams tab into dist/tab (or --outdir DIR): the pages' TypeScript bundled by esbuild as ES
 * modules (teams-js and the shared code split into chunks), next to the HTML and CSS from tab/public.
 * @remarks esbuild only strips types; `npm run typecheck` checks the tab with tab/tsconfig.json. The browser
 * test runs this script too, so `npm test` does not depend on an earlier `npm run build`.
 */
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PAGES = ['settings', 'dashboard'];

/** Builds the tab into `outdir`, replacing what was there; returns the files written with their sizes. */
export async function buildTab({ outdir = join(root, 'dist', 'tab'), minify = true } = {}) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(PAGES.map((page) => [page, join('tab', 'src', `${page}.ts`)])),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    // Teams runs tabs in Edge WebView2 / Chromium on the desktop and the web, and in the system web view on phones.
    target: ['chrome109', 'edge109', 'safari15', 'firefox115'],
    chunkNames: 'chunks/[name]-[hash]',
    tsconfig: join('tab', 'tsconfig.json'),
    minify,
    sourcemap: 'linked',
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  await cp(join(root, 'tab', 'public'), outdir, { recursive: true });
  return Object.entries(result.metafile.outputs).map(([file, { bytes }]) => ({ file: relative(root, resolve(root, file)), bytes }));
}

function argument(name) {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = argument('--outdir');
  buildTab(outdir ? { outdir: resolve(outdir) } : {}).then(
    (files) => {
      const scripts = files.filter(({ file }) => file.endsWith('.js'));
      const total = scripts.reduce((sum, { bytes }) => sum + bytes, 0);
      console.log(`tab: ${scripts.length} scripts, ${Math.round(total / 1024)} KiB, in ${relative(process.cwd(), outdir ? resolve(outdir) : join(root, 'dist', 'tab')) || '.'}`);
    },
    (error) => {
      console.error(`buildTab: ${error.stack ?? error}`);
      process.exitCode = 1;
    },
  );
}
