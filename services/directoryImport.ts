/**
 * The operators' directory import and export: reads a JSON or CSV file of organizations, checks every row
 * against the directory's rules, and applies the whole file in one transaction, or nothing of it.
 * @remarks Every problem is reported at once, with the line it is on, so an operator fixes the file in one
 * go. Nothing reaches the directory unless every row is valid and no row collides with a stored
 * organization: a half-imported file would leave the operator guessing which rows to fix and re-run.
 */
import type { Directory, DirectoryTransaction, Member } from './directory.js';
import { parseDomain, parseEmailAddress, type AddressProblem, type DomainProblem } from './emailAddress.js';
import {
  CLOUDS,
  ORG_TYPES,
  type Cloud,
  type HelpdeskContact,
  type OrgAdmin,
  type OrgType,
  type Organization,
  type SelfServiceSettings,
} from './organization.js';

export type ImportFormat = 'json' | 'csv';

/** A problem with the file; `line` is 1-based and points at where the organization's row starts. */
export interface ImportError {
  line: number;
  message: string;
}

export interface ImportedAdmin {
  name: string;
  /** Lower-case, domain in ASCII form. */
  email: string;
  /** ISO date-time; absent: kept from the stored admin with the same address, or the import time. */
  since?: string;
  userId?: string;
}

/** One valid row of an import file, normalized (domains and addresses lower-case ASCII). */
export interface ImportedOrganization {
  line: number;
  displayName: string;
  domains: string[];
  orgType: OrgType;
  cloud: Cloud;
  managed: boolean;
  tenantId?: string;
  helpdeskContact?: HelpdeskContact;
  admins: ImportedAdmin[];
  selfService: SelfServiceSettings;
}

/** One organization in the JSON format: what `exportDirectory` writes and `parseDirectoryFile` reads. */
export interface OrganizationRecord {
  displayName: string;
  domains: string[];
  orgType: OrgType;
  cloud: Cloud;
  managed: boolean;
  tenantId?: string;
  helpdeskContact?: HelpdeskContact;
  admins: OrgAdmin[];
  selfService: SelfServiceSettings;
}

export interface DirectoryFile {
  organizations: OrganizationRecord[];
}

export interface ImportedResult {
  line: number;
  id: string;
  /** The organization's first domain: the subject of its audit entry. */
  domain: string;
  displayName: string;
  outcome: 'created' | 'updated';
}

export interface ImportSummary {
  created: number;
  updated: number;
  organizations: ImportedResult[];
}

/** The whole import was refused; `errors` say why, by line. Nothing was written. */
export class ImportRejectedError extends Error {
  constructor(readonly errors: ImportError[]) {
    super(`importOrganizations(): the import was rejected: ${errors.map(formatImportError).join('; ')}`);
  }
}

export function formatImportError(error: ImportError): string {
  return `line ${error.line}: ${error.message}`;
}

