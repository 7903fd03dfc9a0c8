/**
 * Who is asking, and which organization they belong to.
 * @remarks Who someone is comes from the channel only: Teams tells the bot the tenant and (through the member
 * look-up) the email address. Other channels (the Emulator, Web Chat, the terminal chat) tell neither. An address
 * the user typed (signing up through the bot) is their claim: it pre-fills questions and shapes a signup's preview,
 * and answers that use it say it could not be confirmed; it never makes them a member of anything.
 */
import type { TurnContext } from 'botbuilder';
import { findOrganization, type Requester } from '../services/organizations/findOrganization.js';
import { agreesWithMicrosoft, askMicrosoftAbout, holderInDirectory } from '../services/organizations/domainAtMicrosoft.js';
import { successorOf, type Successor } from '../services/organizations/movedDomains.js';
import { emailDomain } from '../services/signup/emailAddress.js';
import { workDomainOf } from '../services/signup/addressPolicy.js';
import type { Organization } from '../services/models/organization.js';
import type { DialogDeps } from './dialogDeps.js';

/** The channel's identity, with `email` filled from the address typed at signup when the channel gives none. */
export interface RequesterWithClaim extends Requester {
  /** Set when `email` is the typed address rather than the channel's: a claim, for pre-filling only. */
  emailClaimed?: true;
}

/**
 * The requester for pre-filling a question (the address card, a domain): the channel's address, else the one they
 * typed at signup, marked as claimed. Never for deciding what they may see or do: that is identifyRequester.
 */
export async function identifyWithProfile(deps: DialogDeps, context: TurnContext): Promise<RequesterWithClaim> {
  const requester = await deps.identifyRequester(context);
  if (requester.email) return requester;
  const email = await claimedAddress(deps, context);
  return email ? { ...requester, email, emailClaimed: true } : requester;
}

/** The address this user typed at signup, when the channel does not give it as theirs: what they claim, unconfirmed. */
export async function claimedAddress(deps: DialogDeps, context: TurnContext): Promise<string | undefined> {
  const { email } = await deps.userProfile.get(context, {});
  if (!email) return undefined;
  const own = (await deps.identifyRequester(context)).email;
  return own?.toLowerCase() === email.toLowerCase() ? undefined : email;
}

/** The requester as the channel identifies them, and the organization that makes them a member of. */
export async function requesterOrganization(deps: DialogDeps, context: TurnContext): Promise<{ requester: Requester; organization?: Organization }> {
  const requester = await deps.identifyRequester(context);
  const organization = await findOrganization(deps.directory, requester);
  return organization ? { requester, organization } : { requester };
}

/** The requester's organization as Microsoft shows it now, and the tenant to ask Microsoft Graph about. */
export interface CurrentOrganization {
  requester: Requester;
  organization?: Organization;
  /** The tenant whose admins are the requester's: the one Teams says they chat from, or where their domain moved. */
  tenantId?: string;
  /** Their organization lost its last domain to `organization` in an external takeover (services/organizations/movedDomains.ts). */
  movedFrom?: Successor;
}

/**
 * The requester's organization, checked with Microsoft: when Microsoft shows the domain of their address (or of
 * the organization found for them) in another organization the directory knows, as after an external takeover,
 * that one is theirs now, and so are its admins. Without an answer from Microsoft, the directory's.
 */
export async function currentOrganization(deps: DialogDeps, context: TurnContext): Promise<CurrentOrganization> {
  const { requester, organization } = await requesterOrganization(deps, context);
  // An external takeover emptied their organization: its domain, and its people, are in the one that took it over.
  const successor = await successorOf(deps.directory, organization);
  if (successor) return { requester, organization: successor.organization, movedFrom: successor, ...(successor.organization.tenantId ? { tenantId: successor.organization.tenantId } : {}) };
  const found: CurrentOrganization = { requester, ...(organization ? { organization } : {}), ...(requester.tenantId ? { tenantId: requester.tenantId } : {}) };
  const domain = workDomainOf(emailDomain(requester.email)) ?? organization?.domains[0];
  if (!organization || !domain) return found;
  // Only the organization on record for the domain can have lost it; a guest's own domain is another matter.
  const recorded = await deps.directory.findByDomain(domain);
  if (recorded?.id !== organization.id) return found;
  const view = await askMicrosoftAbout(deps.microsoft, deps.directory, domain);
  if (!view) return found;
  const holder = await holderInDirectory(deps.directory, view, recorded);
  if (!holder || holder.id === organization.id || !agreesWithMicrosoft(holder, view.holder)) return found;
  // Moved: the organization that holds their domain now, and its tenant for Graph.
  const tenantId = view.tenantId ?? holder.tenantId;
  return { requester, organization: holder, ...(tenantId ? { tenantId } : {}) };
}
