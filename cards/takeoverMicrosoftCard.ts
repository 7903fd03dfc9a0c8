/**
 * The takeover's step in Microsoft: the record is visible in DNS, so the requester goes back to Microsoft and
 * chooses Verify (docs/facts.md 6a step 5, 6b), then says so here; the bot then asks Microsoft (section 10). When
 * Microsoft does not show the takeover yet, the card says so and what usually causes it, and keeps its buttons.
 */
import { format, type Strings } from '../locales/strings.js';
import { adminCenterUrl } from '../services/organizations/adminCenter.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import type { TakeoverRequest } from '../services/models/takeoverRequest.js';
import { MAX_CHECKS_PER_WINDOW, type MicrosoftSeen } from '../services/takeover/takeoverService.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { VERBS } from './verbs.js';

export type MicrosoftStepStatus =
  | { kind: 'recordFound' }
  /** The background re-check found the record: the proactive message. */
  | { kind: 'recheckFound' }
  | { kind: 'resumed' }
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  | { kind: 'willRecheck'; everyMinutes: number }
  | { kind: 'notConfirmed'; seen: MicrosoftSeen };

export function takeoverMicrosoftCard(t: Strings, request: TakeoverRequest, status: MicrosoftStepStatus): CardAttachment {
  const s = t.takeover;
  const domain = displayDomain(request.domain);
  const external = request.kind === 'external';
  const values = { domain, url: adminCenterUrl('worldwide') };
  return answerCard({
    title: format(s.microsoftTitle, { domain }),
    paragraphs: [...statusLines(t, request, status, domain), format(external ? s.microsoftNextExternal : s.microsoftNextInternal, values)],
    details: { toggle: s.microsoftHelpToggle, paragraphs: (external ? s.microsoftHelpExternal : s.microsoftHelpInternal).map((line) => format(line, values)) },
    actions: [
      { title: s.finishedInMicrosoft, data: { verb: VERBS.finishedInMicrosoft, request: request.id } },
      { title: s.checkLater, data: { verb: VERBS.recheckTakeover, request: request.id } },
      { title: t.common.cancel, data: { verb: VERBS.cancelTakeover, request: request.id } },
    ],
  });
}

/**
 * What Microsoft shows instead of the takeover, and what usually causes it. The last cause points to this card's
 * help toggle; `withHelp` false leaves it out (a card without that toggle).
 */
export function notConfirmedLines(t: Strings, request: TakeoverRequest, seen: MicrosoftSeen, withHelp = true): string[] {
  const s = t.takeover;
  const domain = displayDomain(request.domain);
  const causes = request.kind === 'external' ? s.notConfirmedCausesExternal : s.notConfirmedCausesInternal;
  return [format(s.statusNotConfirmed[seen], { domain }), ...(withHelp ? causes : causes.slice(0, -1)).map((cause) => format(cause, { domain }))];
}

function statusLines(t: Strings, request: TakeoverRequest, status: MicrosoftStepStatus, domain: string): string[] {
  const s = t.takeover;
  switch (status.kind) {
    case 'recordFound':
      return [s.statusRecordFound];
    case 'recheckFound':
      return [format(s.recheckFound, { domain })];
    case 'resumed':
      return [format(s.resumed, { domain }), s.statusRecordFound];
    case 'rateLimited':
      return [format(s.statusRateLimited, { max: MAX_CHECKS_PER_WINDOW, seconds: status.retryAfterSeconds })];
    case 'willRecheck':
      return [format(status.everyMinutes === 1 ? s.statusWillRecheckMicrosoftOne : s.statusWillRecheckMicrosoft, { domain, minutes: status.everyMinutes })];
    case 'notConfirmed':
      return notConfirmedLines(t, request, status.seen);
  }
}
