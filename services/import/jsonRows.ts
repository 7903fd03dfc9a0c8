/**
 * Reads the raw rows of a JSON import file: a list of organizations, or `{ "organizations": [...] }` as
 * the export writes it, each row with the line its organization starts on.
 */
import type { ImportError } from './importError.js';
import { describe } from './importMessages.js';
import { isPlainObject } from './isPlainObject.js';
import { jsonSyntaxError, lineAt, scanJson } from './jsonLayout.js';
import { JSON_NAMES, type Column, type RawRow } from './rawRow.js';

const ORGANIZATION_FIELDS = ['displayName', 'domains', 'orgType', 'cloud', 'managed', 'tenantId', 'helpdeskContact', 'admins', 'selfService'];
const CONTACT_FIELDS: Record<string, Column> = { title: 'helpdeskTitle', phone: 'helpdeskPhone', email: 'helpdeskEmail', url: 'helpdeskUrl' };
const SELF_SERVICE_FIELDS: Record<string, Column> = {
  allowEmailVerifiedUsers: 'allowEmailVerifiedUsers',
  allowAdHocSubscriptions: 'allowAdHocSubscriptions',
};

export function readJsonRows(content: string): { rows: RawRow[]; errors: ImportError[] } {
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