/** The CSV columns, in the order the documentation lists them; also the flat names of the JSON fields. */
export const CSV_COLUMNS = [
  'displayName',
  'domains',
  'orgType',
  'cloud',
  'managed',
  'tenantId',
  'helpdeskTitle',
  'helpdeskPhone',
  'helpdeskEmail',
  'helpdeskUrl',
  'admins',
  'allowEmailVerifiedUsers',
  'allowAdHocSubscriptions',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** How a field is called in messages about a JSON file, where some fields are nested. */
const JSON_NAMES: Record<Column, string> = {
  displayName: 'displayName',
  domains: 'domains',
  orgType: 'orgType',
  cloud: 'cloud',
  managed: 'managed',
  tenantId: 'tenantId',
  helpdeskTitle: 'helpdeskContact.title',
  helpdeskPhone: 'helpdeskContact.phone',
  helpdeskEmail: 'helpdeskContact.email',
  helpdeskUrl: 'helpdeskContact.url',
  admins: 'admins',
  allowEmailVerifiedUsers: 'selfService.allowEmailVerifiedUsers',
  allowAdHocSubscriptions: 'selfService.allowAdHocSubscriptions',
};
const CSV_NAMES = Object.fromEntries(CSV_COLUMNS.map((column) => [column, column])) as Record<Column, string>;

/** A row as the file gives it, before any rule is checked: CSV cells are strings, JSON values anything. */
interface RawRow {
  line: number;
  values: Partial<Record<Column, unknown>>;
  names: Record<Column, string>;
  format: ImportFormat;
}

const MAX_NAME = 200;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads an import file; `organizations` holds the valid rows, `errors` every problem, sorted by line. */
export function parseDirectoryFile(text: string, format: ImportFormat): { organizations: ImportedOrganization[]; errors: ImportError[] } {
  // Excel and Notepad write a byte order mark; it is not part of the first column's name or of the JSON.
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const read = format === 'json' ? readJsonRows(content) : readCsvRows(content);
  const errors = [...read.errors];
  const organizations: ImportedOrganization[] = [];
  const claims: Claim[] = [];
  for (const row of read.rows) {
    const problems: string[] = [];
    const { organization, claim } = checkRow(row, problems);
    errors.push(...problems.map((message) => ({ line: row.line, message })));
    if (organization) organizations.push(organization);
    claims.push(claim);
  }
  errors.push(...duplicatesAcrossRows(claims));
  if (read.rows.length === 0 && errors.length === 0) {
    errors.push({ line: 1, message: 'the file has no organizations' });
  }
  errors.sort((a, b) => a.line - b.line);
  return { organizations, errors };
}

// ---------------------------------------------------------------------------------------------------
// Row rules, shared by both formats

/** The valid domains and tenant id of a row, even when another field is wrong, so duplicates are found in one pass. */
interface Claim {
  line: number;
  domains: string[];
  tenantId?: string;
}

function checkRow(row: RawRow, problems: string[]): { organization?: ImportedOrganization; claim: Claim } {
  const { values, names } = row;
  const count = problems.length;

  const displayName = text(values.displayName, names.displayName, problems);
  if (displayName === undefined) problems.push(`${names.displayName} is missing`);
  else if (displayName.length > MAX_NAME) problems.push(`${names.displayName} is longer than ${MAX_NAME} characters`);

  const domains = domainList(values.domains, names.domains, problems);

  const orgType = oneOf(values.orgType, names.orgType, ORG_TYPES, problems) ?? 'unknown';
  const cloud = oneOf(values.cloud, names.cloud, CLOUDS, problems) ?? 'worldwide';
  const managed = flag(values.managed, names.managed, problems) ?? true;

  const rawTenant = text(values.tenantId, names.tenantId, problems);
  // Teams reports tenant ids in lower case; storing them so makes the look-up by tenant exact.
  const tenantId = rawTenant === undefined ? undefined : rawTenant.replace(/^\{(.*)\}$/, '$1').toLowerCase();
  if (rawTenant !== undefined && !GUID.test(tenantId ?? '')) {
    problems.push(`${names.tenantId} ${quote(rawTenant)} is not a GUID (like 72f988bf-86f1-41af-91ab-2d7cd011db47)`);
  }

  const helpdeskContact = contact(row, problems);
  const admins = row.format === 'csv' ? csvAdmins(values.admins, names.admins, problems) : jsonAdmins(values.admins, problems);
  const selfService: SelfServiceSettings = {
    allowEmailVerifiedUsers: flag(values.allowEmailVerifiedUsers, names.allowEmailVerifiedUsers, problems) ?? true,
    allowAdHocSubscriptions: flag(values.allowAdHocSubscriptions, names.allowAdHocSubscriptions, problems) ?? true,
  };

  const claim: Claim = { line: row.line, domains, ...(tenantId !== undefined && GUID.test(tenantId) ? { tenantId } : {}) };
  if (problems.length > count || displayName === undefined) return { claim };
  const organization: ImportedOrganization = {
    line: row.line,
    displayName,
    domains,
    orgType,
    cloud,
    managed,
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(helpdeskContact ? { helpdeskContact } : {}),
    admins,
    selfService,
  };
  return { organization, claim };
}

/** Text of a field: trimmed, empty counts as absent (an empty CSV cell, a JSON null). */
function text(value: unknown, name: string, problems: string[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') {
    problems.push(`${name} must be text, not ${describe(value)}`);
    return undefined;
  }
  return value.trim() || undefined;
}

/** Domains: a JSON list, or one text with the domains separated by `;`, `|` or spaces (a CSV cell). */
function domainList(value: unknown, name: string, problems: string[]): string[] {
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

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[], problems: string[]): T | undefined {
  const given = text(value, name, problems);
  if (given === undefined) return undefined;
  // Case-insensitive: "School" or "SMALLBUSINESS" in a spreadsheet means the same thing.
  const match = allowed.find((candidate) => candidate.toLowerCase() === given.toLowerCase());
  if (!match) problems.push(`${name} ${quote(given)} is not one of ${allowed.join(', ')}`);
  return match;
}

const TRUE_WORDS = ['true', 'yes', 'ja', '1'];
const FALSE_WORDS = ['false', 'no', 'nee', '0'];

function flag(value: unknown, name: string, problems: string[]): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const given = text(value, name, problems);
  if (given === undefined) return undefined;
  const word = given.toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  problems.push(`${name} ${quote(given)} is not true or false (use true/false, yes/no, ja/nee or 1/0)`);
  return undefined;
}

