/**
 * The first step of a takeover: the value that proves ownership comes from Microsoft (docs/facts.md 6a, 6b, 10), so
 * the card gives the steps to where Microsoft shows it (the Become the admin wizard, or adding the domain to the
 * requester's own organization) and asks the requester to paste it. The rest stays behind a toggle.
 */
import { format, type Strings } from '../locales/strings.js';
import { adminCenterUrl } from '../services/organizations/adminCenter.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import type { TakeoverKind } from '../services/models/takeoverRequest.js';
import { formatDate } from './formatDate.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { VERBS } from './verbs.js';

/** What the value card is built from: little enough to keep in the dialog state while the card waits. */
export interface TakeoverValueCardData {
  /** The request id. */
  request: string;
  domain: string;
  kind: TakeoverKind;
  /** External takeover: the name of the organization the domain moves into. */
  target?: string;
  expiresAt: string;
  /** Why the card is shown again: the requester came back to it, or pressed a step that needs the value first. */
  status?: 'resumed' | 'needsValue';
}

export function takeoverValueCard(t: Strings, data: TakeoverValueCardData): CardAttachment {
  const s = t.takeover;
  const domain = displayDomain(data.domain);
  const values = { domain, org: data.target ?? '', url: adminCenterUrl('worldwide') };
  const external = data.kind === 'external';
  const status = data.status === 'resumed' ? [format(s.resumed, { domain })] : data.status === 'needsValue' ? [s.statusNeedsValue] : [];
  return answerCard({
    title: format(s.valueTitle, { domain }),
    paragraphs: [...status, format(external ? s.valueIntroExternal : s.valueIntroInternal, values)],
    after: (external ? s.valueStepsExternal : s.valueStepsInternal).map((step) => format(step, values)),
    input: { id: 'value', label: s.valueLabel, placeholder: s.valuePlaceholder, value: '', style: 'text' },
    details: { toggle: s.valueHelpToggle, paragraphs: (external ? s.valueHelpExternal : s.valueHelpInternal).map((line) => format(line, values)) },
    note: format(s.recordExpires, { date: formatDate(t, data.expiresAt) }),
    actions: [
      { title: s.useValue, data: { verb: VERBS.submitTakeoverValue, request: data.request } },
      { title: t.common.cancel, data: { verb: VERBS.cancelTakeover, request: data.request } },
    ],
  });
}

/** Where the requester finds the value, for an answer that was no value: what Microsoft calls it, per kind. */
export function whereToFindValue(t: Strings, kind: TakeoverKind, asciiDomain: string): string {
  const s = t.takeover;
  return `${s.valueLooksLike} ${format(kind === 'external' ? s.whereToFindExternal : s.whereToFindInternal, { domain: displayDomain(asciiDomain) })}`;
}
