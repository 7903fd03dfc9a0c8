/**
 * Where a takeover ended up: the licenses to settle, done (confirmed by Microsoft, or noted on the requester's word
 * while Microsoft could not be asked), confirmed later, cancelled, expired, lost to someone else.
 */
import { format, type Strings } from '../locales/strings.js';
import { adminCenterUrl } from '../services/organizations/adminCenter.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import type { Organization } from '../services/models/organization.js';
import type { LicenseNeed, TakeoverRequest } from '../services/models/takeoverRequest.js';
import { MICROSOFT_WATCH_DAYS } from '../services/takeover/takeoverService.js';
import { formatDate } from './formatDate.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { takeoverButton } from './takeoverButton.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export type TakeoverOutcome =
  | { kind: 'licenses'; request: TakeoverRequest; needs: LicenseNeed[] }
  /**
   * The directory records the new admin: confirmed by Microsoft (request status completed), or on the requester's
   * word (status reportedByUser, with why Microsoft could not be asked when it is known).
   */
  | {
      kind: 'completed';
      request: TakeoverRequest;
      organization: Organization;
      /** Members besides the new admin. */ members: number;
      unconfirmedBecause?: 'off' | 'unreachable' | 'noTenant';
    }
  /** Microsoft now confirms what the requester reported: the proactive message. */
  | { kind: 'confirmedLater'; request: TakeoverRequest; organization: Organization }
  | { kind: 'cancelled' | 'expired' | 'ended' | 'takenOverByOther'; request: TakeoverRequest };

export function takeoverOutcomeCard(t: Strings, outcome: TakeoverOutcome): CardAttachment {
  const s = t.takeover;
  const { request } = outcome;
  const domain = displayDomain(request.domain);
  switch (outcome.kind) {
    case 'licenses':
      return answerCard({
        title: format(s.licensesTitle, { domain }),
        paragraphs: [s.licensesIntro],
        facts: outcome.needs.map((need) => ({ title: need.service, value: need.count === 1 ? s.licensesCountOne : format(s.licensesCount, { count: need.count }) })),
        after: [s.licensesChoice],
        actions: [
          { title: s.buyLicenses, data: { verb: VERBS.buyLicenses, request: request.id } },
          { title: s.postponeLicenses, data: { verb: VERBS.postponeLicenses, request: request.id } },
        ],
      });
    case 'completed':
      return request.status === 'reportedByUser' ? reportedCard(t, outcome) : doneCard(t, outcome);
    case 'confirmedLater': {
      const moved = request.kind === 'external' && outcome.organization.id !== request.orgId;
      const org = outcome.organization.displayName;
      return answerCard({
        title: format(moved ? s.confirmedLaterExternalTitle : s.confirmedLaterTitle, { domain, org }),
        paragraphs: [moved ? format(s.confirmedLaterExternalText, { domain, org }) : s.confirmedLaterText],
      });
    }
    case 'cancelled':
      return answerCard({ title: format(s.cancelledTitle, { domain }), paragraphs: [s.cancelledText] });
    case 'expired':
      return answerCard({ title: s.expiredTitle, paragraphs: [format(s.expiredText, { domain })], actions: [{ ...takeoverButton(t, request.domain), title: s.startAgain }] });
    case 'ended':
      return answerCard({ title: s.title, paragraphs: [format(s.endedText, { domain })], actions: [{ ...takeoverButton(t, request.domain), title: s.startAgain }] });
    case 'takenOverByOther':
      return answerCard({ title: format(s.takenOverTitle, { domain }), paragraphs: [format(s.takenOverText, { domain })], actions: [topicButton(t, 'whoIsMyAdmin')] });
  }
}

type Completed = Extract<TakeoverOutcome, { kind: 'completed' }>;

/** Microsoft confirms it: the requester is the admin (internal), or the domain is part of their organization (external). */
function doneCard(t: Strings, { request, organization, members }: Completed): CardAttachment {
  const s = t.takeover;
  const domain = displayDomain(request.domain);
  const moved = request.kind === 'external' && organization.id !== request.orgId;
  const lead = moved
    ? format(s.doneExternal, { domain, org: organization.displayName })
    : format(members === 0 ? s.doneInternalAlone : members === 1 ? s.doneInternalOne : s.doneInternal, { domain, count: members });
  return answerCard({
    title: format(moved ? s.doneExternalTitle : s.doneTitle, { domain, org: organization.displayName }),
    paragraphs: [format(moved ? s.confirmedExternal : s.confirmedInternal, { domain }), lead, ...licenseReminder(t, request), `**${s.nextStepsTitle}**`],
    after: s.nextSteps.map((step, i) => `${i + 1}. ${format(step, { url: adminCenterUrl(organization.cloud) })}`),
  });
}

/** Microsoft could not be asked: what the requester said is noted as theirs, and the bot keeps asking Microsoft where it can. */
function reportedCard(t: Strings, { request, organization, unconfirmedBecause }: Completed): CardAttachment {
  const s = t.takeover;
  const domain = displayDomain(request.domain);
  const org = organization.displayName;
  const moved = request.kind === 'external' && organization.id !== request.orgId;
  const reportedAt = request.completedAt ?? request.createdAt;
  const watchedUntil = new Date(Date.parse(reportedAt) + MICROSOFT_WATCH_DAYS * DAY_MS).toISOString();
  return answerCard({
    title: format(moved ? s.reportedExternalTitle : s.reportedTitle, { domain, org }),
    paragraphs: [
      ...(unconfirmedBecause ? [s.reportedBecause[unconfirmedBecause]] : []),
      moved ? format(s.reportedExternalText, { domain, org }) : format(s.reportedText, { date: formatDate(t, reportedAt) }),
      ...licenseReminder(t, request),
      // Only a Microsoft that could not be reached may answer later: switched off, or with no tenant to compare, it never will.
      ...(unconfirmedBecause === 'off' || unconfirmedBecause === 'noTenant' ? [] : [format(s.reportedWatching, { date: formatDate(t, watchedUntil) })]),
    ],
  });
}

function licenseReminder(t: Strings, request: TakeoverRequest): string[] {
  const decided = request.licenses;
  if (!decided || decided.needs.length === 0) return [];
  const licenses = decided.needs.map((need) => `${need.service} (${need.count})`).join(', ');
  return [format(decided.decision === 'buy' ? t.takeover.licensesPending : t.takeover.licensesPostponed, { licenses })];
}