/** The helpdesk contact: optional, but once any part is given it needs a title and a way to reach it. */
function contact(row: RawRow, problems: string[]): HelpdeskContact | undefined {
  const { values, names } = row;
  const title = text(values.helpdeskTitle, names.helpdeskTitle, problems);
  const phone = text(values.helpdeskPhone, names.helpdeskPhone, problems);
  const rawEmail = text(values.helpdeskEmail, names.helpdeskEmail, problems);
  const url = text(values.helpdeskUrl, names.helpdeskUrl, problems);
  if (title === undefined && phone === undefined && rawEmail === undefined && url === undefined) return undefined;

  if (title === undefined) problems.push(`${names.helpdeskTitle} is missing: a helpdesk contact needs a title`);
  else if (title.length > MAX_NAME) problems.push(`${names.helpdeskTitle} is longer than ${MAX_NAME} characters`);
  if (phone === undefined && rawEmail === undefined && url === undefined) {
    problems.push(`the helpdesk contact needs a ${names.helpdeskPhone}, ${names.helpdeskEmail} or ${names.helpdeskUrl}`);
  }
  if (phone !== undefined && !/\d/.test(phone)) problems.push(`${names.helpdeskPhone} ${quote(phone)} has no digits`);
  let email: string | undefined;
  if (rawEmail !== undefined) {
    const parsed = parseEmailAddress(rawEmail);
    if (parsed.ok) email = parsed.value.address;
    else problems.push(`${names.helpdeskEmail} ${quote(rawEmail)} is not a valid email address: ${addressProblem(parsed.problem)}`);
  }
  if (url !== undefined && !isWebAddress(url)) {
    problems.push(`${names.helpdeskUrl} ${quote(url)} is not an http or https address`);
  }
  if (title === undefined) return undefined;
  return {
    title,
    ...(phone === undefined ? {} : { phone }),
    ...(email === undefined ? {} : { email }),
    ...(url === undefined ? {} : { url }),
  };
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    // Not parseable as a URL at all: the caller reports it.
    return false;
  }
}

