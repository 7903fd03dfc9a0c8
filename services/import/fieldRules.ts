/**
 * The rules for one field value of an import row: text, domains, a choice from a list, yes/no, dates and
 * web addresses. Each rule adds its problems to the row's list and returns the normalized value, or
 * undefined, so one pass reports every problem of a row.
 */
import { parseDomain } from '../signup/emailAddress.js';
import { describe, domainProblem, quote } from './importMessages.js';

export const MAX_NAME = 200;

/** Text of a field: trimmed, empty counts as absent (an empty CSV cell, a JSON null). */
export function text(value: unknown, name: string, problems: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') {
    problems.push(`${name} must be text, not ${describe(value)}`);
    return undefined;
  }
  return value.trim() || undefined;
}

/** Domains: a JSON list, or one text with the domains separated by `;`, `|` or spaces (a CSV cell). */
export function domainList(value: unknown, name: string, problems: string[]): string[] {
  const count = problems.length;
  const candidates: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'string') candidates.push(item.trim());
      else problems.push(`${name} must hold text, not ${describe(item)}`);
    }
  } else {
    candidates.push(...(text(value, name, problems)?.split(/[;|\s]+/).filter(Boolean) ?? []));
  }
  if (problems.length > count) return [];
  if (candidates.length === 0) {
    problems.push(`${name} is missing: give at least one domain`);
    return [];
  }
  const domains: string[] = [];
  for (const candidate of candidates) {
    const parsed = parseDomain(candidate);
    if (!parsed.ok) {
      problems.push(`domain ${quote(candidate)} ${domainProblem(parsed.problem)}`);
    } else if (domains.includes(parsed.value)) {
      problems.push(`domain ${quote(parsed.value)} is listed twice in this organization`);
    } else {
      domains.push(parsed.value);
    }
  }
  return domains;
}

export function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[], problems: string[]): T | undefined {
  const given = text(value, name, problems);
  if (given === undefined) return undefined;
  // Case-insensitive: "School" or "SMALLBUSINESS" in a spreadsheet means the same thing.
  const match = allowed.find((candidate) => candidate.toLowerCase() === given.toLowerCase());
  if (!match) problems.push(`${name} ${quote(given)} is not one of ${allowed.join(', ')}`);
  return match;
}

const TRUE_WORDS = ['true', 'yes', 'ja', '1'];
const FALSE_WORDS = ['false', 'no', 'nee', '0'];

export function flag(value: unknown, name: string, problems: string[]): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const given = text(value, name, problems);
  if (given === undefined) return undefined;
  const word = given.toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  problems.push(`${name} ${quote(given)} is not true or false (use true/false, yes/no, ja/nee or 1/0)`);
  return undefined;
}

export function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    // Not parseable as a URL at all: the caller reports it.
    return false;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/i;

/** An ISO 8601 date, or date-time with a zone (without one the time would depend on the machine), as UTC. */
export function isoDate(value: string): string | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.parse rolls 2024-02-30 over to March 1st; a date that does not exist is a typo.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return undefined;
  const time = Date.parse(value.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
