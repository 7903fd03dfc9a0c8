/**
 * "Your domain may be in use" (docs/facts.md sections 5 and 10): who holds a domain. Microsoft is asked first and
 * is the source of truth; the directory adds what it knows (the organization's name in the helpdesk's records, its
 * admins, the members who signed up through the bot). Where the two disagree, Microsoft wins and the answer says
 * so; when Microsoft cannot be asked, the answer comes from the directory alone and says that.
 * @remarks A managed organization's admins are shown masked (a***@contoso.com): the person asking may be
 * an outsider, and the answer only needs to show that an admin exists and where to look. So an answer to
 * an outsider names the organization but does not carry its record, which lists the admins in full.
 */
import { isRecordedAdmin } from './adminAnswer.js';
import { agreesWithMicrosoft, askMicrosoftAbout, holderInDirectory, type MicrosoftDomainView } from './domainAtMicrosoft.js';
import { classifyAddressDomain } from '../signup/addressPolicy.js';
import type { Directory } from '../ports/directory.js';
import type { MicrosoftLookups } from '../ports/microsoft.js';
import { emailDomain, maskEmail } from '../signup/emailAddress.js';
import { belongsTo, type Requester } from './findOrganization.js';
import type { Organization } from '../models/organization.js';

/** What an outsider may see of an organization: which one it is, not who administers it. */
export type OrganizationName = Pick<Organization, 'id' | 'displayName'>;

/** Microsoft shows the domain otherwise than the directory records it: what Microsoft shows, and the organization on record. */
export interface Disagreement {
  /** `elsewhere`: held by another organization of the same kind (the domain moved between tenants). */
  shows: 'unknown' | 'unmanaged' | 'managed' | 'elsewhere';
  recorded: OrganizationName;
}

/** Where an answer about a domain comes from. */
export type DomainSource =
  /** Microsoft said who holds the domain; what the directory adds is about that holder. */
  | { source: 'microsoft'; disagreement?: Disagreement }
  /** Microsoft could not be asked (switched off, unreachable, or not given to checkDomain): the directory alone. */
  | { source: 'directory' };

/** Who holds the domain. */
export type DomainHolder =
  /** `members`: how many the directory knows, only for someone the channel places in the organization (belongsTo). */
  | { kind: 'unmanaged'; domain: string; organization: Organization; members?: number }
  /** Microsoft says an unmanaged organization holds the domain, and the directory has no unmanaged organization for it. */
  | { kind: 'unmanagedAtMicrosoft'; domain: string }
  | { kind: 'managed'; domain: string; organization: OrganizationName; maskedAdmins: string[] }
  /** Managed, and the person asking is one of its recorded admins. */
  /** `onTheirWord`: the directory records them as admin only because they said so (Microsoft has not confirmed it). */
  | { kind: 'yours'; domain: string; organization: Organization; onTheirWord?: true }
  /** Managed, and the person asking is in it (its Teams tenant, or an address on its domains), not an admin. */
  | { kind: 'member'; domain: string; organization: Organization }
  /**
   * Microsoft says a managed organization holds the domain, and the directory does not know it (or records the
   * domain otherwise). `brand`: the name Microsoft gives; `inYourTenant`: it is the tenant the person chats from.
   */
  | { kind: 'managedAtMicrosoft'; domain: string; brand?: string; federated: boolean; inYourTenant: boolean }
  /** Nothing holds the domain, but a parent domain belongs to an organization: the subdomain exception. */
  | { kind: 'subdomain'; domain: string; parent: string; organization: OrganizationName }
  | { kind: 'free'; domain: string };

export type DomainStatus =
  | (DomainHolder & DomainSource)
  /** A personal email service's domain (gmail.com, outlook.com, an internet provider's): no organization's to add or take over. */
  | { kind: 'consumer'; domain: string };

/**
 * `domain` is already normalized (lower-case ASCII). Without `microsoft` (or when it cannot answer) the directory
 * answers alone, and the status says so.
 */
export async function checkDomain(directory: Directory, domain: string, requester: Requester, microsoft?: MicrosoftLookups): Promise<DomainStatus> {
  const recorded = await directory.findByDomain(domain);
  // Not "free": the domain of a personal email service can never be one an organization adds; Microsoft is not asked about it.
  if (!recorded && classifyAddressDomain(domain) === 'consumer') return { kind: 'consumer', domain };
  const view = await askMicrosoftAbout(microsoft, directory, domain);
  if (!view) return { ...(await fromDirectory(directory, domain, requester, recorded)), source: 'directory' };
  return fromMicrosoft(directory, domain, requester, recorded, view);
}