/** CSV admins: `Name <email>`, separated by `;`, `|` or a line break (Alt+Enter in an Excel cell). */
function csvAdmins(value: unknown, name: string, problems: string[]): ImportedAdmin[] {
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
function jsonAdmins(value: unknown, problems: string[]): ImportedAdmin[] {
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

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/i;

/** An ISO 8601 date, or date-time with a zone (without one the time would depend on the machine), as UTC. */
function isoDate(value: string): string | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.parse rolls 2024-02-30 over to March 1st; a date that does not exist is a typo.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return undefined;
  const time = Date.parse(value.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** A domain may belong to one organization only, so a domain on two rows is an error on the later one. */
function duplicatesAcrossRows(organizations: readonly Claim[]): ImportError[] {
  const firstLine = new Map<string, number>();
  const tenantLine = new Map<string, number>();
  const errors: ImportError[] = [];
  for (const organization of organizations) {
    for (const domain of organization.domains) {
      const earlier = firstLine.get(domain);
      if (earlier === undefined) firstLine.set(domain, organization.line);
      else errors.push({ line: organization.line, message: `domain ${quote(domain)} is also on line ${earlier}` });
    }
    // The bot finds a Teams user's organization by tenant id, so two organizations with one tenant
    // would make that answer depend on the order they were stored in.
    if (organization.tenantId !== undefined) {
      const earlier = tenantLine.get(organization.tenantId);
      if (earlier === undefined) tenantLine.set(organization.tenantId, organization.line);
      else errors.push({ line: organization.line, message: `tenantId ${quote(organization.tenantId)} is also on line ${earlier}` });
    }
  }
  return errors;
}

function domainProblem(problem: DomainProblem): string {
  switch (problem) {
    case 'empty':
      return 'is empty';
    case 'spaces':
      return 'has spaces';
    case 'tooLong':
      return 'is too long (at most 253 characters)';
    case 'noDot':
      return 'has no dot';
    case 'invalid':
      return 'is not a valid domain name';
  }
}

function addressProblem(problem: AddressProblem): string {
  switch (problem) {
    case 'noAt':
      return 'it has no @';
    case 'localPart':
      return 'the part before the @ is not valid';
    case 'empty':
      return 'it is empty';
    case 'spaces':
      return 'it has spaces';
    case 'tooLong':
      return 'it is too long';
    case 'noDot':
      return 'its domain has no dot';
    case 'invalid':
      return 'its domain is not valid';
  }
}

/** A value as it appears in a message: quoted, escaped (a line break shows as \n), and cut when long. */
function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------------
// JSON

const ORGANIZATION_FIELDS = ['displayName', 'domains', 'orgType', 'cloud', 'managed', 'tenantId', 'helpdeskContact', 'admins', 'selfService'];
const CONTACT_FIELDS: Record<string, Column> = { title: 'helpdeskTitle', phone: 'helpdeskPhone', email: 'helpdeskEmail', url: 'helpdeskUrl' };
const SELF_SERVICE_FIELDS: Record<string, Column> = {
  allowEmailVerifiedUsers: 'allowEmailVerifiedUsers',
  allowAdHocSubscriptions: 'allowAdHocSubscriptions',
};

function readJsonRows(content: string): { rows: RawRow[]; errors: ImportError[] } {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    return { rows: [], errors: [jsonSyntaxError(content, (error as Error).message)] };
  }
  const layout = scanJson(content);
  let elements: unknown[];
  let offsets: number[];
  if (Array.isArray(data)) {
    elements = data;
    offsets = layout.arrayElements.get(layout.rootStart) ?? [];
  } else if (isPlainObject(data)) {
    const errors: ImportError[] = [];
    for (const key of Object.keys(data)) {
      if (key !== 'organizations') {
        errors.push({ line: lineAt(content, layout.rootKeys.get(key) ?? 0), message: `unknown field "${key}" (expected only "organizations")` });
      }
    }
    const list = data.organizations;
    const listStart = layout.rootKeys.get('organizations');
    if (!Array.isArray(list) || listStart === undefined) {
      errors.push({ line: lineAt(content, listStart ?? layout.rootStart), message: '"organizations" must be a list of organizations' });
      return { rows: [], errors };
    }
    if (errors.length > 0) return { rows: [], errors };
    elements = list;
    offsets = layout.arrayElements.get(listStart) ?? [];
  } else {
    return { rows: [], errors: [{ line: lineAt(content, layout.rootStart), message: 'expected a list of organizations or { "organizations": [...] }' }] };
  }

  const rows: RawRow[] = [];
  const errors: ImportError[] = [];
  elements.forEach((element, index) => {
    const line = lineAt(content, offsets[index] ?? layout.rootStart);
    if (!isPlainObject(element)) {
      errors.push({ line, message: `an organization must be an object, not ${describe(element)}` });
      return;
    }
    const problems: string[] = [];
    const values: Partial<Record<Column, unknown>> = {};
    for (const [key, value] of Object.entries(element)) {
      if (key === 'helpdeskContact') nested(value, key, CONTACT_FIELDS, values, problems);
      else if (key === 'selfService') nested(value, key, SELF_SERVICE_FIELDS, values, problems);
      // Typos such as "domain" would otherwise be dropped without a word and the row stored without them.
      else if (!ORGANIZATION_FIELDS.includes(key)) problems.push(`unknown field "${key}" (known: ${ORGANIZATION_FIELDS.join(', ')})`);
      else values[key as Column] = value;
    }
    errors.push(...problems.map((message) => ({ line, message })));
    rows.push({ line, values, names: JSON_NAMES, format: 'json' });
  });
  return { rows, errors };
}

function nested(value: unknown, name: string, fields: Record<string, Column>, values: Partial<Record<Column, unknown>>, problems: string[]): void {
  if (value === null || value === undefined) return;
  if (!isPlainObject(value)) {
    problems.push(`${name} must be an object, not ${describe(value)}`);
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    const column = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (column) values[column] = inner;
    else problems.push(`unknown field "${name}.${key}" (known: ${Object.keys(fields).join(', ')})`);
  }
}

/** A syntax error at the line Node's message points to ("... in JSON at position 42"). */
function jsonSyntaxError(content: string, message: string): ImportError {
  const position = /at position (\d+)/.exec(message);
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  const reason = message.replace(/\s*(?:in JSON )?at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)/, '');
  if (position) {
    // An error at the very end (a missing `]`) belongs after the last text, not on the empty line below it.
    const offset = content.slice(Number(position[1])).trim() === '' ? content.trimEnd().length : Number(position[1]);
    const line = lineAt(content, offset);
    const column = offset - content.lastIndexOf('\n', offset - 1);
    return { line, message: `not valid JSON: ${reason} (column ${column})` };
  }
  if (lineColumn) return { line: Number(lineColumn[1]), message: `not valid JSON: ${reason} (column ${lineColumn[2]})` };
  // "Unexpected end of JSON input" has no position: the file ends after its last line with text.
  return { line: lineAt(content, content.trimEnd().length), message: `not valid JSON: ${reason}` };
}

interface JsonLayout {
  rootStart: number;
  /** Where each element of each array starts, keyed by the offset of the array's `[`. */
  arrayElements: Map<number, number[]>;
  /** Where the value of each key of a root object starts. */
  rootKeys: Map<string, number>;
}

/**
 * Where values start in a JSON text that JSON.parse accepted (JSON.parse keeps no positions).
 * @remarks Only strings need care: a bracket or comma inside one is text, and `\"` does not end it.
 */
function scanJson(content: string): JsonLayout {
  const layout: JsonLayout = { rootStart: 0, arrayElements: new Map(), rootKeys: new Map() };
  const stack: { kind: '[' | '{'; start: number }[] = [];
  let expectingValue = true;
  let key: string | undefined;
  for (let i = 0; i < content.length; i++) {
    const char = content[i] ?? '';
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') continue;
    const top = stack[stack.length - 1];
    if (char === ']' || char === '}') {
      stack.pop();
      expectingValue = false;
    } else if (char === ',') {
      expectingValue = top?.kind === '[';
    } else if (char === ':') {
      expectingValue = true;
    } else if (top?.kind === '{' && !expectingValue) {
      const end = stringEnd(content, i);
      key = JSON.parse(content.slice(i, end + 1)) as string;
      i = end;
    } else {
      if (!top) layout.rootStart = i;
      else if (top.kind === '[') layout.arrayElements.get(top.start)?.push(i);
      else if (stack.length === 1 && key !== undefined) layout.rootKeys.set(key, i);
      expectingValue = false;
      if (char === '[') {
        stack.push({ kind: '[', start: i });
        layout.arrayElements.set(i, []);
        expectingValue = true;
      } else if (char === '{') {
        stack.push({ kind: '{', start: i });
      } else if (char === '"') {
        i = stringEnd(content, i);
      } else {
        while (i + 1 < content.length && !/[\s,\]}]/.test(content[i + 1] ?? '')) i++;
      }
    }
  }
  return layout;
}

