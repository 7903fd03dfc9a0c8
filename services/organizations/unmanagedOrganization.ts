/**
 * The record of an organization nobody administers: what self-service signup creates for a new domain, and what
 * the directory records when Microsoft shows such an organization it had no record of (a takeover starts there).
 */
import type { DirectoryTransaction } from '../ports/directory.js';
import type { Organization } from '../models/organization.js';

/** `tenantId`: the one Microsoft gave for an unmanaged organization it already has for the domain. */
export function unmanagedOrganization(id: string, domain: string, at: string, tenantId?: string): Organization {
  return {
    id,
    displayName: domain,
    domains: [domain],
    ...(tenantId ? { tenantId } : {}),
    managed: false,
    orgType: 'unknown',
    cloud: 'worldwide',
    admins: [],
    selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: true },
    createdAt: at,
  };
}

/** A new unmanaged organization for the domain, with an id no other organization has. */
export async function newUnmanagedOrganization(tx: Pick<DirectoryTransaction, 'findById'>, domain: string, at: string, tenantId?: string): Promise<Organization> {
  let id = `org-${domain}`;
  for (let n = 2; await tx.findById(id); n++) id = `org-${domain}-${n}`;
  return unmanagedOrganization(id, domain, at, tenantId);
}
