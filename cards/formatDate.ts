/** A date as people in the user's language write it: 29 November 2026, 29 november 2026 (UTC, so every server says the same). */
import type { Strings } from '../locales/strings.js';

export function formatDate(t: Strings, iso: string): string {
  return new Date(iso).toLocaleDateString(t.common.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
