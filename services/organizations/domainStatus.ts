/**
 * "Your domain may be in use" (docs/facts.md section 5): who holds a domain, as far as the directory knows.
 * @remarks A managed organization's admins are shown masked (a***@contoso.com): the person asking may be
 * an outsider, and the answer only needs to show that an admin exists and where to look. So an answer to
 * an outsider names the organization but does not carry its record, which lists the admins in full.
 */
import { isRecordedAdmin } from './adminAnswer.js';
import { classifyAddressDomain } from '../signup/addressPolicy.js';
import type { Directory } from '../ports/directory.js';
import { emailDomain, maskEmail } from '../signup/emailAddress.js';
import type { Requester } from './findOrganization.js';
import type { Organization } from '../models/organization.js';

/** What an outsider may see of an organization: which one it is, not who administers it. */
export type OrganizationName = Pick<Organization, 'id' | 'displayName'>;

export type DomainStatus =
  | { kind: 'unmanaged'; domain: string; organization: Organization; members: number }
  | { kind: 'managed'; domain: string; organization: OrganizationName; maskedAdmins: string[] }
  /** Managed, and the person asking is one of its recorded admins. */
  | { kind: 'yours'; domain: string; organization: Organization }
  /** Managed, and the person asking is in it (its Teams tenant, or an address on its domains), not an admin. */
  | { kind: 'member'; domain: string; organization: Organization }
  /** Nothing holds the domain, but a parent domain belongs to an organization: the subdomain exception. */
  | { kind: 'subdomain'; domain: string; parent: string; organization: OrganizationName }
  /** A personal email service's domain (gmail.com, outlook.com, an internet provider's): no organization's to add or take over. */
  | { kind: 'consumer'; domain: string }
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
    if (isInOrganization(organization, requester)) return { kind: 'member', domain, organization };
    const maskedAdmins = organization.admins.map((admin) => maskEmail(admin.email));
    return { kind: 'managed', domain, organization: nameOf(organization), maskedAdmins };
  }
  // Not "free": the domain of a personal email service can never be one an organization adds.
  if (classifyAddressDomain(domain) === 'consumer') return { kind: 'consumer', domain };
  const parent = await heldParent(directory, domain);
  return parent ? { kind: 'subdomain', domain, ...parent } : { kind: 'free', domain };
}

/** Teams says the person chats from the organization's tenant, or their address is on one of its domains. */
function isInOrganization(organization: Organization, requester: Requester): boolean {
  if (organization.tenantId && requester.tenantId === organization.tenantId) return true;
  const domain = emailDomain(requester.email);
  return domain !== undefined && organization.domains.includes(domain);
}

/** The nearest parent domain (sales.contoso.com → contoso.com) that an organization holds. */
async function heldParent(directory: Directory, domain: string): Promise<{ parent: string; organization: OrganizationName } | undefined> {
  const labels = domain.split('.');
  for (let i = 1; i < labels.length - 1; i++) {
    const parent = labels.slice(i).join('.');
    const organization = await directory.findByDomain(parent);
    if (organization) return { parent, organization: nameOf(organization) };
  }
  return undefined;
}

function nameOf(organization: Organization): OrganizationName {
  return { id: organization.id, displayName: organization.displayName };
}
