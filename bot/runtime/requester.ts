/**
 * Who sent a turn: Teams ids, tenant, and the email address from the Teams member look-up.
 * @remarks The look-up is a call to the channel, so its answer is kept for the turn, and for a few minutes for
 * the next turns of the same person in the same conversation (pressing through a card flow asks on every
 * press; the bench measured the look-up as nearly half of a turn's calls to the channel). Channels other than
 * Teams (Emulator, Web Chat, the terminal chat) have no such call and the email stays unknown: an address the person
 * typed never stands in for it (it is their claim, see dialogs/requesterOrganization.ts and SECURITY.md). Neither
 * does anything when the look-up fails.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Requester } from '../../services/organizations/findOrganization.js';
import { turnData } from '../../dialogs/turnData.js';
import type { Logger } from '../app/logger.js';

/** How long a member look-up is reused, and for how many people at most. */
const MEMBER_KEPT_MS = 5 * 60 * 1000;
const MEMBERS_KEPT = 10_000;

interface KeptMember {
  email?: string;
  name?: string;
  until: number;
}

export function createRequesterLookup(logger: Logger, now: () => number = Date.now): (context: TurnContext) => Promise<Requester> {
  const members = new Map<string, KeptMember>();
  return async (context) => {
    const turn = turnData(context);
    turn.requester ??= identify(context, logger, members, now);
    return turn.requester;
  };
}

async function identify(context: TurnContext, logger: Logger, members: Map<string, KeptMember>, now: () => number): Promise<Requester> {
  const { from, conversation, channelData, channelId } = context.activity;
  const tenantId: unknown = conversation?.tenantId ?? (channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const requester: Requester = {
    userId: from.id,
    name: from.name,
    aadObjectId: from.aadObjectId,
    tenantId: typeof tenantId === 'string' ? tenantId : undefined,
  };
  if (channelId !== 'msteams') return requester;
  const key = JSON.stringify([context.activity.serviceUrl, conversation?.id, from.id]);
  const kept = members.get(key);
  if (kept && kept.until > now()) return { ...requester, email: kept.email, name: kept.name ?? requester.name };
  try {
    const member = await TeamsInfo.getMember(context, from.id);
    const found = { email: member.email ?? member.userPrincipalName, name: member.name };
    // Re-inserted, so the Map stays in order of look-up and the oldest goes first.
    members.delete(key);
    members.set(key, { ...found, until: now() + MEMBER_KEPT_MS });
    if (members.size > MEMBERS_KEPT) members.delete(members.keys().next().value as string);
    return { ...requester, email: found.email, name: found.name ?? requester.name };
  } catch (error) {
    logger.info({ err: error, conversationId: conversation?.id }, 'Teams member look-up failed; answering without the email address');
    return requester;
  }
}
