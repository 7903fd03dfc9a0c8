/**
 * Finds the organization a person belongs to, from who the channel says they are: by Teams tenant first, else by
 * the email address the channel gives. Never from an address they typed (SECURITY.md, "Who someone is").
 */
import type { Directory } from '../ports/directory.js';
import { emailDomain } from '../signup/emailAddress.js';
import type { Organization } from '../models/organization.js';

/**
 * Who the channel says is asking: the Teams ids and tenant of the activity, and the email address of the Teams
 * member look-up. Never an address the person typed: that is a claim (`UserProfile.email`), not an identity.
 */
export interface Requester {
  userId: string;
  name?: string;
  aadObjectId?: string;
  email?: string;
  tenantId?: string;
}

export async function findOrganization(directory: Pick<Directory, 'findByTenantId' | 'findByDomain'>, requester: Requester): Promise<Organization | undefined> {
  const byTenant = requester.tenantId ? await directory.findByTenantId(requester.tenantId) : undefined;
  if (byTenant) return byTenant;
  const domain = emailDomain(requester.email);
  const byDomain = domain ? await directory.findByDomain(domain) : undefined;
  // An organization tied to another tenant is not theirs: an address alone never crosses tenants.
  return byDomain && !otherTenant(byDomain, requester.tenantId) ? byDomain : undefined;
}

/**
 * The channel says this person is in the organization: they chat from its tenant, or the channel gives an address on
 * one of its domains (and they do not chat from another tenant the organization is tied to). What grants the
 * organization's inside view (its admins unmasked, its member counts) is this, never a typed address.
 */
export function belongsTo(organization: Organization | undefined, requester: Pick<Requester, 'email' | 'tenantId'>): boolean {
  if (!organization) return false;
  if (sameTenant(requester.tenantId, organization.tenantId)) return true;
  const domain = emailDomain(requester.email);
  return domain !== undefined && organization.domains.includes(domain) && !otherTenant(organization, requester.tenantId);
}

function otherTenant(organization: Organization, tenantId: string | undefined): boolean {
  return organization.tenantId !== undefined && tenantId !== undefined && !sameTenant(organization.tenantId, tenantId);
}

function sameTenant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
