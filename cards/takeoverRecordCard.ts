/**
 * The TXT record to publish, with how to do it and the buttons to verify, check later or cancel. The same
 * card comes back after every check with what the check found at the top, so the values stay in view.
 */
import { format, type Strings } from '../locales/strings.js';
import type { TxtCheckOutcome } from '../services/takeover/dnsTxtCheck.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import type { TakeoverRequest } from '../services/models/takeoverRequest.js';
import { MAX_CHECKS_PER_WINDOW } from '../services/takeover/takeoverService.js';
import { formatDate } from './formatDate.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { VERBS } from './verbs.js';

/** What to say above the record: why the card is shown again. */
export type RecordStatus =
  | { kind: 'new' }
  | { kind: 'resumed' }
  | { kind: 'checked'; outcome: Exclude<TxtCheckOutcome, { kind: 'verified' }> }
  | { kind: 'rateLimited'; retryAfterSeconds: number }
  | { kind: 'willRecheck'; everyMinutes: number };

export function takeoverRecordCard(t: Strings, request: TakeoverRequest, status: RecordStatus, targetName?: string): CardAttachment {
  const s = t.takeover;
  const domain = displayDomain(request.domain);
  const until = formatDate(t, request.expiresAt);
  const kind = request.kind === 'external' ? format(s.kindNames.external, { org: targetName ?? '' }) : s.kindNames.internal;
  return answerCard({
    title: format(s.recordTitle, { domain }),
    paragraphs: [...statusLines(t, request, status, domain, until), format(s.recordIntro, { domain })],
    facts: [
      { title: s.factType, value: 'TXT' },
      { title: s.factHost, value: s.hostValue },
      { title: s.factTtl, value: s.ttlValue },
    ],
    codeLabel: s.factValue,
    code: request.token,
    after: [...s.recordSteps.map((line) => format(line, { domain })), format(s.recordKind, { kind })],
    note: format(s.recordExpires, { date: until }),
    actions: [
      { title: s.verifyNow, data: { verb: VERBS.verifyTakeover, request: request.id } },
      { title: s.checkLater, data: { verb: VERBS.recheckTakeover, request: request.id } },
      { title: t.common.cancel, data: { verb: VERBS.cancelTakeover, request: request.id } },
    ],
  });
}

function statusLines(t: Strings, request: TakeoverRequest, status: RecordStatus, domain: string, until: string): string[] {
  const s = t.takeover;
  switch (status.kind) {
    case 'new':
      return [];
    case 'resumed':
      return [format(s.resumed, { domain })];
    case 'rateLimited':
      return [format(s.statusRateLimited, { max: MAX_CHECKS_PER_WINDOW, seconds: status.retryAfterSeconds })];
    case 'willRecheck':
      return [format(status.everyMinutes === 1 ? s.statusWillRecheckOne : s.statusWillRecheck, { domain, minutes: status.everyMinutes, date: until })];
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
            format(s.statusWrongValue, { domain, token: request.token }),
            ...outcome.found.map((value) => `• ${value}`),
            ...outcome.mistakes.map((mistake) => format(s.mistakes[mistake], { token: request.token })),
          ];
      }
    }
  }
}
