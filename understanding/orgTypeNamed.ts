/**
 * The kind of organization a message says the user is at ("wie is mijn beheerder, ik werk bij de gemeente", "I'm a
 * teacher, who is our admin?"), so "who is my admin?" answers without asking it again. Words in
 * `locales/<lang>/understanding.json` (`orgTypesNamed`); a student's or teacher's words (schoolRole.ts) name a school.
 * @remarks Only words that name a kind of organization on their own: "small" or "big" alone ("a small question")
 * name nothing. Two kinds named ("I moved from a big company to a startup") name neither.
 */
import type { OrgType } from '../services/models/organization.js';
import { allPhrases, containsPhrase, normalizeWords } from './phrases.js';
import { schoolRoleIn } from './schoolRole.js';

type NamedOrgType = Exclude<OrgType, 'unknown'>;

const KINDS = ['school', 'enterprise', 'smallBusiness'] as const satisfies readonly NamedOrgType[];
const WORDS: readonly (readonly [NamedOrgType, readonly string[]])[] = KINDS.map((kind) => [kind, allPhrases((file) => file.orgTypesNamed[kind])] as const);

/** Longer messages are read on their start, as the rest of the understanding reads them. */
const MAX_READ = 600;

export function orgTypeNamedIn(text: string): NamedOrgType | undefined {
  const said = normalizeWords(text.slice(0, MAX_READ));
  const named = new Set(WORDS.filter(([, phrases]) => phrases.some((phrase) => containsPhrase(said, phrase))).map(([kind]) => kind));
  if (schoolRoleIn(text)) named.add('school');
  return named.size === 1 ? [...named][0] : undefined;
}
