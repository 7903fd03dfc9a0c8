/**
 * Shows what a signup will do, before anything is recorded, with buttons to confirm, change the address or stop;
 * and where what it says about the domain comes from: Microsoft, or the helpdesk's records when Microsoft could
 * not be asked.
 */
import { format, type Strings } from '../locales/strings.js';
import { classifyAddressDomain } from '../services/signup/addressPolicy.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import type { Organization } from '../services/models/organization.js';
import type { RecordablePlan, SignupRequest } from '../services/signup/signup.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { VERBS } from './verbs.js';

type Named = { organization: Pick<Organization, 'displayName'> };

/** Where the preview's statement about the domain comes from, and what the records said otherwise (Microsoft wins). */
export interface PreviewSource {
  source?: 'microsoft' | 'directory';
  differs?: { shows: 'unmanaged' | 'managed' | 'elsewhere'; recorded: string };
}

/** The service for students and teachers, as services/selfServiceServices.ts names it. */
const A1 = 'Office 365 A1';

/** What the preview shows of a plan (a RecordablePlan is one): the organization's name, not its whole record. */
export type PreviewPlan = PreviewSource &
  (
    | /** `meant`: the domain the address probably has, when this one looks mistyped (services/addressPolicy.ts); `existing`: Microsoft already has an unmanaged organization for it. */
      { kind: 'createUnmanaged'; meant?: string; existing?: true }
    | ({ kind: 'joinUnmanaged' | 'joinManaged'; colleagues?: number } & Named)
    | ({ kind: 'addService'; service: string } & Named)
  );

/** Only what the preview shows, for keeping while the confirmation waits. `source`: whether Microsoft was asked. */
export function previewPlan(plan: RecordablePlan, meant?: string, source?: 'microsoft' | 'directory'): PreviewPlan {
  const sourced: PreviewSource = source ? { source } : {};
  if (plan.kind === 'createUnmanaged') return { kind: plan.kind, ...(meant ? { meant } : {}), ...(plan.existsAtMicrosoft ? { existing: true as const } : {}), ...sourced };
  const organization = { displayName: plan.organization.displayName };
  const moved = plan.movedFrom;
  if (moved) {
    const shows = moved.managed === plan.organization.managed ? 'elsewhere' : plan.organization.managed ? 'managed' : 'unmanaged';
    sourced.differs = { shows, recorded: moved.displayName };
  }
  return plan.kind === 'addService'
    ? { kind: plan.kind, organization, service: plan.service, ...sourced }
    : { kind: plan.kind, organization, ...(plan.colleagues === undefined ? {} : { colleagues: plan.colleagues }), ...sourced };
}

export function signupPreviewCard(t: Strings, plan: PreviewPlan, request: SignupRequest, previewId: string): CardAttachment {
  const s = t.signup;
  const { address } = request.address;
  const domain = displayDomain(request.address.domain);
  const m = t.microsoft;
  const org =
    plan.kind === 'createUnmanaged'
      ? format(plan.existing ? m.signup.existingOrganization : s.newOrganization, { domain })
      : plan.organization.displayName;
  const paragraphs: string[] = [];
  /** Behind "More": what an unmanaged organization means. */
  const more: string[] = [];
  if (plan.differs) paragraphs.push(`**${format(m.disagree[plan.differs.shows], { domain, org: plan.differs.recorded })}**`);
  switch (plan.kind) {
    case 'createUnmanaged':
      if (plan.meant) {
        const template = classifyAddressDomain(plan.meant) === 'consumer' ? s.previewDidYouMeanPersonal : s.previewDidYouMean;
        paragraphs.push(format(template, { domain: displayDomain(plan.meant), button: format(s.useMeantDomain, { domain: displayDomain(plan.meant) }) }));
      }
      // "Nobody has signed up" is Microsoft's to say: from the bot's records alone it is only as far as it knows.
      paragraphs.push(format(plan.existing ? m.signup.previewJoinExisting : plan.source === 'microsoft' ? s.previewCreate : s.previewCreateUnchecked, { domain }));
      break;
    case 'joinUnmanaged':
      paragraphs.push(format(s.previewJoinUnmanaged, { domain }), ...colleaguesText(t, plan.colleagues, domain));
      more.push(s.unmanagedMeaning);
      break;
    case 'joinManaged':
      paragraphs.push(format(s.previewJoinManaged, { org, domain }), ...colleaguesText(t, plan.colleagues, domain));
      break;
    case 'addService':
      paragraphs.push(format(s.previewAddService, { org, service: plan.service }));
      break;
  }
  // Who holds the domain is Microsoft's to say; without it, the preview says it comes from the records.
  if (plan.source && plan.kind !== 'addService') paragraphs.push(plan.source === 'microsoft' ? m.checked : m.fromDirectory);
  if (plan.kind !== 'addService') paragraphs.push(s.previewVerify);
  // Microsoft checks the school against its list; the bot cannot, so it says what may happen (docs/facts.md 4).
  if (request.service === A1) paragraphs.push(s.previewA1);
  return answerCard({
    title: s.previewTitle,
    paragraphs,
    facts: [
      { title: s.factAddress, value: address },
      { title: s.factOrganization, value: org },
      { title: s.factService, value: request.service ?? s.anyService },
    ],
    ...(more.length > 0 ? { details: { toggle: t.common.more, paragraphs: more } } : {}),
    note: s.previewNothingYet,
    actions: [
      // "Did you mean contoso.com?": the same person at that domain, previewed before anything is recorded.
      ...(plan.kind === 'createUnmanaged' && plan.meant ? [{ title: format(s.useMeantDomain, { domain: displayDomain(plan.meant) }), data: { verb: VERBS.submitAddress, email: `${address.slice(0, address.lastIndexOf('@'))}@${plan.meant}` } }] : []),
      { title: s.confirm, data: { verb: VERBS.confirmSignup, preview: previewId } },
      { title: s.useAnotherAddress, data: { verb: VERBS.changeAddress } },
      { title: t.common.cancel, data: { verb: VERBS.cancel } },
    ],
  });
}

/**
 * "3 colleagues from contoso.com are already there", with the right plural; nothing when the count is not for this
 * person to see (only someone the channel places in the organization is told how many are there).
 */
export function colleaguesText(t: Strings, count: number | undefined, domain: string): string[] {
  if (count === undefined) return [];
  const s = t.signup;
  const template = count === 0 ? s.colleaguesNone : count === 1 ? s.colleaguesOne : s.colleaguesMany;
  return [format(template, { count, domain })];
}
