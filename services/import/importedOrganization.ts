/**
 * What a valid row of an import file becomes: the organization and its admins, normalized and ready to
 * apply to the directory.
 */
import type { Cloud, HelpdeskContact, OrgType, SelfServiceSettings } from '../organization.js';

export interface ImportedAdmin {
  name: string;
  /** Lower-case, domain in ASCII form. */
  email: string;
  /** ISO date-time; absent: kept from the stored admin with the same address, or the import time. */
  since?: string;
  userId?: string;
}

/** One valid row of an import file, normalized (domains and addresses lower-case ASCII). */
export interface ImportedOrganization {
  line: number;
  displayName: string;
  domains: string[];
  orgType: OrgType;
  cloud: Cloud;
  managed: boolean;
  tenantId?: string;
  helpdeskContact?: HelpdeskContact;
  admins: ImportedAdmin[];
  selfService: SelfServiceSettings;
}
