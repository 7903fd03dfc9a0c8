/** English and Dutch must say the same things: same keys, same placeholders, nothing empty, and informal Dutch. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { format, stringsFor } from '../../locales/strings.js';
import { projectFile } from '../../lib/projectFiles.js';
import { withoutQuotes } from './dutchText.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function readLocale(language: string, file: string): Json {
  return JSON.parse(readFileSync(projectFile('locales', language, file), 'utf8')) as Json;
}

/** A leaf of a locale file: a string, or a list (commands, synonyms, corpus utterances, card points). */
interface Leaf {
  path: string;
  value: Json;
}

function isRecord(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every leaf with its dotted path; lists are leaves, since their length may differ per language. */
function leaves(value: Json, path = ''): Leaf[] {
  if (isRecord(value)) return Object.entries(value).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
  return [{ path, value }];
}

function leafMap(value: Json): Map<string, Json> {
  return new Map(leaves(value).map((leaf) => [leaf.path, leaf.value]));
}

/** Every string in a leaf, with the path of the item when the leaf is a list. */
function strings(leaf: Leaf): { path: string; text: Json }[] {
  return Array.isArray(leaf.value) ? leaf.value.map((text, i) => ({ path: `${leaf.path}[${i}]`, text })) : [{ path: leaf.path, text: leaf.value }];
}

function placeholders(text: Json): string[] {
  const names = typeof text === 'string' ? [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '') : [];
  return [...new Set(names)].sort();
}

const FILES = ['strings.json', 'corpus.json'] as const;

describe.each(FILES)('%s: en and nl', (file) => {
  const en = readLocale('en', file);
  const nl = readLocale('nl', file);
  const enLeaves = leafMap(en);
  const nlLeaves = leafMap(nl);

  it('have exactly the same key paths', () => {
    expect([...nlLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    expect(enLeaves.size).toBeGreaterThan(0);
  });

  it('have the same kind of value at every path (text or list)', () => {
    for (const [path, enValue] of enLeaves) {
      const nlValue = nlLeaves.get(path);
      expect({ path, kind: Array.isArray(nlValue) ? 'list' : typeof nlValue }).toEqual({
        path,
        kind: Array.isArray(enValue) ? 'list' : typeof enValue,
      });
    }
  });

  it.each(['en', 'nl'])('%s has only non-empty strings, and no empty lists', (language) => {
    const map = language === 'en' ? enLeaves : nlLeaves;
    const bad: string[] = [];
    for (const [path, value] of map) {
      if (Array.isArray(value) && value.length === 0) bad.push(`${path}: empty list`);
      for (const { path: itemPath, text } of strings({ path, value })) {
        if (typeof text !== 'string') bad.push(`${itemPath}: not a string`);
        else if (text.trim() === '') bad.push(`${itemPath}: empty`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('use the same {placeholders} in both languages', () => {
    const mismatches: string[] = [];
    for (const [path, enValue] of enLeaves) {
      const nlValue = nlLeaves.get(path) ?? null;
      const enItems = strings({ path, value: enValue });
      const nlItems = strings({ path, value: nlValue });
      // Lists of the same length are translations item by item; other lists are compared as a whole.
      const pairs =
        Array.isArray(enValue) && Array.isArray(nlValue) && enValue.length !== nlValue.length
          ? [{ path, en: enItems.flatMap((i) => placeholders(i.text)), nl: nlItems.flatMap((i) => placeholders(i.text)) }]
          : enItems.map((item, i) => ({ path: item.path, en: placeholders(item.text), nl: placeholders(nlItems[i]?.text ?? null) }));
      for (const pair of pairs) {
        const enNames = [...new Set(pair.en)].sort();
        const nlNames = [...new Set(pair.nl)].sort();
        if (enNames.join() !== nlNames.join()) mismatches.push(`${pair.path}: en {${enNames.join('} {')}} nl {${nlNames.join('} {')}}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('strings.json translations', () => {
  const en = readLocale('en', 'strings.json');
  const nl = readLocale('nl', 'strings.json');

  it('uses placeholders at all, so the placeholder check is not vacuous', () => {
    const all = leaves(en).flatMap(strings).flatMap((item) => placeholders(item.text));
    expect(all).toEqual(expect.arrayContaining(['org', 'domain', 'url', 'orgType', 'id']));
  });

  it('has as many card points in Dutch as in English', () => {
    const enMap = leafMap(en);
    const nlMap = leafMap(nl);
    const pointPaths = [...enMap.keys()].filter((path) => path.endsWith('.points'));
    expect(pointPaths.length).toBeGreaterThan(0);
    for (const path of pointPaths) {
      expect({ path, count: (nlMap.get(path) as Json[]).length }).toEqual({ path, count: (enMap.get(path) as Json[]).length });
    }
  });

  it('is what stringsFor() loads', () => {
    expect(stringsFor('en')).toEqual(en);
    expect(stringsFor('nl')).toEqual(nl);
  });
});

describe('Dutch addresses the user informally', () => {
  const nlTexts = leaves(readLocale('nl', 'strings.json')).flatMap(strings);
  /** "u" or "uw" as a whole word; lookarounds instead of \b so letters such as é count as letters. */
  const FORMAL = /(?<![\p{L}\p{N}_])(u|uw)(?![\p{L}\p{N}_])/iu;
  const INFORMAL = /(?<![\p{L}\p{N}_])(je|jij|jouw)(?![\p{L}\p{N}_])/iu;

  it('uses je, jij or jouw', () => {
    const informal = nlTexts.filter((item) => INFORMAL.test(String(item.text)));
    expect(informal.length).toBeGreaterThan(10);
    for (const word of ['je', 'jij', 'jouw']) {
      expect(nlTexts.some((item) => new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'iu').test(String(item.text)))).toBe(true);
    }
  });

  it('never uses the formal "u" or "uw"', () => {
    // What users may type ("dank u wel", "kunt u mij doorverbinden") is read, not said: only the bot's own texts count.
    // So are Microsoft's own messages, quoted as a Dutch user sees them ("Uw IT-afdeling heeft registratie uitgeschakeld").
    const typedByUsers = /^commands\.|Words\[|Synonyms\[|\.cues\[|\.except\[/;
    const said = nlTexts.filter((item) => !typedByUsers.test(item.path));
    const formal = said.filter((item) => FORMAL.test(withoutQuotes(String(item.text)))).map((item) => `${item.path}: ${String(item.text)}`);
    expect(formal).toEqual([]);
  });

  it('quotes Microsoft\'s formal Dutch messages, and still finds "u" in the bot\'s own words around them', () => {
    expect(FORMAL.test(withoutQuotes('Zie je "Uw IT-afdeling heeft registratie uitgeschakeld"? Vraag het je beheerder.'))).toBe(false);
    expect(FORMAL.test(withoutQuotes('Ziet u "Uw IT-afdeling heeft registratie uitgeschakeld"?'))).toBe(true);
    expect(FORMAL.test(withoutQuotes('Zie je "Uw IT-afdeling heeft registratie uitgeschakeld"? (Vraag het uw beheerder.)'))).toBe(true);
  });

  it('the formal check finds "u" and "uw" as words, not inside other words', () => {
    expect(FORMAL.test('Kunt u dit proberen?')).toBe(true);
    expect(FORMAL.test('Uw beheerder helpt.')).toBe(true);
    expect(FORMAL.test('U kunt het menu openen.')).toBe(true);
    expect(FORMAL.test('Open het menu of bouw een uur lang.')).toBe(false);
    expect(FORMAL.test('Je kunt het menu openen.')).toBe(false);
  });
});

describe('format()', () => {
  it('fills every placeholder it has a value for', () => {
    expect(format('{org} has no admin yet', { org: 'Contoso' })).toBe('Contoso has no admin yet');
    expect(format('{org} uses {domain}; {org} again', { org: 'Contoso', domain: 'contoso.com' })).toBe('Contoso uses contoso.com; Contoso again');
  });

  it('fills numbers and empty strings', () => {
    expect(format('{count} admins', { count: 3 })).toBe('3 admins');
    expect(format('{count} admins', { count: 0 })).toBe('0 admins');
    expect(format('[{title}]', { title: '' })).toBe('[]');
  });

  it('leaves unknown placeholders visible', () => {
    expect(format('Hi {name}, welcome to {org}', { name: 'Megan' })).toBe('Hi Megan, welcome to {org}');
    expect(format('{org}', {})).toBe('{org}');
  });

  it('leaves text without placeholders and braces that are not placeholders alone', () => {
    expect(format('No placeholders here.', { org: 'Contoso' })).toBe('No placeholders here.');
    expect(format('{ org } {} {org-name}', { org: 'Contoso' })).toBe('{ org } {} {org-name}');
  });

  it('inserts values literally: no replacement patterns and no second pass', () => {
    expect(format('{a}', { a: "$& $1 $$ $' $`" })).toBe("$& $1 $$ $' $`");
    expect(format('{a} {b}', { a: '{b}', b: 'B' })).toBe('{b} B');
  });

  it('fills the real strings so that no placeholder is left', () => {
    const t = stringsFor('nl');
    expect(format(t.whoIsMyAdmin.unmanagedText, { org: 'Fabrikam', domain: 'fabrikam.nl' })).not.toMatch(/\{\w+\}/);
    expect(format(t.amIAdmin.signIn, { url: 'https://admin.microsoft.com' })).toContain('https://admin.microsoft.com');
  });

  it('leaves unknown placeholders visible even when named like an Object.prototype member', () => {
    expect(format('{constructor} {toString}', {})).toBe('{constructor} {toString}');
  });
});