async function fromDirectory(directory: Directory, domain: string, requester: Requester, organization: Organization | undefined): Promise<DomainHolder> {
  if (organization && !organization.managed) {
    return { kind: 'unmanaged', domain, organization, ...(await membersFor(directory, organization, requester)) };
  }
  if (organization) return managedHolder(domain, organization, requester);
  const parent = await heldParent(directory, domain);
  return parent ? { kind: 'subdomain', domain, ...parent } : { kind: 'free', domain };
}

async function fromMicrosoft(
  directory: Directory,
  domain: string,
  requester: Requester,
  recorded: Organization | undefined,
  view: MicrosoftDomainView,
): Promise<DomainStatus> {
  const holder = await holderInDirectory(directory, view, recorded);
  const agrees = agreesWithMicrosoft(holder, view.holder);
  const known = agrees ? holder : undefined;
  const source: DomainSource = { source: 'microsoft', ...disagreementOf(recorded, known, view) };
  switch (view.holder.kind) {
    case 'unknown': {
      const parent = await heldParent(directory, domain);
      return parent ? { kind: 'subdomain', domain, ...parent, ...source } : { kind: 'free', domain, ...source };
    }
    case 'unmanaged':
      return known
        ? { kind: 'unmanaged', domain, organization: known, ...(await membersFor(directory, known, requester)), ...source }
        : { kind: 'unmanagedAtMicrosoft', domain, ...source };
    case 'managed': {
      if (known) return { ...managedHolder(domain, known, requester, view.tenantId), ...source };
      const { brand, federated } = view.holder;
      const inYourTenant = sameTenant(requester.tenantId, view.tenantId);
      return { kind: 'managedAtMicrosoft', domain, ...(brand ? { brand } : {}), federated, inYourTenant, ...source };
    }
  }
}

/** How many members the directory knows: the organization's own business, told only to someone the channel places in it. */
async function membersFor(directory: Directory, organization: Organization, requester: Requester): Promise<{ members?: number }> {
  return belongsTo(organization, requester) ? { members: await directory.countMembers(organization.id) } : {};
}

/** How Microsoft's answer differs from the directory's record of the domain, if it does. */
function disagreementOf(recorded: Organization | undefined, known: Organization | undefined, view: MicrosoftDomainView): { disagreement?: Disagreement } {
  if (!recorded || recorded.id === known?.id) return {};
  const sameKind = view.holder.kind !== 'unknown' && recorded.managed === (view.holder.kind === 'managed');
  return { disagreement: { shows: sameKind ? 'elsewhere' : view.holder.kind, recorded: nameOf(recorded) } };
}

/** A managed organization's answer for this person: theirs to administer, theirs as a member, or someone else's. */
function managedHolder(domain: string, organization: Organization, requester: Requester, microsoftTenant?: string): DomainHolder {
  const person = { email: requester.email, userId: requester.aadObjectId ?? requester.userId };
  if (isRecordedAdmin(organization, person)) {
    const entry = organization.admins.find((admin) => isRecordedAdmin({ ...organization, admins: [admin] }, person));
    return { kind: 'yours', domain, organization, ...(entry?.reportedByUser ? { onTheirWord: true as const } : {}) };
  }
  if (isInOrganization(organization, requester, domain, microsoftTenant)) return { kind: 'member', domain, organization };
  const maskedAdmins = organization.admins.map((admin) => maskEmail(admin.email));
  return { kind: 'managed', domain, organization: nameOf(organization), maskedAdmins };
}

/**
 * Teams says the person chats from the organization's tenant (or the tenant Microsoft says holds the domain), or
 * their address is on one of its domains, or on the domain itself, which the organization holds.
 */
function isInOrganization(organization: Organization, requester: Requester, domain: string, microsoftTenant?: string): boolean {
  if (sameTenant(requester.tenantId, organization.tenantId) || sameTenant(requester.tenantId, microsoftTenant)) return true;
  const own = emailDomain(requester.email);
  return own !== undefined && (own === domain || organization.domains.includes(own));
}

function sameTenant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
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
