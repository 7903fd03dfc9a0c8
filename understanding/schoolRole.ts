/**
 * Whether someone at a school says they are a student or a teacher or staff member ("ik ben docent", "my teacher
 * says"), so "who is my admin?" tells each whom to ask. Words in `locales/<lang>/understanding.json` (`schoolRoles`).
 * @remarks The longest phrase found decides: "my teacher" (a student speaking) wins over "teacher".
 */
import type { SchoolRole } from '../services/models/organization.js';
import { allPhrases, containsPhrase, normalizeWords } from './phrases.js';

const ROLES = ['student', 'staff'] as const satisfies readonly SchoolRole[];
const PHRASES: readonly (readonly [string, SchoolRole])[] = ROLES.flatMap((role) => allPhrases((file) => file.schoolRoles[role]).map((phrase) => [phrase, role] as const));

/** Longer messages are read on their start, as the rest of the understanding reads them. */
const MAX_READ = 600;

export function schoolRoleIn(text: string | undefined): SchoolRole | undefined {
  if (!text) return undefined;
  const said = normalizeWords(text.slice(0, MAX_READ));
  let best: readonly [string, SchoolRole] | undefined;
  for (const found of PHRASES) if (containsPhrase(said, found[0]) && (!best || found[0].length > best[0].length)) best = found;
  return best?.[1];
}
