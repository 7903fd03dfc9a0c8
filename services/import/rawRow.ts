/**
 * A row of an import file as read, before any rule is checked, and the columns it may hold.
 * @remarks JSON and CSV files are read into this one shape so both formats share the row rules; only the
 * names in messages differ, because some JSON fields are nested.
 */

export type ImportFormat = 'json' | 'csv';

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
export type Column = (typeof CSV_COLUMNS)[number];

/** How a field is called in messages about a JSON file, where some fields are nested. */
export const JSON_NAMES: Record<Column, string> = {
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
export const CSV_NAMES = Object.fromEntries(CSV_COLUMNS.map((column) => [column, column])) as Record<Column, string>;

/** A row as the file gives it, before any rule is checked: CSV cells are strings, JSON values anything. */
export interface RawRow {
  line: number;
  values: Partial<Record<Column, unknown>>;
  names: Record<Column, string>;
  format: ImportFormat;
}
