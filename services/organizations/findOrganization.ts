/** Finds the organization a person belongs to: by Teams tenant first, else by their email domain. */
import type { Directory } from '../ports/directory.js';
import { emailDomain } from '../signup/emailAddress.js';
import type { Organization } from '../models/organization.js';

export interface Requester {
  userId: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  tenantId?: string;
}

export async function findOrganization(directory: Directory, requester: Requester): Promise<Organization | undefined> {
  const byTenant = requester.tenantId ? await directory.findByTenantId(requester.tenantId) : undefined;
  if (byTenant) return byTenant;
  const domain = emailDomain(requester.email);
  return domain ? directory.findByDomain(domain) : undefined;
}
