/** What the dialogs may ask of the organization directory; `data/` implements it. */
import type { Organization } from './organization.js';

export interface Directory {
  findByTenantId(tenantId: string): Promise<Organization | undefined>;
  /** Exact domain match: sales.contoso.com is not contoso.com. */
  findByDomain(domain: string): Promise<Organization | undefined>;
  /** Adds or replaces the organization with the same id. */
  save(organization: Organization): Promise<void>;
}
