/**
 * Locates files that ship with the project (locale strings, NLU corpus, card templates).
 * @remarks The same module runs from the TypeScript sources (jest) and from `dist/` (npm start),
 * so paths are resolved from the project root (the folder holding package.json), not from this file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`projectFiles: no package.json above "${start}"`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));

export function projectFile(...segments: string[]): string {
  return join(projectRoot, ...segments);
}

export function readProjectText(...segments: string[]): string {
  const path = projectFile(...segments);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`readProjectText(): cannot read "${path}": ${(error as Error).message}`);
  }
}

export function readProjectJson<T>(...segments: string[]): T {
  const text = readProjectText(...segments);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`readProjectJson(): "${projectFile(...segments)}" is not valid JSON: ${(error as Error).message}`);
  }
}
