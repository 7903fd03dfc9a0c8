/** Shows what a signup will do, before anything is recorded, with buttons to confirm, change the address or stop. */
import { format, type Strings } from '../locales/strings.js';
import { classifyAddressDomain } from '../services/signup/addressPolicy.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import type { Organization } from '../services/models/organization.js';
import type { RecordablePlan, SignupRequest } from '../services/signup/signup.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { VERBS } from './verbs.js';

type Named = { organization: Pick<Organization, 'displayName'> };

/** The service for students and teachers, as services/selfServiceServices.ts names it. */
const A1 = 'Office 365 A1';

/** What the preview shows of a plan (a RecordablePlan is one): the organization's name, not its whole record. */
export type PreviewPlan =
  /** `meant`: the domain the address probably has, when this one looks mistyped (services/addressPolicy.ts). */
  | { kind: 'createUnmanaged'; meant?: string }
  | ({ kind: 'joinUnmanaged' | 'joinManaged'; colleagues: number } & Named)
  | ({ kind: 'addService'; service: string } & Named);

/** Only what the preview shows, for keeping while the confirmation waits. */
export function previewPlan(plan: RecordablePlan, meant?: string): PreviewPlan {
  if (plan.kind === 'createUnmanaged') return { kind: plan.kind, ...(meant ? { meant } : {}) };
  const organization = { displayName: plan.organization.displayName };
  return plan.kind === 'addService' ? { kind: plan.kind, organization, service: plan.service } : { kind: plan.kind, organization, colleagues: plan.colleagues };
}

export function signupPreviewCard(t: Strings, plan: PreviewPlan, request: SignupRequest, previewId: string): CardAttachment {
  const s = t.signup;
  const { address } = request.address;
  const domain = displayDomain(request.address.domain);
  const org = plan.kind === 'createUnmanaged' ? format(s.newOrganization, { domain }) : plan.organization.displayName;
  const paragraphs: string[] = [];
  switch (plan.kind) {
    case 'createUnmanaged':
      if (plan.meant) {
        const template = classifyAddressDomain(plan.meant) === 'consumer' ? s.previewDidYouMeanPersonal : s.previewDidYouMean;
        paragraphs.push(format(template, { domain: displayDomain(plan.meant), change: s.useAnotherAddress }));
      }
      paragraphs.push(format(s.previewCreate, { domain }));
      break;
    case 'joinUnmanaged':
      paragraphs.push(format(s.previewJoinUnmanaged, { domain }), colleaguesText(t, plan.colleagues, domain), s.unmanagedMeaning);
      break;
    case 'joinManaged':
      paragraphs.push(format(s.previewJoinManaged, { org, domain }), colleaguesText(t, plan.colleagues, domain));
      break;
    case 'addService':
      paragraphs.push(format(s.previewAddService, { org, service: plan.service }));
      break;
  }
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
    note: s.previewNothingYet,
    actions: [
      { title: s.confirm, data: { verb: VERBS.confirmSignup, preview: previewId } },
      { title: s.useAnotherAddress, data: { verb: VERBS.changeAddress } },
      { title: t.common.cancel, data: { verb: VERBS.cancel } },
    ],
  });
}

/** "3 colleagues from contoso.com are already there", with the right plural. */
export function colleaguesText(t: Strings, count: number, domain: string): string {
  const s = t.signup;
  const template = count === 0 ? s.colleaguesNone : count === 1 ? s.colleaguesOne : s.colleaguesMany;
  return format(template, { count, domain });
}
