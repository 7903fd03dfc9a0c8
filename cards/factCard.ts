/** The short answer to one specific question of a topic (services/factQuestions.ts), with the topics to go on with. */
import type { Strings } from '../locales/strings.js';
import type { FactId } from '../services/models/fact.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { topicButton, type TopicWithButton } from './topicButtons.js';

/** Where each answer leads next: the flow that does what the answer explains, or a person where only one can help. */
const NEXT_TOPICS: Readonly<Record<FactId, readonly TopicWithButton[]>> = {
  txtRecordRemoval: [],
  dnsTrouble: ['takeover', 'domainInUse'],
  txtRecord: ['takeover'],
  forceTakeover: ['takeover', 'escalate'],
  takeoverWizardMissing: ['takeover', 'escalate'],
  permissionMessage: ['whoIsMyAdmin', 'takeover'],
  takeoverLicenses: ['takeover'],
  helpdeskContact: [],
  noAdminLeft: ['escalate', 'whoIsMyAdmin', 'takeover'],
  closeAccount: ['whoIsMyAdmin', 'escalate'],
  teamsExploratory: ['whoIsMyAdmin'],
  planNotSelfService: ['whoIsMyAdmin', 'signup'],
  signupMessages: ['whoIsMyAdmin', 'signup'],
  multipleDomains: ['takeover'],
  blockSignup: [],
  subdomain: ['domainInUse', 'takeover'],
  unmanagedMeaning: ['takeover', 'signup'],
  whoSignedUp: ['takeover'],
  governmentAdminCenter: ['amIAdmin'],
  gettingLicense: ['whoIsMyAdmin', 'signup'],
};

export function factCard(t: Strings, fact: FactId): CardAttachment {
  const { title, points } = t.facts[fact];
  return answerCard({
    title,
    paragraphs: points.map((point) => `• ${point}`),
    actions: NEXT_TOPICS[fact].map((topic) => topicButton(t, topic)),
  });
}
