/**
 * Where an organization's domain went in an external takeover (docs/facts.md 6b): Microsoft moves the domain, the
 * users on it, their subscriptions and license assignments into the managed organization that took it over, and the
 * emptied unmanaged organization is deleted (10 days after a forced takeover). Someone who still chats from the old
 * tenant belongs to the new organization now; telling them the old one "has no admin" would be untrue.
 */
import type { Directory } from '../ports/directory.js';
import type { MovedDomain, Organization } from '../models/organization.js';

export interface Successor {
  organization: Organization;
  /** The move that emptied the old organization. */
  moved: MovedDomain;
  /** The old organization, as the directory keeps it until Microsoft deletes it. */
  from: Organization;
}

/** The organization that took over the last domain of `organization`, when an external takeover emptied it. */
export async function successorOf(directory: Pick<Directory, 'findById'>, organization: Organization | undefined): Promise<Successor | undefined> {
  if (!organization || organization.domains.length > 0) return undefined;
  const moved = organization.domainsMovedTo?.at(-1);
  if (!moved) return undefined;
  const successor = await directory.findById(moved.orgId);
  return successor ? { organization: successor, moved, from: organization } : undefined;
}
