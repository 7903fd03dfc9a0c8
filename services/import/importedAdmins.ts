/**
 * The admins of an import row: `Name <email>` items in a CSV cell or a list of objects in JSON, each checked
 * by the same rules, and each address listed once.
 */
import { parseEmailAddress } from '../signup/emailAddress.js';
import { isoDate, MAX_NAME, text } from './fieldRules.js';
import type { ImportedAdmin } from './importedOrganization.js';
import { addressProblem, describe, quote } from './importMessages.js';
import { isPlainObject } from './isPlainObject.js';

/** CSV admins: `Name <email>`, separated by `;`, `|` or a line break (Alt+Enter in an Excel cell). */
export function csvAdmins(value: unknown, name: string, problems: string[]): ImportedAdmin[] {
  const cell = text(value, name, problems);
  if (cell === undefined) return [];
  const admins: ImportedAdmin[] = [];
  for (const item of cell.split(/[;|\r\n]+/).map((part) => part.trim()).filter(Boolean)) {
    const match = /^(.*?)\s*<([^<>]*)>$/.exec(item);
    if (!match) {
      problems.push(`admin ${quote(item)} ${item.includes('@') ? 'needs a name' : 'needs an email address'}: write it as Name <email>`);
      continue;
    }
    const admin = checkAdmin({ name: match[1]?.replace(/^"(.*)"$/, '$1'), email: match[2] }, problems);
    if (admin) admins.push(admin);
  }
  return withoutDuplicateAdmins(admins, problems);
}

const ADMIN_FIELDS = ['name', 'email', 'since', 'userId'];

/** JSON admins: a list of `{ name, email, since?, userId? }`. */
export function jsonAdmins(value: unknown, problems: string[]): ImportedAdmin[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(`admins must be a list, not ${describe(value)}`);
    return [];
  }
  const admins: ImportedAdmin[] = [];
  value.forEach((item: unknown, index) => {
    if (!isPlainObject(item)) {
      problems.push(`admins[${index}] must be an object with name and email, not ${describe(item)}`);
      return;
    }
    for (const key of Object.keys(item)) {
      if (!ADMIN_FIELDS.includes(key)) problems.push(`unknown field "admins[${index}].${key}" (known: ${ADMIN_FIELDS.join(', ')})`);
    }
    const admin = checkAdmin(item, problems);
    if (admin) admins.push(admin);
  });
  return withoutDuplicateAdmins(admins, problems);
}

function checkAdmin(given: Record<string, unknown>, problems: string[]): ImportedAdmin | undefined {
  const count = problems.length;
  const rawEmail = text(given.email, 'admin email', problems);
  const name = text(given.name, 'admin name', problems);
  let email: string | undefined;
  if (rawEmail !== undefined) {
    const parsed = parseEmailAddress(rawEmail);
    if (parsed.ok) email = parsed.value.address;
    else problems.push(`admin email ${quote(rawEmail)} is not a valid email address: ${addressProblem(parsed.problem)}`);
  }
  if (rawEmail === undefined && name === undefined) problems.push('an admin needs a name and an email address');
  else if (rawEmail === undefined) problems.push(`admin ${quote(name ?? '')} needs an email address`);
  else if (name === undefined) problems.push(`admin ${quote(rawEmail)} needs a name`);
  else if (name.length > MAX_NAME) problems.push(`admin name ${quote(name)} is longer than ${MAX_NAME} characters`);
  const rawSince = text(given.since, 'admin since', problems);
  const since = rawSince === undefined ? undefined : isoDate(rawSince);
  if (rawSince !== undefined && since === undefined) {
    problems.push(`admin since ${quote(rawSince)} is not an ISO date (like 2024-01-15 or 2024-01-15T09:00:00Z)`);
  }
  const userId = text(given.userId, 'admin userId', problems);
  if (problems.length > count || name === undefined || email === undefined) return undefined;
  return { name, email, ...(since === undefined ? {} : { since }), ...(userId === undefined ? {} : { userId }) };
}

function withoutDuplicateAdmins(admins: ImportedAdmin[], problems: string[]): ImportedAdmin[] {
  const unique: ImportedAdmin[] = [];
  for (const admin of admins) {
    if (unique.some((other) => other.email === admin.email)) problems.push(`admin ${quote(admin.email)} is listed twice`);
    else unique.push(admin);
  }
  return unique;
}
