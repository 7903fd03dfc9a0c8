/** A helpdesk contact and a list of admins as FactSet rows; shared by the admin and escalation answers. */
import { format, type Strings } from '../locales/strings.js';
import type { HelpdeskContact, OrgAdmin } from '../services/models/organization.js';

export interface Fact {
  title: string;
  value: string;
}

export function helpdeskContactFacts(t: Strings, contact: HelpdeskContact): Fact[] {
  const labels = t.whoIsMyAdmin;
  const facts: Fact[] = [];
  if (contact.phone) facts.push({ title: labels.contactPhone, value: contact.phone });
  if (contact.email) facts.push({ title: labels.contactEmail, value: contact.email });
  if (contact.url) facts.push({ title: labels.contactWeb, value: contact.url });
  return facts;
}

export function adminFacts(admins: readonly OrgAdmin[]): Fact[] {
  // An admin who took over outside Teams may have no address on record; a fact needs a value.
  return admins.map((admin) => ({ title: admin.name, value: admin.email || '–' }));
}

/** Admins of an organization the user is not known to belong to: only their masked addresses (a***@contoso.com). */
export function maskedAdminFacts(t: Strings, org: string, maskedEmails: readonly string[]): Fact[] {
  return maskedEmails.map((masked) => ({ title: format(t.domainInUse.managedAdmins, { org }), value: masked }));
}
