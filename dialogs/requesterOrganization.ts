/**
 * Who is asking, and which organization they belong to.
 * @remarks Teams tells the bot the tenant and (through the member look-up) the email address. Other
 * channels (the Emulator, Web Chat, the terminal chat) tell neither, so the address a user signed up
 * with through the bot stands in for the email Teams would have given.
 */
import type { TurnContext } from 'botbuilder';
import { findOrganization, type Requester } from '../services/organizations/findOrganization.js';
import { agreesWithMicrosoft, askMicrosoftAbout, holderInDirectory } from '../services/organizations/domainAtMicrosoft.js';
import { emailDomain } from '../services/signup/emailAddress.js';
import { workDomainOf } from '../services/signup/addressPolicy.js';
import type { Organization } from '../services/models/organization.js';
import type { DialogDeps } from './dialogDeps.js';

export async function identifyWithProfile(deps: DialogDeps, context: TurnContext): Promise<Requester> {
  const requester = await deps.identifyRequester(context);
  if (requester.email) return requester;
  const { email } = await deps.userProfile.get(context, {});
  return email ? { ...requester, email } : requester;
}

export async function requesterOrganization(deps: DialogDeps, context: TurnContext): Promise<{ requester: Requester; organization?: Organization }> {
  const requester = await identifyWithProfile(deps, context);
  return { requester, organization: await findOrganization(deps.directory, requester) };
}

/** The requester's organization as Microsoft shows it now, and the tenant to ask Microsoft Graph about. */
export interface CurrentOrganization {
  requester: Requester;
  organization?: Organization;
  /** The tenant whose admins are the requester's: the one Teams says they chat from, or where their domain moved. */
  tenantId?: string;
}

/**
 * The requester's organization, checked with Microsoft: when Microsoft shows the domain of their address (or of
 * the organization found for them) in another organization the directory knows, as after an external takeover,
 * that one is theirs now, and so are its admins. Without an answer from Microsoft, the directory's.
 */
export async function currentOrganization(deps: DialogDeps, context: TurnContext): Promise<CurrentOrganization> {
  const { requester, organization } = await requesterOrganization(deps, context);
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
