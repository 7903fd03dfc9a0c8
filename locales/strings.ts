/**
 * Every user-visible string, per language, from `locales/<lang>/strings.json`.
 * @remarks English defines the shape; a test checks that Dutch has exactly the same keys. Adding a
 * language is adding a folder and its code to LANGUAGES.
 */
import type { Language } from '../services/models/intent.js';
import { readProjectJson } from '../lib/projectFiles.js';
export type Strings = typeof import('./en/strings.json', { with: { type: 'json' } });

const cache = new Map<Language, Strings>();

export function stringsFor(language: Language): Strings {
  let strings = cache.get(language);
  if (!strings) {
    strings = readProjectJson<Strings>('locales', language, 'strings.json');
    cache.set(language, strings);
  }
  return strings;
}

/** Fills `{name}` placeholders; a placeholder without a value stays visible, so a test catches it. */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
