/** Where a takeover ended up: the licenses to settle, done, cancelled, expired, lost to someone else, or refused. */
import { format, type Strings } from '../locales/strings.js';
import { adminCenterUrl } from '../services/organizations/adminCenter.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import type { Organization } from '../services/models/organization.js';
import type { LicenseNeed, TakeoverRequest } from '../services/models/takeoverRequest.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { takeoverButton } from './takeoverButton.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';

export type TakeoverOutcome =
  | { kind: 'licenses'; request: TakeoverRequest; needs: LicenseNeed[] }
  | { kind: 'completed'; request: TakeoverRequest; organization: Organization; /** Members besides the new admin. */ members: number }
  | { kind: 'cancelled' | 'expired' | 'ended' | 'takenOverByOther'; request: TakeoverRequest }
  /** The record turned up during the background re-check: the proactive message. */
  | { kind: 'recheckFound'; request: TakeoverRequest };

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
    case 'completed': {
      const { organization } = outcome;
      const moved = request.kind === 'external' && organization.id !== request.orgId;
      const lead = moved
        ? format(s.doneExternal, { domain, org: organization.displayName })
        : format(outcome.members === 0 ? s.doneInternalAlone : outcome.members === 1 ? s.doneInternalOne : s.doneInternal, { domain, count: outcome.members });
      return answerCard({
        title: format(moved ? s.doneExternalTitle : s.doneTitle, { domain, org: organization.displayName }),
        paragraphs: [lead, ...licenseReminder(t, request), `**${s.nextStepsTitle}**`],
        after: s.nextSteps.map((step, i) => `${i + 1}. ${format(step, { url: adminCenterUrl(organization.cloud) })}`),
      });
    }
    case 'recheckFound':
      return answerCard({
        title: format(s.recordTitle, { domain }),
        paragraphs: [format(s.recheckFound, { domain })],
        actions: [{ title: s.continue, data: { verb: VERBS.verifyTakeover, request: request.id } }],
      });
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

function licenseReminder(t: Strings, request: TakeoverRequest): string[] {
  const decided = request.licenses;
  if (!decided || decided.needs.length === 0) return [];
  const licenses = decided.needs.map((need) => `${need.service} (${need.count})`).join(', ');
  return [format(decided.decision === 'buy' ? t.takeover.licensesPending : t.takeover.licensesPostponed, { licenses })];
}
