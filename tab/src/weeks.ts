/**
 * ISO weeks in the browser, as the server keys its figures ('2026-W47', in UTC), and the start of a period
 * of whole weeks.
 * @remarks The same arithmetic as `isoWeek` in services/figures.ts: the figures come keyed by week, and the
 * chart needs the weeks in between too (a week nobody asked anything is a gap, not a missing column).
 */
const DAY_MS = 86_400_000;

export function isoWeek(date: Date): string {
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 4 - (thursday.getUTCDay() || 7));
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Midnight (UTC) of the Monday of `date`'s week. */
export function mondayOf(date: Date): Date {
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() || 7) - 1));
  return monday;
}

/** The Monday that starts the last `weeks` weeks, this one included, as the API's `since` (YYYY-MM-DD). */
export function sinceForWeeks(weeks: number, now: Date): string {
  const start = mondayOf(now);
  start.setUTCDate(start.getUTCDate() - (weeks - 1) * 7);
  return start.toISOString().slice(0, 10);
}

/** Every week from the one holding `from` to the one holding `to`, oldest first. */
export function weeksBetween(from: Date, to: Date): string[] {
  const weeks: string[] = [];
  for (let day = mondayOf(from); day.getTime() <= to.getTime(); day = new Date(day.getTime() + 7 * DAY_MS)) weeks.push(isoWeek(day));
  return weeks;
}

/** The Monday of an ISO week key ('2026-W47'), or undefined when it is not one. */
export function mondayOfWeek(key: string): Date | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!match) return undefined;
  const year = Number(match[1]);
  const week = Number(match[2]);
  // January 4th is always in week 1.
  const firstMonday = mondayOf(new Date(Date.UTC(year, 0, 4)));
  return new Date(firstMonday.getTime() + (week - 1) * 7 * DAY_MS);
}