/** The offset of the quote that closes the string opening at `start`. */
function stringEnd(content: string, start: number): number {
  for (let i = start + 1; i < content.length; i++) {
    if (content[i] === '\\') i++;
    else if (content[i] === '"') return i;
  }
  return content.length - 1;
}

function lineAt(content: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < content.length; i++) if (content[i] === '\n') line++;
  return line;
}

// ---------------------------------------------------------------------------------------------------
// CSV (RFC 4180, as Excel writes it)

interface CsvRecord {
  /** The line the record starts on; a quoted cell may span lines. */
  line: number;
  cells: string[];
}

function readCsvRows(content: string): { rows: RawRow[]; errors: ImportError[] } {
  const firstLine = content.split(/\r\n|\n|\r/, 1)[0] ?? '';
  // Excel in a Dutch (or German, French...) locale separates with `;` because `,` is the decimal comma.
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const { records, errors } = csvRecords(content, delimiter);
  const [header, ...data] = records;
  if (!header) return { rows: [], errors: [...errors, { line: 1, message: `the header row is missing (columns: ${CSV_COLUMNS.join(', ')})` }] };

  const columns: (Column | undefined)[] = [];
  const headerErrors: string[] = [];
  const known = header.cells.filter((cell) => CSV_COLUMNS.some((column) => column.toLowerCase() === cell.trim().toLowerCase()));
  if (known.length === 0) {
    headerErrors.push(`the first row must be a header naming the columns (${CSV_COLUMNS.join(', ')})`);
  } else {
    for (const cell of header.cells) {
      const name = cell.trim();
      const column = CSV_COLUMNS.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
      if (name && !column) headerErrors.push(`unknown column ${quote(name)} (columns: ${CSV_COLUMNS.join(', ')})`);
      else if (column && columns.includes(column)) headerErrors.push(`column "${column}" appears twice`);
      columns.push(column);
    }
    for (const required of ['displayName', 'domains'] as const) {
      if (!columns.includes(required)) headerErrors.push(`the header has no column "${required}"`);
    }
  }
  if (headerErrors.length > 0) {
    // Without a sound header every row would be misread; its errors would only bury the real one.
    return { rows: [], errors: [...errors, ...headerErrors.map((message) => ({ line: header.line, message }))] };
  }

  const rows: RawRow[] = [];
  for (const record of data) {
    const values: Partial<Record<Column, unknown>> = {};
    let stray = false;
    record.cells.forEach((cell, index) => {
      const column = columns[index];
      if (column) values[column] = cell;
      else if (cell.trim()) stray = true;
    });
    if (stray) {
      const message =
        record.cells.length > columns.length
          ? `has ${record.cells.length} fields but the header has ${columns.length} (a ${delimiter === ';' ? 'semicolon' : 'comma'} inside a cell needs quotes)`
          : 'has a value in a column without a name in the header';
      errors.push({ line: record.line, message });
      continue;
    }
    // Fewer cells than columns is not an error: Excel leaves off trailing empty cells on some rows.
    rows.push({ line: record.line, values, names: CSV_NAMES, format: 'csv' });
  }
  return { rows, errors };
}

