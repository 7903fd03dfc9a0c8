/**
 * The layout's rules, checked on the source itself: no import cycles, and dependencies only in the directions
 * the README's Architecture section gives (services/ free of Bot Framework, only data/ knows lowdb and pg,
 * only bot/app/ and the command lines read the environment, devtools/ never loaded by the running bot's
 * static imports).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { projectRoot } from '../lib/projectFiles.js';

const SOURCE_FOLDERS = ['bot', 'understanding', 'dialogs', 'cards', 'services', 'data', 'locales', 'lib', 'devtools', 'cli'];

interface SourceFile {
  /** Path from the project root, with forward slashes: `dialogs/routerDialog.ts`. */
  path: string;
  text: string;
  /** Our own modules it imports (project paths), static imports only, type-only ones included. */
  imports: string[];
  /** Packages it imports statically: `botbuilder`, `pg`, `node:fs`. */
  packages: string[];
}

function listSources(folder: string): string[] {
  return readdirSync(join(projectRoot, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(projectRoot, path)).isDirectory()) return listSources(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path.split('\\').join('/')] : [];
  });
}

// `import x from '...'`, `import type {...} from '...'`, `export ... from '...'`, `import '...'`: not `import('...')`.
const STATIC_IMPORT = /^\s*(?:import|export)\b[^'"();]*?['"]([^'"]+)['"]/gm;

function readSource(path: string): SourceFile {
  const text = readFileSync(join(projectRoot, path), 'utf8');
  const specifiers = [...text.matchAll(STATIC_IMPORT)].map((match) => match[1]!);
  const imports = specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(projectRoot, resolve(projectRoot, dirname(path), specifier.replace(/\.js$/, '.ts'))).split('\\').join('/'));
  const packages = specifiers.filter((specifier) => !specifier.startsWith('.'));
  return { path, text, imports, packages };
}

const sources = SOURCE_FOLDERS.flatMap(listSources).map(readSource);
const byPath = new Map(sources.map((source) => [source.path, source]));

/** Every cycle's members (Tarjan's strongly connected components with more than one module, or a self-import). */
function importCycles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (path: string): void => {
    index.set(path, counter);
    low.set(path, counter);
    counter += 1;
    stack.push(path);
    onStack.add(path);
    for (const next of byPath.get(path)?.imports ?? []) {
      if (!byPath.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(path, Math.min(low.get(path)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(path, Math.min(low.get(path)!, index.get(next)!));
      }
    }
    if (low.get(path) !== index.get(path)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== path);
    if (component.length > 1 || byPath.get(path)!.imports.includes(path)) cycles.push(component.sort());
  };
  for (const source of sources) if (!index.has(source.path)) visit(source.path);
  return cycles;
}

const inFolder = (folder: string) => (path: string) => path.startsWith(`${folder}/`);

/** What each folder may not import: our folders (by prefix) and packages (by name or prefix). */
const FORBIDDEN: { folder: string; folders: string[]; packages: RegExp }[] = [
  { folder: 'lib', folders: SOURCE_FOLDERS.filter((folder) => folder !== 'lib'), packages: /^(botbuilder|botframework-|lowdb|pg$|restify)/ },
  { folder: 'services', folders: ['bot', 'understanding', 'dialogs', 'cards', 'data', 'locales', 'devtools', 'cli'], packages: /^(botbuilder|botframework-|lowdb|pg$|restify)/ },
  { folder: 'data', folders: ['bot', 'understanding', 'dialogs', 'cards', 'locales', 'devtools', 'cli'], packages: /^(botframework-|restify)/ },
  { folder: 'locales', folders: ['bot', 'understanding', 'dialogs', 'cards', 'data', 'devtools', 'cli'], packages: /^(botbuilder|botframework-|lowdb|pg$|restify)/ },
  { folder: 'cards', folders: ['bot', 'understanding', 'dialogs', 'data', 'devtools', 'cli'], packages: /^(botbuilder|botframework-|lowdb|pg$|restify)/ },
  { folder: 'understanding', folders: ['bot', 'dialogs', 'cards', 'data', 'devtools', 'cli'], packages: /^(botbuilder|botframework-|lowdb|pg$|restify)/ },
  { folder: 'dialogs', folders: ['bot', 'data', 'devtools', 'cli'], packages: /^(lowdb|pg$|restify)/ },
  { folder: 'bot', folders: ['devtools', 'cli'], packages: /^(lowdb|pg$)/ },
];

describe('the layout', () => {
  it('finds the source it checks', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(byPath.has('bot/app/createApp.ts')).toBe(true);
  });

  it('has no import cycle', () => {
    expect(importCycles()).toEqual([]);
  });

  it.each(FORBIDDEN)('keeps $folder/ to the modules below it', ({ folder, folders, packages }) => {
    const wrong = sources.filter((source) => inFolder(folder)(source.path)).flatMap((source) => [
      ...source.imports.filter((path) => folders.some((other) => inFolder(other)(path))).map((path) => `${source.path} -> ${path}`),
      ...source.packages.filter((name) => packages.test(name)).map((name) => `${source.path} -> ${name}`),
    ]);
    expect(wrong).toEqual([]);
  });

  it('reads the environment only in bot/app/ and the command lines', () => {
    const readers = sources
      .filter((source) => /process\.env\b/.test(source.text.replace(/^\s*(\*|\/\/).*$/gm, '')))
      .map((source) => source.path)
      .filter((path) => !inFolder('bot/app')(path) && !inFolder('cli')(path) && !inFolder('devtools')(path));
    expect(readers).toEqual([]);
  });
});
