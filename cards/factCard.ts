/**
 * The short answer to one specific question of a topic (services/factQuestions.ts), with the topics to go on with:
 * the first points, as many as read in a glance, and the rest behind "More".
 */
import { format, stringsFor, type Strings } from '../locales/strings.js';
import type { Organization } from '../services/models/organization.js';
import type { FactId } from '../services/models/fact.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { bullets, countThatFit, shownAndMore } from './shownAndMore.js';
import { topicButton, type TopicWithButton } from './topicButtons.js';

/** Where each answer leads next: the flow that does what the answer explains, or a person where only one can help. */
const NEXT_TOPICS: Readonly<Record<FactId, readonly TopicWithButton[]>> = {
  txtRecordRemoval: [],
  dnsTrouble: ['takeover', 'domainInUse'],
  txtRecord: ['takeover'],
  forceTakeover: ['takeover', 'escalate'],
  takeoverWizardMissing: ['takeover', 'escalate'],
  adminTileMissing: ['whoIsMyAdmin', 'escalate'],
  permissionMessage: ['whoIsMyAdmin', 'takeover'],
  takeoverLicenses: ['takeover'],
  helpdeskContact: [],
  noAdminLeft: ['escalate', 'whoIsMyAdmin', 'takeover'],
  closeAccount: ['whoIsMyAdmin', 'escalate'],
  teamsExploratory: ['whoIsMyAdmin'],
  planNotSelfService: ['whoIsMyAdmin', 'signup'],
  signupMessageOtherId: ['whoIsMyAdmin', 'signup'],
  signupMessageKnown: ['signup'],
  signupMessageNoPurchase: ['whoIsMyAdmin', 'signup'],
  signupMessageTurnedOff: ['whoIsMyAdmin', 'signup'],
  signupMessageNotEligible: ['whoIsMyAdmin', 'signup'],
  multipleDomains: ['takeover'],
  blockSignup: [],
  subdomain: ['domainInUse', 'takeover'],
  unmanagedMeaning: ['takeover', 'signup'],
  whoSignedUp: ['takeover'],
  governmentAdminCenter: ['amIAdmin'],
  gettingLicense: ['whoIsMyAdmin', 'signup'],
};

/**
 * The signup messages people quote, each answered on its own: its explanation in the one list of messages
 * (`facts.signupMessages.points`, in the order of these ids), not all five of them.
 */
const SIGNUP_MESSAGES = ['signupMessageOtherId', 'signupMessageKnown', 'signupMessageNoPurchase', 'signupMessageTurnedOff', 'signupMessageNotEligible'] as const;
type SignupMessage = (typeof SIGNUP_MESSAGES)[number];

/**
 * How much of the points shows before "More", in characters of the English: the first point always, then the next
 * ones while they fit. With the title and "Did this help?" an answer then reads in a glance (the first-answer test
 * holds it under 600 in both languages).
 */
export const FACT_VISIBLE_CHARS = 400;

/**
 * @param organization The asker's own organization, as the channel says, where the answer depends on its state
 * (closing your account: yourself in an unmanaged one, only through an admin in a managed one).
 */
export function factCard(t: Strings, fact: FactId, organization?: Pick<Organization, 'displayName' | 'managed'>): CardAttachment {
  const { title, points } = factText(t, fact, organization);
  return answerCard({
    title,
    ...shownAndMore(t, bullets(points), countThatFit(bullets(factText(stringsFor('en'), fact, organization).points), FACT_VISIBLE_CHARS)),
    actions: NEXT_TOPICS[fact].map((topic) => topicButton(t, topic)),
  });
}

function factText(t: Strings, fact: FactId, organization?: Pick<Organization, 'displayName' | 'managed'>): { title: string; points: readonly string[] } {
  if (fact === 'closeAccount' && organization) {
    // Only people in an unmanaged organization close their own account (docs/facts.md section 2); the others ask an admin.
    const close = t.facts.closeAccount;
    return { title: close.title, points: organization.managed ? [format(close.managed, { org: organization.displayName })] : close.points.slice(0, 2) };
  }
  const message = SIGNUP_MESSAGES.indexOf(fact as SignupMessage);
  if (message < 0) return t.facts[fact as Exclude<FactId, SignupMessage>];
  const { title, points } = t.facts.signupMessages;
  return { title, points: [points[message]!] };
}
