/**
 * Ties an organization to its Microsoft Entra tenant on its first verified use, so that an address alone never
 * authorizes anyone across tenants (SECURITY.md, "Who someone is").
 * @remarks An organization imported or created without a tenant id is found by the domain of a sign-in address;
 * but a token's `preferred_username` is not proof of the domain: two tenants can both issue one on the same
 * domain. So the first token Entra ID verified for the organization binds it to its tenant (`tid`), and from then
 * on only that tenant's tokens reach it. Microsoft is asked first which tenant holds the domain: when it names
 * another tenant, the caller is not bound and not let in; only when Microsoft cannot be asked does the first
 * verified caller decide (documented as a known gap).
 */
import type { Directory } from '../ports/directory.js';
import type { MicrosoftLookups } from '../ports/microsoft.js';
import type { Organization } from '../models/organization.js';

export interface VerifiedCaller {
  /** The tenant Entra ID vouched for (the token's `tid`). */
  tenantId: string;
  /** Who the audit trail names. */
  actor: string;
}

/**
 * The organization bound to the caller's tenant (now or before), or undefined when it belongs to another tenant
 * (by Microsoft's word, or bound already) and the caller may not reach it.
 */
export async function bindToTenant(
  directory: Directory,
  microsoft: MicrosoftLookups,
  organization: Organization,
  domain: string,
  caller: VerifiedCaller,
  now: Date,
): Promise<Organization | undefined> {
  if (organization.tenantId) return sameTenant(organization.tenantId, caller.tenantId) ? organization : undefined;
  // Asked outside the transaction: it may take seconds.
  const atMicrosoft = await microsoft.tenantOf(domain);
  const holder = atMicrosoft.answered ? atMicrosoft.value : undefined;
  const refused = atMicrosoft.answered && !sameTenant(holder, caller.tenantId);
  return directory.transaction(async (tx) => {
    const current = await tx.findById(organization.id);
    if (!current) return undefined;
    // Bound in the meantime (another instance, another request): that binding stands.
    if (current.tenantId) return sameTenant(current.tenantId, caller.tenantId) ? current : undefined;
    const at = now.toISOString();
    const subject = current.domains[0] ?? current.id;
    if (refused) {
      const why = holder ? 'Microsoft shows the domain in another tenant' : 'Microsoft shows no tenant for the domain';
      await tx.audit({ at, actor: caller.actor, action: 'tenant.bind', subject, outcome: `refused: ${caller.tenantId}; ${why}` });
      return undefined;
    }
    const bound = { ...current, tenantId: caller.tenantId };
    await tx.saveOrganization(bound);
    await tx.audit({ at, actor: caller.actor, action: 'tenant.bind', subject, outcome: `bound to ${caller.tenantId}${atMicrosoft.answered ? ' (confirmed by Microsoft)' : ' (first verified sign-in; Microsoft not asked)'}` });
    return bound;
  });
}

function sameTenant(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
