/** The organization directory, kept in the embedded store file. */
import type { Directory } from '../services/directory.js';
import type { Organization } from '../services/organization.js';
import type { HelpdeskFile } from './helpdeskFile.js';

export class HelpdeskFileDirectory implements Directory {
  constructor(private readonly file: HelpdeskFile) {}

  async findByTenantId(tenantId: string): Promise<Organization | undefined> {
    return copy(this.file.data.organizations.find((org) => org.tenantId === tenantId));
  }

  async findByDomain(domain: string): Promise<Organization | undefined> {
    const wanted = domain.toLowerCase();
    return copy(this.file.data.organizations.find((org) => org.domains.includes(wanted)));
  }

  async save(organization: Organization): Promise<void> {
    const stored = structuredClone(organization);
    await this.file.update((data) => {
      const index = data.organizations.findIndex((org) => org.id === stored.id);
      if (index === -1) data.organizations.push(stored);
      else data.organizations[index] = stored;
    });
  }
}

function copy(org: Organization | undefined): Organization | undefined {
  return org && structuredClone(org);
}
