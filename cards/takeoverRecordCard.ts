/**
 * A takeover request's card, for the step it is at: the value from Microsoft to paste (takeoverValueCard), the TXT
 * record to add at the DNS host with the value Microsoft showed (this file), or the step in Microsoft
 * (takeoverMicrosoftCard). The same card comes back after every check with what the check found at the top, so the
 * values stay in view.
 */
import { format, type Strings } from '../locales/strings.js';
import type { TxtCheckOutcome } from '../services/takeover/dnsTxtCheck.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import type { TakeoverRequest } from '../services/models/takeoverRequest.js';
import { MAX_CHECKS_PER_WINDOW, type MicrosoftSeen } from '../services/takeover/takeoverService.js';
import { formatDate } from './formatDate.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { notConfirmedLines, takeoverMicrosoftCard } from './takeoverMicrosoftCard.js';
import { takeoverValueCard } from './takeoverValueCard.js';
import { VERBS } from './verbs.js';

/** What to say above the record: why the card is shown (again). */
export type RecordStatus =
  /** The value was just pasted. */
  | { kind: 'new' }
  | { kind: 'resumed' }
  | { kind: 'checked'; outcome: Exclude<TxtCheckOutcome, { kind: 'found' }> }
  /** The record is visible: the step in Microsoft is next. */
  | { kind: 'recordFound' }
  | { kind: 'recheckFound' }
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  | { kind: 'willRecheck'; everyMinutes: number }
  /** Asked to check DNS or to finish before the value was pasted. */
  | { kind: 'needsValue' }
  /** Microsoft does not show the takeover yet. */
  | { kind: 'notConfirmed'; seen: MicrosoftSeen }
  /** Microsoft cannot be asked, and DNS does not show the record yet. */
  | { kind: 'cannotAskNoRecord' };

/** The card for the step the request is at. `targetName`: the organization an external takeover moves the domain into. */
export function takeoverRecordCard(t: Strings, request: TakeoverRequest, status: RecordStatus, targetName?: string): CardAttachment {
  if (request.status === 'waitingForValue' || !request.value) {
    const shown = status.kind === 'resumed' || status.kind === 'needsValue' ? status.kind : undefined;
    return takeoverValueCard(t, {
      request: request.id,
      domain: request.domain,
      kind: request.kind,
      ...(targetName ? { target: targetName } : {}),
      expiresAt: request.expiresAt,
      ...(shown ? { status: shown } : {}),
    });
  }
  if (request.status === 'waitingForMicrosoft') {
    switch (status.kind) {
      case 'recordFound':
      case 'recheckFound':
      case 'resumed':
      case 'rateLimited':
      case 'willRecheck':
      case 'notConfirmed':
        return takeoverMicrosoftCard(t, request, status);
      default:
        return takeoverMicrosoftCard(t, request, { kind: 'resumed' });
    }
  }
  return dnsCard(t, request, request.value, status, targetName);
}

/** The TXT record to add, with the value Microsoft showed, and the buttons to check DNS, check later or cancel. */
function dnsCard(t: Strings, request: TakeoverRequest, value: string, status: RecordStatus, targetName?: string): CardAttachment {
  const s = t.takeover;
  const domain = displayDomain(request.domain);
  const until = formatDate(t, request.expiresAt);
  const kind = request.kind === 'external' ? format(s.kindNames.external, { org: targetName ?? '' }) : s.kindNames.internal;
  return answerCard({
    title: format(s.recordTitle, { domain }),
    paragraphs: [...statusLines(t, request, value, status, domain, until), format(s.recordIntro, { domain })],
    facts: [
      { title: s.factType, value: 'TXT' },
      { title: s.factHost, value: s.hostValue },
      { title: s.factTtl, value: s.ttlValue },
    ],
    codeLabel: s.factValue,
    code: value,
    after: [...s.recordSteps.map((line) => format(line, { domain })), format(s.recordKind, { kind })],
    details: { toggle: s.recordHelpToggle, paragraphs: s.recordHelp.map((line) => format(line, { domain })) },
    note: format(s.recordExpires, { date: until }),
    actions: [
      { title: s.checkDns, data: { verb: VERBS.verifyTakeover, request: request.id } },
      { title: s.checkLater, data: { verb: VERBS.recheckTakeover, request: request.id } },
      { title: t.common.cancel, data: { verb: VERBS.cancelTakeover, request: request.id } },
    ],
  });
}

function statusLines(t: Strings, request: TakeoverRequest, value: string, status: RecordStatus, domain: string, until: string): string[] {
  const s = t.takeover;
  switch (status.kind) {
    case 'new':
      return [s.statusValueReceived];
    case 'resumed':
      return [format(s.resumed, { domain })];
    case 'rateLimited':
      return [format(s.statusRateLimited, { max: MAX_CHECKS_PER_WINDOW, seconds: status.retryAfterSeconds })];
    case 'willRecheck':
      return [format(status.everyMinutes === 1 ? s.statusWillRecheckOne : s.statusWillRecheck, { domain, minutes: status.everyMinutes, date: until })];
    case 'notConfirmed':
      return notConfirmedLines(t, request, status.seen, false);
    case 'cannotAskNoRecord':
      return [s.statusCannotAskNoRecord];
    case 'recordFound':
    case 'recheckFound':
    case 'needsValue':
      return [];
    case 'checked': {
      const outcome = status.outcome;
      switch (outcome.kind) {
        case 'noRecord':
          return [format(s.statusNoRecord, { domain })];
        case 'wrongHost':
          return [format(s.statusWrongHost, { domain, host: outcome.host })];
        case 'dnsFailure':
          return [s.statusDnsFailure];
        case 'wrongValue':
          return [
            format(s.statusWrongValue, { domain, value }),
            ...outcome.found.map((found) => `• ${found}`),
            ...outcome.mistakes.map((mistake) => format(s.mistakes[mistake], { value })),
          ];
      }
    }
  }
}
