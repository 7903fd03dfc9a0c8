/** Internal or external takeover: the consequences of each, with a button for each possible one. */
import { format, type Strings } from '../locales/strings.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import { membersKnownText } from './domainStatusCard.js';
import { answerCard, type CardAttachment, type CardButton } from './renderCard.js';
import { VERBS } from './verbs.js';

export interface TakeoverKindChoice {
  domain: string;
  members: number;
  /** The name of the organization an external takeover would move the domain into; undefined when none is possible. */
  externalTarget?: string;
  /** Members use a plan only an internal takeover supports. */
  internalOnly: boolean;
}

export function takeoverKindCard(t: Strings, choice: TakeoverKindChoice): CardAttachment {
  const s = t.takeover;
  const domain = displayDomain(choice.domain);
  const target = choice.internalOnly ? undefined : choice.externalTarget;
  const paragraphs = [`${format(s.kindIntro, { domain })} ${membersKnownText(t, choice.members)}`, target ? s.kindTwoWays : s.kindOneWay, format(s.internalText, { domain })];
  const actions: CardButton[] = [{ title: s.chooseInternal, data: { verb: VERBS.chooseTakeoverKind, kind: 'internal' } }];
  if (target) {
    paragraphs.push(format(s.externalText, { domain, org: target }));
    actions.push({ title: format(s.chooseExternal, { org: target }), data: { verb: VERBS.chooseTakeoverKind, kind: 'external' } });
  } else {
    paragraphs.push(choice.internalOnly ? s.internalOnly : s.externalNeedsAdmin);
  }
  actions.push({ title: t.common.cancel, data: { verb: VERBS.cancel } });
  return answerCard({ title: format(s.kindTitle, { domain }), paragraphs, actions });
}
