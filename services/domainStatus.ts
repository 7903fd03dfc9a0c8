/**
 * "Your domain may be in use" (DOMAIN.md section 5): who holds a domain, as far as the directory knows.
 * @remarks A managed organization's admins are shown masked (a***@contoso.com): the person asking may be
 * an outsider, and the answer only needs to show that an admin exists and where to look.
 */
import { isRecordedAdmin } from './adminAnswer.js';
import type { Directory } from './directory.js';
import { maskEmail } from './emailAddress.js';
import type { Requester } from './findOrganization.js';
import type { Organization } from './organization.js';

export type DomainStatus =
  | { kind: 'unmanaged'; domain: string; organization: Organization; members: number }
  | { kind: 'managed'; domain: string; organization: Organization; maskedAdmins: string[] }
  /** Managed, and the person asking is one of its recorded admins. */
  | { kind: 'yours'; domain: string; organization: Organization }
  /** Nothing holds the domain, but a parent domain belongs to an organization: the subdomain exception. */
  | { kind: 'subdomain'; domain: string; parent: string; organization: Organization }
  | { kind: 'free'; domain: string };

/** `domain` is already normalized (lower-case ASCII). */
export async function checkDomain(directory: Directory, domain: string, requester: Requester): Promise<DomainStatus> {
  const organization = await directory.findByDomain(domain);
  if (organization && !organization.managed) {
    return { kind: 'unmanaged', domain, organization, members: await directory.countMembers(organization.id) };
  }
  if (organization) {
    if (isRecordedAdmin(organization, { email: requester.email, userId: requester.aadObjectId ?? requester.userId })) {
      return { kind: 'yours', domain, organization };
    }
    return { kind: 'managed', domain, organization, maskedAdmins: organization.admins.map((admin) => maskEmail(admin.email)) };
  }
  const parent = await heldParent(directory, domain);
  return parent ? { kind: 'subdomain', domain, ...parent } : { kind: 'free', domain };
}

/** The nearest parent domain (sales.contoso.com → contoso.com) that an organization holds. */
async function heldParent(directory: Directory, domain: string): Promise<{ parent: string; organization: Organization } | undefined> {
  const labels = domain.split('.');
  for (let i = 1; i < labels.length - 1; i++) {
    const parent = labels.slice(i).join('.');
    const organization = await directory.findByDomain(parent);
    if (organization) return { parent, organization };
  }
  return undefined;
}
