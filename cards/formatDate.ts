/** A date as people in the user's language write it: 29 November 2026, 29 november 2026 (UTC, so every server says the same). */
import type { Strings } from '../locales/strings.js';

/** One formatter per locale: building one (what toLocaleDateString does on every call) costs more than formatting. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDate(t: Strings, iso: string): string {
  let formatter = formatters.get(t.common.locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(t.common.locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    formatters.set(t.common.locale, formatter);
  }
  const date = new Date(iso);
  // A stored date that does not parse is shown as stored rather than failing the whole card.
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}
