/**
 * Who sent a turn: Teams ids, tenant, and the email address from the Teams member look-up.
 * @remarks The look-up is a call to the channel, so its answer is cached for the turn; channels other
 * than Teams (Emulator, Web Chat, the terminal chat) have no such call and the email stays unknown.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Requester } from '../services/findOrganization.js';
import type { Logger } from './logger.js';

const REQUESTER = Symbol('helpdesk.requester');

export function createRequesterLookup(logger: Logger): (context: TurnContext) => Promise<Requester> {
  return async (context) => {
    const cached = context.turnState.get(REQUESTER) as Promise<Requester> | undefined;
    if (cached) return cached;
    const lookup = identify(context, logger);
    context.turnState.set(REQUESTER, lookup);
    return lookup;
  };
}

async function identify(context: TurnContext, logger: Logger): Promise<Requester> {
  const { from, conversation, channelData, channelId } = context.activity;
  const tenantId: unknown = conversation?.tenantId ?? (channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const requester: Requester = {
    userId: from.id,
    name: from.name,
    aadObjectId: from.aadObjectId,
    tenantId: typeof tenantId === 'string' ? tenantId : undefined,
  };
  if (channelId !== 'msteams') return requester;
  try {
    const member = await TeamsInfo.getMember(context, from.id);
    return { ...requester, email: member.email ?? member.userPrincipalName, name: member.name ?? requester.name };
  } catch (error) {
    logger.info({ err: error, conversationId: conversation?.id }, 'Teams member look-up failed; answering without the email address');
    return requester;
  }
}
