/**
 * What a valid row of an import file becomes: the organization and its admins, normalized and ready to
 * apply to the directory. Also the JSON format's organization record, which a row has the fields of.
 */
import type { Organization } from '../models/organization.js';

export interface ImportedAdmin {
  name: string;
  /** Lower-case, domain in ASCII form. */
  email: string;
  /** ISO date-time; absent: kept from the stored admin with the same address, or the import time. */
  since?: string;
  userId?: string;
}

/** One organization in the JSON format: what `exportDirectory` writes and `parseDirectoryFile` reads. */
export type OrganizationRecord = Pick<
  Organization,
  'displayName' | 'domains' | 'orgType' | 'cloud' | 'managed' | 'tenantId' | 'helpdeskContact' | 'admins' | 'selfService'
>;

/** One valid row of an import file, normalized (domains and addresses lower-case ASCII). */
export interface ImportedOrganization extends Omit<OrganizationRecord, 'admins'> {
  line: number;
  admins: ImportedAdmin[];
}
