/**
 * Checks one import row, of either format, against the directory's rules, turning it into an
 * ImportedOrganization when it is valid.
 */
import { parseEmailAddress } from '../signup/emailAddress.js';
import { domainList, flag, isWebAddress, MAX_NAME, oneOf, text } from './fieldRules.js';
import { csvAdmins, jsonAdmins } from './importedAdmins.js';
import type { ImportedOrganization } from './importedOrganization.js';
import { addressProblem, quote } from './importMessages.js';
import { CLOUDS, ORG_TYPES, type HelpdeskContact, type SelfServiceSettings } from '../models/organization.js';
import type { RawRow } from './rawRow.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The valid domains and tenant id of a row, even when another field is wrong, so duplicates are found in one pass. */
export interface Claim {
  line: number;
  domains: string[];
  tenantId?: string;
}

export function checkRow(row: RawRow, problems: string[]): { organization?: ImportedOrganization; claim: Claim } {
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
