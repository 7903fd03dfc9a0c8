/**
 * The tab's strings in English and Dutch, and which of the two a page speaks.
 * @remarks Tab-only strings live in `tab/locales/*.json`. The names the chat also uses (organization types,
 * clouds, topics, the figures' labels) are taken from the bot's own `locales/<lang>/strings.json`, so the
 * tab and the chat never call one thing by two names. Named imports let esbuild keep only those parts.
 */
import { amIAdmin as enAmIAdmin, orgTypes as enOrgTypes, stats as enStats, topics as enTopics } from '../../locales/en/strings.json';
import { amIAdmin as nlAmIAdmin, orgTypes as nlOrgTypes, stats as nlStats, topics as nlTopics } from '../../locales/nl/strings.json';
import enTab from '../locales/en.json';
import nlTab from '../locales/nl.json';

export type Language = 'en' | 'nl';

export type TabStrings = typeof enTab & {
  orgTypes: typeof enOrgTypes;
  clouds: typeof enAmIAdmin.cloudButtons;
  topics: typeof enTopics;
  stats: typeof enStats;
};

// English defines the shape: Dutch missing a key fails the type check here.
const dutchTab: typeof enTab = nlTab;

const STRINGS: Readonly<Record<Language, TabStrings>> = {
  en: { ...enTab, orgTypes: enOrgTypes, clouds: enAmIAdmin.cloudButtons, topics: enTopics, stats: enStats },
  nl: { ...dutchTab, orgTypes: nlOrgTypes, clouds: nlAmIAdmin.cloudButtons, topics: nlTopics, stats: nlStats },
};

export function stringsFor(language: Language): TabStrings {
  return STRINGS[language];
}

/** `nl`, `nl-NL`, `nl-BE` are Dutch; any other language tag is English, as in the chat. */
export function languageOf(tag: string | null | undefined): Language | undefined {
  if (!tag) return undefined;
  return tag.trim().toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/**
 * Teams' own locale wins (the user chose it there); then `?lang=` (a content URL may carry `?lang={locale}`,
 * and it is how a page is previewed in another language); then the browser's languages.
 */
export function pickLanguage(teamsLocale: string | undefined, queryLang: string | null, browserLanguages: readonly string[]): Language {
  return languageOf(teamsLocale) ?? languageOf(queryLang) ?? languageOf(browserLanguages[0]) ?? 'en';
}

/** Fills `{name}` placeholders; a placeholder without a value stays visible, so a test catches it. */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

/** The text at a dotted path (`settings.save`), for the pages' `data-i18n` attributes; undefined when there is none. */
export function lookup(strings: TabStrings, path: string): string | undefined {
  let node: unknown = strings;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}
