/**
 * What users may type lives in `locales/<lang>/understanding.json`, apart from what the bot says: every phrase is
 * listed once (in one list, so "yes" cannot mean two things), and no list of typed words is left in strings.json.
 */
import { describe, expect, it } from '@jest/globals';
import { stringsFor } from '../../locales/strings.js';
import { LANGUAGES } from '../../services/models/intent.js';
import { normalizeWords, understandingFile, type UnderstandingFile } from '../../understanding/phrases.js';

/** The lists whose phrases are read as a whole message or inside one: each phrase may be in one of them only. */
function phraseLists(file: UnderstandingFile): [string, readonly string[]][] {
  return [
    ['yes', file.yes],
    ['no', file.no],
    ['helped', file.helped],
    ['notHelped', file.notHelped],
    ['confused', file.confused],
    ['thanks', file.thanks],
    ...Object.entries(file.commands).map(([command, phrases]) => [`commands.${command}`, phrases] as [string, string[]]),
    ...Object.entries(file.commandsInside).map(([command, phrases]) => [`commandsInside.${command}`, phrases] as [string, string[]]),
    ...Object.entries(file.choices.orgType).map(([value, phrases]) => [`choices.orgType.${value}`, phrases] as [string, string[]]),
    ...Object.entries(file.choices.takeoverKind).map(([value, phrases]) => [`choices.takeoverKind.${value}`, phrases] as [string, string[]]),
    ['choices.noWorkAddress', file.choices.noWorkAddress],
    ['choices.otherAddress', file.choices.otherAddress],
    ...Object.entries(file.switchTo).map(([language, phrases]) => [`switchTo.${language}`, phrases] as [string, string[]]),
  ];
}

/** Every key path of a JSON value. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key));
}

describe('understanding.json', () => {
  it.each(LANGUAGES)('%s lists every phrase once', (language) => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [list, phrases] of phraseLists(understandingFile(language))) {
      for (const phrase of phrases) {
        const said = normalizeWords(phrase);
        const earlier = seen.get(said);
        if (earlier) twice.push(`"${phrase}" in ${earlier} and ${list}`);
        else seen.set(said, list);
      }
    }
    expect(twice).toEqual([]);
  });

  it('has the same lists in both languages', () => {
    const lists = (file: UnderstandingFile) => keyPaths({ ...file, facts: undefined, $comment: undefined }).map((path) => path.replace(/\.\d+$/, ''));
    expect(new Set(lists(understandingFile('nl')))).toEqual(new Set(lists(understandingFile('en'))));
  });

  it.each(LANGUAGES)('%s has no empty phrase', (language) => {
    expect(phraseLists(understandingFile(language)).flatMap(([list, phrases]) => phrases.filter((phrase) => !normalizeWords(phrase)).map(() => list))).toEqual([]);
  });

  it.each(LANGUAGES)('leaves no list of what users type in %s/strings.json', (language) => {
    const typedWordKeys = keyPaths(stringsFor(language)).filter((path) => /(Words|Synonyms|Cues|^commands|\.cues|\.except)(\.|$)/.test(path));
    expect(typedWordKeys).toEqual([]);
  });
});
