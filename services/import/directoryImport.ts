/**
 * The operators' directory import and export: reads a JSON or CSV file of organizations, checks every row
 * against the directory's rules, and applies the whole file in one transaction, or nothing of it.
 * @remarks Every problem is reported at once, with the line it is on, so an operator fixes the file in one
 * go. Nothing reaches the directory unless every row is valid and no row collides with a stored
 * organization: a half-imported file would leave the operator guessing which rows to fix and re-run.
 * Reading a file and checking its rows live in their own modules (jsonRows, csvRows, checkRow); this one
 * ties them together and applies the result.
 */
import { checkRow, type Claim } from './checkRow.js';
import { readCsvRows } from './csvRows.js';
import type { Directory, DirectoryTransaction, Member } from '../ports/directory.js';
import { duplicatesAcrossRows } from './duplicatesAcrossRows.js';
import { formatImportError, type ImportError } from './importError.js';
import type { ImportedOrganization, OrganizationRecord } from './importedOrganization.js';
import { readJsonRows } from './jsonRows.js';
import type { OrgAdmin, Organization } from '../models/organization.js';
import type { ImportFormat } from './rawRow.js';

// Callers import the whole import API from here, wherever each part lives.
export { formatImportError, type ImportError } from './importError.js';
export type { ImportedAdmin, ImportedOrganization, OrganizationRecord } from './importedOrganization.js';
export { CSV_COLUMNS, type ImportFormat } from './rawRow.js';

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