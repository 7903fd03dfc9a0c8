/**
 * A helpdesk contact and a list of admins as FactSet rows, and the contact's title as a line; shared by the admin,
 * domain and escalation answers.
 * @remarks Every value here was typed by someone (an admin in the Settings tab, an operator's import, a person's own
 * Teams name): shown through literalText, so none of it becomes a link that hides where it goes.
 */
import { format, type Strings } from '../locales/strings.js';
import type { HelpdeskContact, OrgAdmin } from '../services/models/organization.js';
import { literalText } from './literalText.js';

export interface Fact {
  title: string;
  value: string;
}

export function helpdeskContactFacts(t: Strings, contact: HelpdeskContact): Fact[] {
  const labels = t.whoIsMyAdmin;
  const facts: Fact[] = [];
  if (contact.phone) facts.push({ title: labels.contactPhone, value: literalText(contact.phone) });
  if (contact.email) facts.push({ title: labels.contactEmail, value: literalText(contact.email) });
  if (contact.url) facts.push({ title: labels.contactWeb, value: literalText(contact.url) });
  return facts;
}

/** The contact's title in bold, as the answers name it ("**IT Service Desk**"). */
export function contactTitleLine(contact: HelpdeskContact): string {
  return `**${literalText(contact.title)}**`;
}

/** The contact in one line: its title and every way to reach it. */
export function contactInOneLine(contact: HelpdeskContact): string {
  return literalText([contact.title, contact.phone, contact.email, contact.url].filter(Boolean).join(', '));
}

export function adminFacts(admins: readonly OrgAdmin[]): Fact[] {
  // An admin who took over outside Teams may have no address on record; a fact needs a value.
  return admins.map((admin) => ({ title: literalText(admin.name), value: admin.email ? literalText(admin.email) : '–' }));
}

/** Admins of an organization the user is not known to belong to: only their masked addresses (a***@contoso.com). */
export function maskedAdminFacts(t: Strings, org: string, maskedEmails: readonly string[]): Fact[] {
  return maskedEmails.map((masked) => ({ title: format(t.domainInUse.managedAdmins, { org: literalText(org) }), value: masked }));
}
