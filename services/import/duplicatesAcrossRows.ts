/**
 * Finds domains and tenant ids claimed by more than one row of an import file; a file that assigns one
 * of them twice cannot be applied whatever the stored directory holds.
 */
import type { Claim } from './checkRow.js';
import type { ImportError } from './importError.js';
import { quote } from './importMessages.js';

/** A domain may belong to one organization only, so a domain on two rows is an error on the later one. */
export function duplicatesAcrossRows(organizations: readonly Claim[]): ImportError[] {
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
