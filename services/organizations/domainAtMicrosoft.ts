/**
 * What Microsoft says about a domain (docs/facts.md section 10), next to what the directory recorded: who holds the
 * domain, and which of the directory's organizations that is.
 * @remarks Microsoft is asked outside any directory transaction (it may take seconds); what it said is then read
 * against the directory, also inside a transaction, through the organization id found here.
 */
import type { Directory, DirectoryTransaction } from '../ports/directory.js';
import type { DomainAtMicrosoft, MicrosoftLookups } from '../ports/microsoft.js';
import type { Organization } from '../models/organization.js';

/** Microsoft's answer about a domain, with the directory's organization for the tenant that holds it. */
export interface MicrosoftDomainView {
  holder: DomainAtMicrosoft;
  /** The tenant that holds the domain (its OpenID configuration), when Microsoft said. */
  tenantId?: string;
  /** The directory's organization with that tenant id, when it has one. */
  tenantOrgId?: string;
}

/** What Microsoft says about the domain; undefined when it cannot be asked (no lookups given, off, unreachable). */
export async function askMicrosoftAbout(
  microsoft: MicrosoftLookups | undefined,
  directory: Pick<Directory, 'findByTenantId'>,
  domain: string,
): Promise<MicrosoftDomainView | undefined> {
  if (!microsoft) return undefined;
  // Both answers are kept by the lookups, so asking for the tenant alongside costs nothing the next time.
  const [realm, tenant] = await Promise.all([microsoft.domain(domain), microsoft.tenantOf(domain)]);
  if (!realm.answered) return undefined;
  const holder = realm.value;
  if (holder.kind === 'unknown') return { holder };
  const tenantId = tenant.answered ? tenant.value : undefined;
  const organization = tenantId ? await directory.findByTenantId(tenantId) : undefined;
  return { holder, ...(tenantId ? { tenantId } : {}), ...(organization ? { tenantOrgId: organization.id } : {}) };
}

/**
 * The directory's organization that holds the domain by Microsoft's answer: the one of the tenant Microsoft named,
 * else the one the directory records for the domain unless it is tied to another tenant (the domain moved, as in an
 * external takeover, to an organization the directory does not know). Undefined when no organization holds it.
 */
export async function holderInDirectory(
  reads: Pick<DirectoryTransaction, 'findById'>,
  view: MicrosoftDomainView,
  recorded: Organization | undefined,
): Promise<Organization | undefined> {
  if (view.holder.kind === 'unknown') return undefined;
  if (view.tenantOrgId) return recorded?.id === view.tenantOrgId ? recorded : reads.findById(view.tenantOrgId);
  if (recorded?.tenantId && view.tenantId && recorded.tenantId.toLowerCase() !== view.tenantId.toLowerCase()) return undefined;
  return recorded;
}

/** The directory's organization is what Microsoft says holds the domain: none for none, managed for managed. */
export function agreesWithMicrosoft(organization: Organization | undefined, holder: DomainAtMicrosoft): boolean {
  if (holder.kind === 'unknown') return organization === undefined;
  return organization !== undefined && organization.managed === (holder.kind === 'managed');
}
