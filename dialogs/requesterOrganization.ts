/**
 * Who is asking, and which organization they belong to.
 * @remarks Teams tells the bot the tenant and (through the member look-up) the email address. Other
 * channels (the Emulator, Web Chat, the terminal chat) tell neither, so the address a user signed up
 * with through the bot stands in for the email Teams would have given.
 */
import type { TurnContext } from 'botbuilder';
import { findOrganization, type Requester } from '../services/organizations/findOrganization.js';
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
