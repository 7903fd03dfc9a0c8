/**
 * One line for someone whose organization an external takeover emptied (services/organizations/movedDomains.ts):
 * where its domain went, and that they went with it, so the answer after it is about the right organization.
 */
import { format, type Strings } from '../locales/strings.js';
import type { Successor } from '../services/organizations/movedDomains.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import { formatDate } from './formatDate.js';

export function movedDomainLine(t: Strings, successor: Successor): string {
  const { moved, organization } = successor;
  return format(t.whoIsMyAdmin.movedByTakeover, { domain: displayDomain(moved.domain), org: organization.displayName, date: formatDate(t, moved.at) });
}