/** Splits CSV text into records, skipping blank ones (`;;;;` is the blank row Excel writes). */
function csvRecords(content: string, delimiter: string): { records: CsvRecord[]; errors: ImportError[] } {
  const records: CsvRecord[] = [];
  const errors: ImportError[] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  /** The cell was quoted and its closing quote has passed: only the delimiter or a line end may follow. */
  let closed = false;
  let broken = false;
  let line = 1;
  let recordLine = 1;

  const endRecord = () => {
    cells.push(cell);
    if (!broken && cells.some((value) => value.trim() !== '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    closed = false;
    broken = false;
  };

  for (let i = 0; i < content.length; i++) {
    const char = content[i] ?? '';
    if (inQuotes) {
      if (char === '"') {
        if (content[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          inQuotes = false;
          closed = true;
        }
      } else if (char === '\r' && content[i + 1] === '\n') {
        // CRLF inside a cell is one line break; keep it as \n like everywhere else.
      } else {
        if (char === '\n' || char === '\r') line++;
        cell += char === '\r' ? '\n' : char;
      }
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
      closed = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && content[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (char === '"' && !closed && cell.trim() === '') {
      inQuotes = true;
      cell = '';
    } else if (closed) {
      if (char !== ' ' && char !== '\t' && !broken) {
        errors.push({ line: recordLine, message: `unexpected ${quote(char)} after a closing quote (a quote inside a quoted cell is written as "")` });
        broken = true;
      }
    } else {
      cell += char;
    }
  }
  if (inQuotes) {
    errors.push({ line: recordLine, message: 'a quoted cell is not closed: its closing quote is missing' });
  } else if (cell !== '' || cells.length > 0) {
    endRecord();
  }
  return { records, errors };
}

// ---------------------------------------------------------------------------------------------------
// Applying and exporting

/**
 * Applies a parsed file in one transaction: each row replaces the stored organization owning one of its
 * domains (keeping its id and creation time) or becomes a new one. Throws ImportRejectedError, writing
 * nothing, when a row would merge two stored organizations or collide with one.
 */
export async function importOrganizations(directory: Directory, organizations: ImportedOrganization[], now: Date): Promise<ImportSummary> {
  const at = now.toISOString();
  return directory.transaction(async (tx) => {
    const matches = await matchStored(tx, organizations);
    const errors: ImportError[] = [];
    const results: ImportedResult[] = [];
    for (const { row, stored } of matches) {
      const domain = row.domains[0] ?? '';
      const organization = toOrganization(row, stored?.id ?? (await newId(tx, domain)), stored, at);
      try {
        await tx.saveOrganization(organization);
      } catch (error) {
        // The directory refuses a domain that belongs to another organization; say which row caused it.
        errors.push({ line: row.line, message: (error as Error).message.replace(/^Directory\.saveOrganization\(\): /, '') });
        continue;
      }
      for (const admin of organization.admins) {
        if (await tx.findMember(admin.email)) continue;
        const member: Member = {
          email: admin.email,
          orgId: organization.id,
          joinedVia: 'admin',
          services: [],
          joinedAt: at,
          name: admin.name,
          ...(admin.userId === undefined ? {} : { userId: admin.userId }),
        };
        await tx.saveMember(member);
      }
      const outcome = stored ? 'updated' : 'created';
      await tx.audit({ at, actor: 'cli', action: 'import', subject: domain, outcome });
      results.push({ line: row.line, id: organization.id, domain, displayName: organization.displayName, outcome });
    }
    // Throwing undoes every write of the transaction, so a rejected file leaves the directory as it was.
    if (errors.length > 0) throw new ImportRejectedError(errors);
    return {
      created: results.filter((result) => result.outcome === 'created').length,
      updated: results.filter((result) => result.outcome === 'updated').length,
      organizations: results,
    };
  });
}

/**
 * The stored organization each row replaces, decided before any row is written so the outcome does not
 * depend on the order of the rows.
 */
async function matchStored(
  tx: DirectoryTransaction,
  organizations: readonly ImportedOrganization[],
): Promise<{ row: ImportedOrganization; stored: Organization | undefined }[]> {
  const errors: ImportError[] = [];
  const matches: { row: ImportedOrganization; stored: Organization | undefined }[] = [];
  const updatedBy = new Map<string, number>();
  for (const row of organizations) {
    const owners = new Map<string, { organization: Organization; domain: string }>();
    for (const domain of row.domains) {
      const owner = await tx.findByDomain(domain);
      if (owner && !owners.has(owner.id)) owners.set(owner.id, { organization: owner, domain });
    }
    if (owners.size > 1) {
      const named = [...owners.values()].map(({ organization, domain }) => `"${domain}" belongs to "${organization.id}" (${organization.displayName})`);
      errors.push({ line: row.line, message: `the domains belong to different organizations in the directory: ${named.join(', ')}; one row cannot merge them` });
      continue;
    }
    const [owner] = owners.values();
    if (owner) {
      const earlier = updatedBy.get(owner.organization.id);
      if (earlier !== undefined) {
        errors.push({
          line: row.line,
          message: `domain "${owner.domain}" belongs to organization "${owner.organization.id}" (${owner.organization.displayName}), which line ${earlier} already updates; one organization can be updated by one row only`,
        });
        continue;
      }
      updatedBy.set(owner.organization.id, row.line);
    }
    matches.push({ row, stored: owner?.organization });
  }
  if (errors.length > 0) throw new ImportRejectedError(errors);
  return matches;
}

/** `org-<first domain>`, with a number added when an organization that lost that domain still has the id. */
async function newId(tx: DirectoryTransaction, domain: string): Promise<string> {
  const base = `org-${domain}`;
  let id = base;
  for (let n = 2; await tx.findById(id); n++) id = `${base}-${n}`;
  return id;
}

function toOrganization(row: ImportedOrganization, id: string, stored: Organization | undefined, at: string): Organization {
  const admins: OrgAdmin[] = row.admins.map((admin) => {
    // Re-importing the same sheet must not move every admin's start date to today or forget who they are in Teams.
    const known = stored?.admins.find((candidate) => candidate.email.toLowerCase() === admin.email);
    const userId = admin.userId ?? known?.userId;
    return { ...(userId === undefined ? {} : { userId }), name: admin.name, email: admin.email, since: admin.since ?? known?.since ?? at };
  });
  return {
    id,
    displayName: row.displayName,
    domains: [...row.domains],
    ...(row.tenantId === undefined ? {} : { tenantId: row.tenantId }),
    managed: row.managed,
    orgType: row.orgType,
    cloud: row.cloud,
    ...(row.helpdeskContact ? { helpdeskContact: { ...row.helpdeskContact } } : {}),
    admins,
    selfService: { ...row.selfService },
    createdAt: stored?.createdAt ?? at,
  };
}

/** The whole directory in the JSON import format, so an export can be imported again unchanged. */
export async function exportDirectory(directory: Directory): Promise<DirectoryFile> {
  const organizations = await directory.listOrganizations();
  return { organizations: organizations.map(toRecord) };
}

function toRecord(organization: Organization): OrganizationRecord {
  const contact = organization.helpdeskContact;
  return {
    displayName: organization.displayName,
    domains: [...organization.domains],
    orgType: organization.orgType,
    cloud: organization.cloud,
    managed: organization.managed,
    ...(organization.tenantId === undefined ? {} : { tenantId: organization.tenantId }),
    ...(contact
      ? {
          helpdeskContact: {
            title: contact.title,
            ...(contact.phone === undefined ? {} : { phone: contact.phone }),
            ...(contact.email === undefined ? {} : { email: contact.email }),
            ...(contact.url === undefined ? {} : { url: contact.url }),
          },
        }
      : {}),
    admins: organization.admins.map((admin) => ({
      name: admin.name,
      email: admin.email,
      since: admin.since,
      ...(admin.userId === undefined ? {} : { userId: admin.userId }),
    })),
    selfService: {
      allowEmailVerifiedUsers: organization.selfService.allowEmailVerifiedUsers,
      allowAdHocSubscriptions: organization.selfService.allowAdHocSubscriptions,
    },
  };
}
