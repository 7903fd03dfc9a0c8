/**
 * Internal or external takeover: the consequences of each, with a button for each possible one. The internal
 * takeover needs an account in the organization (an address on its domain: docs/facts.md 6a step 1, 6d); without
 * one the card says so and how to get one.
 */
import { format, type Strings } from '../locales/strings.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import { membersKnownText } from './domainStatusCard.js';
import { answerCard, type CardAttachment, type CardButton } from './renderCard.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';

export interface TakeoverKindChoice {
  domain: string;
  /** How many members the bot knows; undefined when the requester is not one of them (they are not told). */
  members?: number;
  /** The name of the organization an external takeover would move the domain into; undefined when none is possible. */
  externalTarget?: string;
  /** Members use a plan only an internal takeover supports. */
  internalOnly: boolean;
  /** The requester has an address on the domain, so they can become a user there (false: not offered). */
  internalAllowed: boolean;
}

export function takeoverKindCard(t: Strings, choice: TakeoverKindChoice): CardAttachment {
  const s = t.takeover;
  const domain = displayDomain(choice.domain);
  const target = choice.internalOnly ? undefined : choice.externalTarget;
  const ways = (choice.internalAllowed ? 1 : 0) + (target ? 1 : 0);
  const paragraphs = [format(s.kindIntro, { domain }), ways === 2 ? s.kindTwoWays : ways === 1 ? s.kindOneWay : s.kindNoWayYet];
  const actions: CardButton[] = [];
  // Behind "More": how many members the bot knows, and what is not the way on now.
  const more: string[] = [...membersKnownText(t, choice.members)];
  if (choice.internalAllowed) {
    paragraphs.push(format(s.internalText, { domain }));
    actions.push({ title: s.chooseInternal, data: { verb: VERBS.chooseTakeoverKind, kind: 'internal' } });
  }
  if (target) {
    paragraphs.push(format(s.externalText, { domain, org: target }));
    actions.push({ title: format(s.chooseExternal, { org: target }), data: { verb: VERBS.chooseTakeoverKind, kind: 'external' } });
  }
  if (!choice.internalAllowed) {
    // What it takes first: an account on the domain; what an internal takeover is, behind "More".
    if (!target) more.push(format(s.internalText, { domain }));
    // With an external takeover on offer, how to get the internal one is for later; without one, it is the way on.
    (target ? more : paragraphs).push(format(s.internalNeedsAddress, { domain }));
  }
  if (!target) {
    if (choice.internalOnly) paragraphs.push(s.internalOnly);
    else paragraphs.push(choice.internalAllowed ? s.externalNeedsAdmin : format(s.externalNotRecorded, { domain }));
  }
  // With a choice, the question waits and can be cancelled; without one, the way on is an address on the domain.
  actions.push(ways > 0 ? { title: t.common.cancel, data: { verb: VERBS.cancel } } : topicButton(t, 'signup'));
  return answerCard({ title: format(s.kindTitle, { domain }), paragraphs, ...(more.length > 0 ? { details: { toggle: t.common.more, paragraphs: more } } : {}), actions });
}
