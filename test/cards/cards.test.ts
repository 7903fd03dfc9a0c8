/**
 * Renders every card in English and Dutch, in every variant the bot can send, and checks that each is a
 * valid Adaptive Card 1.5, that every button carries data the router understands, and that the Dutch
 * card really is translated.
 */
import { describe, expect, it } from '@jest/globals';
import { adminAnswerCard, type AnsweredAdminQuestion } from '../../cards/adminAnswerCard.js';
import { amIAdminCard, type AdminStatus } from '../../cards/amIAdminCard.js';
import { readCardAction } from '../../cards/cardAction.js';
import { notSureCard } from '../../cards/notSureCard.js';
import { factCard } from '../../cards/factCard.js';
import { FACT_IDS } from '../../services/models/fact.js';
import { orgTypeCard } from '../../cards/orgTypeCard.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type CardAttachment } from '../../cards/renderCard.js';
import type { TopicWithButton } from '../../cards/topicButtons.js';
import { ALL_VERBS, type Verb } from '../../cards/verbs.js';
import { welcomeCard } from '../../cards/welcomeCard.js';
import { addressCard } from '../../cards/addressCard.js';
import { domainQuestionCard } from '../../cards/domainQuestionCard.js';
import { domainStatusCard } from '../../cards/domainStatusCard.js';
import { signupAnswerCard } from '../../cards/signupAnswerCard.js';
import { signupPreviewCard } from '../../cards/signupPreviewCard.js';
import type { Member } from '../../services/ports/directory.js';
import type { DomainStatus } from '../../services/organizations/domainStatus.js';
import { TakeoverService } from '../../services/takeover/takeoverService.js';
import type { Figures } from '../../services/tickets/figures.js';
import type { Ticket } from '../../services/models/ticket.js';
import { withFeedback } from '../../cards/feedbackButtons.js';
import { figuresCard } from '../../cards/figuresCard.js';
import { myTicketsCard, ticketChannelCard, ticketCreatedCard, ticketQuestionCard } from '../../cards/ticketCards.js';
import type { HelpdeskRecords } from '../../services/ports/helpdeskRecords.js';
import { TicketService } from '../../services/tickets/ticketService.js';
import type { TakeoverRequest } from '../../services/models/takeoverRequest.js';
import { takeoverElsewhereCard } from '../../cards/takeoverElsewhereCard.js';
import { takeoverKindCard } from '../../cards/takeoverKindCard.js';
import { takeoverOutcomeCard, type TakeoverOutcome } from '../../cards/takeoverOutcomeCard.js';
import { takeoverRecordCard, type RecordStatus } from '../../cards/takeoverRecordCard.js';
import { isRecordable, type RecordablePlan, type SignupPlan, type SignupRequest } from '../../services/signup/signup.js';
import type { DialogDeps } from '../../dialogs/dialogDeps.js';
import { RouterDialog } from '../../dialogs/routerDialog.js';
import { format, stringsFor, type Strings } from '../../locales/strings.js';
import { viewCard } from '../../devtools/cardText.js';
import { adminCenterUrl } from '../../services/organizations/adminCenter.js';
import type { Directory } from '../../services/ports/directory.js';
import type { Language } from '../../services/models/intent.js';
import { CLOUDS, ORG_TYPES, type HelpdeskContact, type Organization } from '../../services/models/organization.js';
import { validateAdaptiveCard } from './cardValidator.js';

// ---------------------------------------------------------------------------------------------------
// Fixtures

const HELPDESK: Required<HelpdeskContact> = {
  title: 'Contoso IT Service Desk',
  phone: '+31 20 123 4567',
  email: 'servicedesk@contoso.com',
  url: 'https://it.contoso.com/help',
};

const CONTOSO: Organization = {
  id: 'org-contoso',
  displayName: 'Contoso Ltd',
  domains: ['contoso.com', 'sales.contoso.com'],
  tenantId: '4a9c1d3e-7b2f-4e8a-9c61-0f5d2b8e7a13',
  managed: true,
  orgType: 'enterprise',
  cloud: 'worldwide',
  helpdeskContact: HELPDESK,
  admins: [
    { userId: '29:1Xk9-megan', name: 'Megan Bowen', email: 'megan.bowen@contoso.com', since: '2023-04-12T08:30:00.000Z' },
    { name: 'Alex Wilber', email: 'alex.wilber@contoso.com', since: '2024-01-08T13:05:00.000Z' },
  ],
  selfService: { allowEmailVerifiedUsers: false, allowAdHocSubscriptions: false },
  createdAt: '2023-04-12T08:30:00.000Z',
};

const CONTOSO_NO_HELPDESK: Organization = { ...CONTOSO, helpdeskContact: undefined };

const FABRIKAM_UNMANAGED: Organization = {
  id: 'org-fabrikam',
  displayName: 'fabrikam.nl',
  domains: ['fabrikam.nl'],
  managed: false,
  orgType: 'unknown',
  cloud: 'worldwide',
  admins: [],
  selfService: { allowEmailVerifiedUsers: true, allowAdHocSubscriptions: true },
  createdAt: '2024-09-30T10:00:00.000Z',
};

const LANGUAGES: readonly Language[] = ['en', 'nl'];

/** Every subset of the optional contact fields, so each phone/email/url combination is rendered. */
function contactVariants(): { name: string; contact: HelpdeskContact }[] {
  const fields = ['phone', 'email', 'url'] as const;
  const variants: { name: string; contact: HelpdeskContact }[] = [];
  for (let mask = 0; mask < 1 << fields.length; mask++) {
    const contact: HelpdeskContact = { title: HELPDESK.title };
    const chosen = fields.filter((_, i) => mask & (1 << i));
    for (const field of chosen) contact[field] = HELPDESK[field];
    variants.push({ name: chosen.length > 0 ? chosen.join('+') : 'title only', contact });
  }
  return variants;
}

const ADMIN_STATUSES: { name: string; status: AdminStatus }[] = [
  { name: 'recorded admin', status: { known: 'recordedAdmin', org: CONTOSO.displayName } },
  { name: 'unmanaged', status: { known: 'unmanaged', org: FABRIKAM_UNMANAGED.displayName } },
  { name: 'nothing known', status: { known: 'nothing' } },
];

const NOT_SURE_TOPIC_LISTS: readonly (readonly TopicWithButton[])[] = [
  [],
  ['whoIsMyAdmin', 'amIAdmin', 'signup'],
  ['domainInUse', 'takeover'],
  ['escalate'],
  ['takeover', 'escalate', 'signup'],
  ['whoIsMyAdmin', 'amIAdmin', 'signup', 'domainInUse', 'takeover', 'escalate'],
];


interface CardCase {
  name: string;
  build(t: Strings): CardAttachment | undefined;
}

function adminAnswerCases(): CardCase[] {
  const answers: { name: string; answer: AnsweredAdminQuestion }[] = [];
  for (const { name, contact } of contactVariants()) {
    answers.push({ name: `helpdeskContact ${name}, no admins`, answer: { kind: 'helpdeskContact', organization: CONTOSO, contact, admins: [] } });
    answers.push({
      name: `helpdeskContact ${name}, with admins`,
      answer: { kind: 'helpdeskContact', organization: CONTOSO, contact, admins: CONTOSO.admins },
    });
  }
  answers.push({ name: 'knownAdmins, two', answer: { kind: 'knownAdmins', organization: CONTOSO_NO_HELPDESK, admins: CONTOSO.admins } });
  answers.push({
    name: 'knownAdmins, one',
    answer: { kind: 'knownAdmins', organization: CONTOSO_NO_HELPDESK, admins: CONTOSO.admins.slice(0, 1) },
  });
  answers.push({ name: 'unmanaged', answer: { kind: 'unmanaged', organization: FABRIKAM_UNMANAGED } });
  answers.push({ name: 'unmanaged, no domains', answer: { kind: 'unmanaged', organization: { ...FABRIKAM_UNMANAGED, domains: [] } } });
  for (const orgType of ORG_TYPES) {
    for (const remembered of [false, true]) {
      answers.push({ name: `guidance ${orgType}, remembered ${remembered}`, answer: { kind: 'guidance', orgType, remembered } });
    }
  }
  answers.push({
    name: 'guidance with organization',
    answer: { kind: 'guidance', orgType: 'smallBusiness', organization: CONTOSO_NO_HELPDESK, remembered: false },
  });
  return answers.map(({ name, answer }) => ({ name: `adminAnswerCard: ${name}`, build: (t) => adminAnswerCard(t, answer) }));
}

/** Every card the bot can send, in every variant; `build` may return undefined only for escalateCard. */
const SARA: SignupRequest = { address: { address: 'sara@fabrikam.nl', domain: 'fabrikam.nl' }, service: 'Power BI' };
const SARA_IDN: SignupRequest = { address: { address: 'sara@xn--bcher-kva.nl', domain: 'xn--bcher-kva.nl' } };
const SARA_MEMBER: Member = { email: 'sara@fabrikam.nl', orgId: 'org-fabrikam', joinedVia: 'selfService', services: ['Power BI'], joinedAt: '2026-03-02T10:00:00.000Z' };

const SIGNUP_PLANS: readonly { name: string; plan: SignupPlan; request: SignupRequest }[] = [
  { name: 'consumer', plan: { kind: 'consumer', domain: 'gmail.com' }, request: { address: { address: 'sara@gmail.com', domain: 'gmail.com' } } },
  { name: 'government', plan: { kind: 'government', domain: 'agency.gov' }, request: { address: { address: 'sara@agency.gov', domain: 'agency.gov' } } },
  { name: 'turned off', plan: { kind: 'turnedOff', organization: CONTOSO, reason: 'signupOff' }, request: SARA },
  { name: 'joining turned off, unmanaged', plan: { kind: 'turnedOff', organization: { ...CONTOSO, managed: false }, reason: 'joiningOff' }, request: SARA },
  { name: 'already a member', plan: { kind: 'alreadyMember', organization: FABRIKAM_UNMANAGED, member: SARA_MEMBER }, request: SARA },
  { name: 'already a member, managed', plan: { kind: 'alreadyMember', organization: CONTOSO, member: SARA_MEMBER }, request: SARA },
  { name: 'add a service', plan: { kind: 'addService', organization: FABRIKAM_UNMANAGED, member: SARA_MEMBER, service: 'Power Apps' }, request: SARA },
  { name: 'create unmanaged', plan: { kind: 'createUnmanaged', domain: 'fabrikam.nl' }, request: SARA },
  { name: 'create unmanaged, internationalized domain', plan: { kind: 'createUnmanaged', domain: 'xn--bcher-kva.nl' }, request: SARA_IDN },
  { name: 'join unmanaged, no colleagues', plan: { kind: 'joinUnmanaged', organization: FABRIKAM_UNMANAGED, colleagues: 0 }, request: SARA },
  { name: 'join unmanaged, one colleague', plan: { kind: 'joinUnmanaged', organization: FABRIKAM_UNMANAGED, colleagues: 1 }, request: SARA },
  { name: 'join unmanaged, many colleagues', plan: { kind: 'joinUnmanaged', organization: FABRIKAM_UNMANAGED, colleagues: 199 }, request: SARA },
  { name: 'join managed', plan: { kind: 'joinManaged', organization: CONTOSO, colleagues: 12 }, request: SARA },
];

const DOMAIN_STATUSES: readonly { name: string; status: DomainStatus }[] = [
  { name: 'unmanaged', status: { kind: 'unmanaged', domain: 'fabrikam.nl', organization: FABRIKAM_UNMANAGED, members: 3 } },
  { name: 'managed with admins', status: { kind: 'managed', domain: 'contoso.com', organization: CONTOSO, maskedAdmins: ['m***@contoso.com', 'a***@contoso.com'] } },
  { name: 'managed without admins', status: { kind: 'managed', domain: 'contoso.com', organization: CONTOSO, maskedAdmins: [] } },
  { name: 'yours', status: { kind: 'yours', domain: 'contoso.com', organization: CONTOSO } },
  { name: 'member', status: { kind: 'member', domain: 'contoso.com', organization: CONTOSO } },
  { name: 'subdomain', status: { kind: 'subdomain', domain: 'hr.contoso.com', parent: 'contoso.com', organization: CONTOSO } },
  { name: 'free', status: { kind: 'free', domain: 'xn--bcher-kva.nl' } },
  { name: 'consumer', status: { kind: 'consumer', domain: 'gmail.com' } },
];

const REQUEST: TakeoverRequest = {
  id: '0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f',
  domain: 'fabrikam.nl',
  orgId: FABRIKAM_UNMANAGED.id,
  kind: 'internal',
  requester: { userId: '29:1Xk9-megan', name: 'Megan Bowen', email: 'megan@fabrikam.nl', conversation: {} },
  token: 'MS=ms04815162',
  status: 'pending',
  attempts: [],
  recheck: false,
  createdAt: '2026-11-22T09:00:00.000Z',
  expiresAt: '2026-11-29T09:00:00.000Z',
};

const RECORD_STATUSES: readonly { name: string; status: RecordStatus }[] = [
  { name: 'new', status: { kind: 'new' } },
  { name: 'resumed', status: { kind: 'resumed' } },
  { name: 'no record', status: { kind: 'checked', outcome: { kind: 'noRecord' } } },
  { name: 'wrong value', status: { kind: 'checked', outcome: { kind: 'wrongValue', found: ['ms04815162', 'v=spf1 -all'], mistakes: ['spaces', 'missingPrefix', 'typo', 'otherToken', 'spfInstead'] } } },
  { name: 'wrong host', status: { kind: 'checked', outcome: { kind: 'wrongHost', host: 'fabrikam.nl.fabrikam.nl' } } },
  { name: 'DNS failure', status: { kind: 'checked', outcome: { kind: 'dnsFailure', reason: 'timeout' } } },
  { name: 'rate limited', status: { kind: 'rateLimited', retryAfterSeconds: 42 } },
  { name: 'will re-check', status: { kind: 'willRecheck', everyMinutes: 5 } },
];

const COMPLETED: TakeoverRequest = { ...REQUEST, status: 'completed', completedAt: '2026-11-22T10:00:00.000Z' };

const TAKEOVER_OUTCOMES: readonly { name: string; outcome: TakeoverOutcome }[] = [
  { name: 'licenses, one service', outcome: { kind: 'licenses', request: REQUEST, needs: [{ service: 'Dynamics 365 for Financials', count: 1 }] } },
  { name: 'licenses, two services', outcome: { kind: 'licenses', request: REQUEST, needs: [{ service: 'Dynamics 365 for Financials', count: 3 }, { service: 'Power Virtual Agents', count: 2 }] } },
  { name: 'completed, internal', outcome: { kind: 'completed', request: COMPLETED, organization: { ...FABRIKAM_UNMANAGED, managed: true }, members: 4 } },
  {
    name: 'completed, internal, licenses bought',
    outcome: { kind: 'completed', request: { ...COMPLETED, licenses: { decision: 'buy', needs: [{ service: 'Power Virtual Agents', count: 2 }], decidedAt: COMPLETED.completedAt! } }, organization: { ...FABRIKAM_UNMANAGED, managed: true }, members: 4 },
  },
  {
    name: 'completed, internal, licenses postponed',
    outcome: { kind: 'completed', request: { ...COMPLETED, licenses: { decision: 'postpone', needs: [{ service: 'Power Virtual Agents', count: 2 }], decidedAt: COMPLETED.completedAt! } }, organization: { ...FABRIKAM_UNMANAGED, managed: true }, members: 4 },
  },
  { name: 'completed, internal, one other member', outcome: { kind: 'completed', request: COMPLETED, organization: { ...FABRIKAM_UNMANAGED, managed: true }, members: 1 } },
  { name: 'completed, internal, no other member', outcome: { kind: 'completed', request: COMPLETED, organization: { ...FABRIKAM_UNMANAGED, managed: true }, members: 0 } },
  { name: 'completed, external', outcome: { kind: 'completed', request: { ...COMPLETED, kind: 'external', targetOrgId: CONTOSO.id }, organization: CONTOSO, members: 12 } },
  { name: 'record found later', outcome: { kind: 'recheckFound', request: REQUEST } },
  { name: 'cancelled', outcome: { kind: 'cancelled', request: REQUEST } },
  { name: 'expired', outcome: { kind: 'expired', request: REQUEST } },
  { name: 'ended', outcome: { kind: 'ended', request: REQUEST } },
  { name: 'taken over by someone else', outcome: { kind: 'takenOverByOther', request: REQUEST } },
];

const TICKET: Ticket = {
  id: 'HD-1042',
  requester: { userId: '29:sam', name: 'Sam Tester', email: 'sam@contoso.com', conversation: {}, language: 'en' },
  orgId: CONTOSO.id,
  question: 'My laptop will not sync OneDrive since yesterday',
  transcript: [
    { from: 'user', text: 'onedrive sync broken', at: '2026-11-22T09:00:00.000Z' },
    { from: 'bot', text: "I'm not sure what you mean", at: '2026-11-22T09:00:01.000Z' },
  ],
  status: 'open',
  createdAt: '2026-11-22T09:01:00.000Z',
};
const ASSIGNED: Ticket = { ...TICKET, id: 'HD-1043', status: 'assigned', assignee: { userId: '29:kim', name: 'Kim Akers' }, assignedAt: '2026-11-22T10:00:00.000Z' };
const RESOLVED: Ticket = { ...ASSIGNED, id: 'HD-1044', status: 'resolved', resolutionNote: 'Reinstalled the sync client.', resolvedAt: '2026-11-22T11:00:00.000Z' };

const FIGURES: Figures = {
  answered: 40,
  deflected: 31,
  deflectionRate: 31 / 40,
  helpful: 12,
  notHelpful: 4,
  unrated: 24,
  byIntent: [
    { key: 'whoIsMyAdmin', answered: 25, deflected: 21, deflectionRate: 21 / 25 },
    { key: 'signup', answered: 15, deflected: 10, deflectionRate: 10 / 15 },
  ],
  byLanguage: [],
  byWeek: [],
  tickets: { open: 2, assigned: 1, resolved: 6, createdInPeriod: 9 },
  pendingTakeovers: 1,
};

const CARD_CASES: readonly CardCase[] = [
  { name: 'welcomeCard: no lead', build: (t) => welcomeCard(t) },
  { name: 'welcomeCard: unknownAction lead', build: (t) => welcomeCard(t, t.common.unknownAction) },
  { name: 'welcomeCard: nonText lead', build: (t) => welcomeCard(t, t.common.nonText) },
  ...NOT_SURE_TOPIC_LISTS.map((topics) => ({
    name: `notSureCard: [${topics.join(', ')}]`,
    build: (t: Strings) => notSureCard(t, topics),
  })),
  { name: 'orgTypeCard', build: (t) => orgTypeCard(t) },
  ...FACT_IDS.map((fact) => ({ name: `factCard: ${fact}`, build: (t: Strings) => factCard(t, fact) })),
  ...adminAnswerCases(),
  ...CLOUDS.flatMap((cloud) =>
    ADMIN_STATUSES.map(({ name, status }) => ({
      name: `amIAdminCard: ${cloud}, ${name}`,
      build: (t: Strings) => amIAdminCard(t, cloud, status),
    })),
  ),
  { name: 'ticketQuestionCard', build: (t) => ticketQuestionCard(t, 'My laptop will not sync OneDrive', '5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f') },
  { name: 'ticketQuestionCard, no organization known', build: (t) => ticketQuestionCard(t, 'My laptop will not sync OneDrive', '5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', { kind: 'none' }) },
  { name: 'ticketQuestionCard, organization nobody administers', build: (t) => ticketQuestionCard(t, 'My laptop will not sync OneDrive', '5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', { kind: 'unmanaged', org: 'fabrikam.nl' }) },
  { name: 'ticketCreatedCard: posted, helpdesk contact', build: (t) => ticketCreatedCard(t, TICKET, true, CONTOSO) },
  { name: 'ticketCreatedCard: not posted, admins only', build: (t) => ticketCreatedCard(t, TICKET, false, CONTOSO_NO_HELPDESK) },
  { name: 'ticketCreatedCard: no organization', build: (t) => ticketCreatedCard(t, TICKET, false) },
  { name: 'myTicketsCard: none', build: (t) => myTicketsCard(t, []) },
  { name: 'myTicketsCard: three', build: (t) => myTicketsCard(t, [TICKET, ASSIGNED, RESOLVED]) },
  { name: 'ticketChannelCard: open', build: (t) => ticketChannelCard(t, TICKET, CONTOSO) },
  { name: 'ticketChannelCard: assigned', build: (t) => ticketChannelCard(t, ASSIGNED, CONTOSO) },
  { name: 'ticketChannelCard: resolved, transcript removed', build: (t) => ticketChannelCard(t, { ...RESOLVED, transcript: [], transcriptRemovedAt: '2027-02-01T00:00:00.000Z' }) },
  { name: 'figuresCard', build: (t) => figuresCard(t, FIGURES, 'Contoso Ltd') },
  { name: 'figuresCard: nothing yet', build: (t) => figuresCard(t, { ...FIGURES, answered: 0, deflected: 0, deflectionRate: null, byIntent: [] }, 'Contoso Ltd') },
  { name: 'withFeedback on an admin answer', build: (t) => withFeedback(t, amIAdminCard(t, 'worldwide', { known: 'nothing' }), '0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f') },
  ...(['introduce', 'retry', 'change'] as const).flatMap((mode) => [
    { name: `addressCard: ${mode}, empty`, build: (t: Strings) => addressCard(t, { mode, prefill: '' }) },
    { name: `addressCard: ${mode}, pre-filled`, build: (t: Strings) => addressCard(t, { mode, prefill: 'megan.bowen@contoso.com' }) },
  ]),
  ...(['domainInUse', 'takeover'] as const).flatMap((topic) => [
    { name: `domainQuestionCard ${topic}: empty`, build: (t: Strings) => domainQuestionCard(t, topic, '', true) },
    { name: `domainQuestionCard ${topic}: pre-filled`, build: (t: Strings) => domainQuestionCard(t, topic, 'contoso.com', true) },
    { name: `domainQuestionCard ${topic}: asked again`, build: (t: Strings) => domainQuestionCard(t, topic, 'contoso.com', false) },
  ]),
  ...SIGNUP_PLANS.filter(({ plan }) => isRecordable(plan)).map(({ name, plan, request }) => ({
    name: `signupPreviewCard: ${name}`,
    build: (t: Strings) => signupPreviewCard(t, plan as RecordablePlan, request, 'preview-1'),
  })),
  { name: 'signupAnswerCard: no work address', build: (t) => signupAnswerCard(t, { kind: 'noWorkAddress' }) },
  ...SIGNUP_PLANS.map(({ name, plan, request }) => ({
    name: `signupAnswerCard: ${name}`,
    build: (t: Strings) => signupAnswerCard(t, { kind: 'outcome', plan, request }),
  })),
  ...DOMAIN_STATUSES.map(({ name, status }) => ({ name: `domainStatusCard: ${name}`, build: (t: Strings) => domainStatusCard(t, status) })),
  { name: 'takeoverElsewhereCard', build: (t) => takeoverElsewhereCard(t, 'northwind.example') },
  { name: 'takeoverKindCard: both kinds', build: (t) => takeoverKindCard(t, { domain: 'fabrikam.nl', members: 3, externalTarget: CONTOSO.displayName, internalOnly: false }) },
  { name: 'takeoverKindCard: no organization to move into', build: (t) => takeoverKindCard(t, { domain: 'fabrikam.nl', members: 1, internalOnly: false }) },
  { name: 'takeoverKindCard: internal only', build: (t) => takeoverKindCard(t, { domain: 'fabrikam.nl', members: 2, externalTarget: CONTOSO.displayName, internalOnly: true }) },
  ...RECORD_STATUSES.map(({ name, status }) => ({ name: `takeoverRecordCard: ${name}`, build: (t: Strings) => takeoverRecordCard(t, REQUEST, status) })),
  { name: 'takeoverRecordCard: external', build: (t) => takeoverRecordCard(t, { ...REQUEST, kind: 'external', targetOrgId: CONTOSO.id }, { kind: 'new' }, CONTOSO.displayName) },
  ...TAKEOVER_OUTCOMES.map(({ name, outcome }) => ({ name: `takeoverOutcomeCard: ${name}`, build: (t: Strings) => takeoverOutcomeCard(t, outcome) })),
];

// ---------------------------------------------------------------------------------------------------
// Reading cards

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collect(value: unknown, keep: (node: Json) => boolean, found: Json[] = []): Json[] {
  if (Array.isArray(value)) value.forEach((item) => collect(item, keep, found));
  else if (isObject(value)) {
    if (keep(value)) found.push(value);
    Object.values(value).forEach((child) => collect(child, keep, found));
  }
  return found;
}

/** Every action anywhere in the card: the card's own actions and those of ActionSets in the body. */
function actionsOf(card: CardAttachment): Json[] {
  return collect(card.content, (node) => typeof node.type === 'string' && node.type.startsWith('Action.'));
}

function textsOf(card: CardAttachment): string[] {
  return collect(card.content, (node) => node.type === 'TextBlock').map((block) => String(block.text));
}

function factsOf(card: CardAttachment): { title: string; value: string }[] {
  return collect(card.content, (node) => node.type === 'FactSet').flatMap((set) => set.facts as { title: string; value: string }[]);
}

function buildCard(cardCase: CardCase, language: Language): CardAttachment {
  const card = cardCase.build(stringsFor(language));
  if (!card) throw new Error(`${cardCase.name} (${language}) built no card`);
  return card;
}

/** Building the handlers reads nothing from the directory. */
const unusedDirectory = new Proxy({} as Directory, {
  get: (_target, property) => () => Promise.reject(new Error(`directory.${String(property)} is not used here`)),
});

function routerActionHandlers(): Record<string, unknown> {
  const deps: DialogDeps = {
    recognizer: {
      recognize: async () => ({ intent: 'none', score: 0, ranked: [] }),
      guessLanguage: () => undefined,
    },
    directory: unusedDirectory,
    userProfile: {
      get: async () => ({}),
      set: async () => undefined,
      delete: async () => undefined,
    },
    identifyRequester: async () => ({ userId: 'test-user' }),
    takeovers: new TakeoverService({ directory: unusedDirectory, checker: { check: () => Promise.reject(new Error('not used')) }, now: () => new Date() }),
    takeoverRecheckSeconds: 300,
    tickets: new TicketService({ records: new Proxy({} as HelpdeskRecords, { get: () => () => Promise.reject(new Error('not used')) }), now: () => new Date() }),
    ticketDesk: { announce: () => Promise.reject(new Error('not used')), tellRequester: () => Promise.reject(new Error('not used')) },
    recentTurns: { get: async () => [], set: async () => undefined, delete: async () => undefined },
    lastAnswerId: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
    finishedCards: { get: async () => [], set: async () => undefined, delete: async () => undefined },
    discussedDomain: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
  };
  return new RouterDialog(deps).actionHandlers;
}

const handlers = routerActionHandlers();

const MAX_BUTTON_TITLE = 60;

// ---------------------------------------------------------------------------------------------------
// Tests

const matrix = CARD_CASES.flatMap((cardCase) => LANGUAGES.map((language) => ({ cardCase, language })));

describe.each(matrix)('$cardCase.name [$language]', ({ cardCase, language }) => {
  it('is an Adaptive Card attachment that the adaptivecards SDK and our checks accept', () => {
    const card = buildCard(cardCase, language);
    expect(card.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(validateAdaptiveCard(card.content)).toEqual([]);
  });

  it('has only Action.Submit buttons whose data the router reads back unchanged and can handle', () => {
    const actions = actionsOf(buildCard(cardCase, language));
    for (const action of actions) {
      expect(action.type).toBe('Action.Submit');
      const read = readCardAction(action.data);
      expect(read).toBeDefined();
      expect(read).not.toEqual({ verb: 'unknown' });
      // Buttons that send a card field get the field's value added by the client; the rest come back unchanged.
      expect(read).toMatchObject(action.data as object);
      const verb = (action.data as { verb: string }).verb;
      expect(ALL_VERBS).toContain(verb);
      expect(typeof handlers[verb]).toBe('function');
    }
  });

  it('has button titles of 1 to 60 characters', () => {
    for (const action of actionsOf(buildCard(cardCase, language))) {
      const title = String(action.title ?? '').trim();
      expect(title.length).toBeGreaterThan(0);
      expect(title.length).toBeLessThanOrEqual(MAX_BUTTON_TITLE);
    }
  });
});

describe.each(CARD_CASES)('$name in Dutch', (cardCase) => {
  it('is translated: it differs from the English card, starting with its heading', () => {
    const en = buildCard(cardCase, 'en');
    const nl = buildCard(cardCase, 'nl');
    expect(JSON.stringify(nl.content)).not.toBe(JSON.stringify(en.content));
    expect(textsOf(nl)[0]).not.toBe(textsOf(en)[0]);
    // Only names, addresses and product names may be the same in both languages.
    const enLines = new Set([...textsOf(en), ...actionsOf(en).map((a) => String(a.title))]);
    const nlLines = [...textsOf(nl), ...actionsOf(nl).map((a) => String(a.title))];
    const same = nlLines.filter((line) => enLines.has(line));
    expect(same.length).toBeLessThan(nlLines.length / 2);
  });

  it('has the same structure as the English card: as many texts, facts and buttons', () => {
    const en = buildCard(cardCase, 'en');
    const nl = buildCard(cardCase, 'nl');
    expect(textsOf(nl)).toHaveLength(textsOf(en).length);
    expect(factsOf(nl)).toHaveLength(factsOf(en).length);
    expect(actionsOf(nl).map((a) => a.data)).toEqual(actionsOf(en).map((a) => a.data));
  });
});

describe('card verbs and router handlers', () => {
  it('the router has a handler for every verb in ALL_VERBS, and for unknown actions', () => {
    for (const verb of ALL_VERBS) expect(typeof handlers[verb]).toBe('function');
    expect(typeof handlers.unknown).toBe('function');
  });

  it('every verb found on any card is in ALL_VERBS and has a handler', () => {
    const found = new Set<string>();
    for (const { cardCase, language } of matrix) {
      for (const action of actionsOf(buildCard(cardCase, language))) found.add(String((action.data as Json).verb));
    }
    expect(found.size).toBeGreaterThan(0);
    for (const verb of found) {
      expect(ALL_VERBS).toContain(verb as Verb);
      expect(typeof handlers[verb]).toBe('function');
    }
  });
});

describe.each(LANGUAGES)('card content [%s]', (language) => {
  const t = stringsFor(language);

  it('welcomeCard puts the lead text first and offers every topic', () => {
    const lead = t.common.unknownAction;
    expect(textsOf(welcomeCard(t, lead))[1]).toBe(lead);
    expect(textsOf(welcomeCard(t))).not.toContain(lead);
    const topics = actionsOf(welcomeCard(t)).map((a) => (a.data as Json).topic);
    expect(topics).toEqual(['whoIsMyAdmin', 'amIAdmin', 'signup', 'domainInUse', 'takeover', 'escalate']);
  });

  it.each(NOT_SURE_TOPIC_LISTS)('notSureCard %j offers the topics once each, then "talk to a person" last', (...topics) => {
    const offered = actionsOf(notSureCard(t, topics)).map((a) => (a.data as Json).topic);
    expect(offered).toEqual([...topics.filter((topic) => topic !== 'escalate'), 'escalate']);
  });

  it('orgTypeCard offers every organization type in an ActionSet', () => {
    const card = orgTypeCard(t);
    expect(card.content.actions ?? []).toEqual([]);
    expect(actionsOf(card).map((a) => (a.data as Json).orgType)).toEqual([...ORG_TYPES]);
    expect(actionsOf(card).map((a) => a.title)).toEqual(ORG_TYPES.map((orgType) => t.orgTypes[orgType]));
  });

  it.each(contactVariants())('adminAnswerCard helpdeskContact ($name) shows exactly the given contact details', ({ contact }) => {
    const facts = factsOf(adminAnswerCard(t, { kind: 'helpdeskContact', organization: CONTOSO, contact, admins: [] }));
    const expected = [
      contact.phone && { title: t.whoIsMyAdmin.contactPhone, value: contact.phone },
      contact.email && { title: t.whoIsMyAdmin.contactEmail, value: contact.email },
      contact.url && { title: t.whoIsMyAdmin.contactWeb, value: contact.url },
    ].filter(Boolean);
    expect(facts).toEqual(expected);
  });

  it('adminAnswerCard helpdeskContact lists the admins after the contact details', () => {
    const card = adminAnswerCard(t, { kind: 'helpdeskContact', organization: CONTOSO, contact: HELPDESK, admins: CONTOSO.admins });
    const facts = factsOf(card);
    expect(facts.slice(-2)).toEqual(CONTOSO.admins.map((admin) => ({ title: admin.name, value: admin.email })));
    expect(textsOf(card).join('\n')).toContain(CONTOSO.displayName);
  });

  it('counts members as people read them: none known is said so, and the new admin is not one of "the others"', () => {
    const view = (card: CardAttachment) => viewCard(card.content).lines.join('\n');
    const none = view(takeoverKindCard(t, { domain: 'fabrikam.nl', members: 0, internalOnly: false }));
    expect(none).toContain(t.domainInUse.unmanagedMembersNone);
    expect(none).not.toMatch(/: 0\b/);
    expect(view(takeoverKindCard(t, { domain: 'fabrikam.nl', members: 3, internalOnly: false }))).toContain(format(t.domainInUse.unmanagedMembers, { count: 3 }));
    const completed = (members: number) => view(takeoverOutcomeCard(t, { kind: 'completed', request: COMPLETED, organization: { ...FABRIKAM_UNMANAGED, managed: true }, members }));
    expect(completed(0)).toContain(format(t.takeover.doneInternalAlone, { domain: 'fabrikam.nl' }));
    expect(completed(1)).toContain(format(t.takeover.doneInternalOne, { domain: 'fabrikam.nl' }));
    expect(completed(5)).toContain(format(t.takeover.doneInternal, { domain: 'fabrikam.nl', count: 5 }));
  });

  it('the takeover kind card speaks of two ways only when it offers two', () => {
    const view = (target?: string) => viewCard(takeoverKindCard(t, { domain: 'fabrikam.nl', members: 1, internalOnly: false, ...(target ? { externalTarget: target } : {}) }).content).lines;
    expect(view(CONTOSO.displayName)).toContain(t.takeover.kindTwoWays);
    expect(view()).toContain(t.takeover.kindOneWay);
    expect(view()).not.toContain(t.takeover.kindTwoWays);
  });

  it('the signup preview says a mistyped mail service is a personal one', () => {
    const request: SignupRequest = { address: { address: 'sara@gmial.com', domain: 'gmial.com' } };
    const lines = viewCard(signupPreviewCard(t, { kind: 'createUnmanaged', meant: 'gmail.com' }, request, 'p1').content).lines;
    expect(lines).toContain(format(t.signup.previewDidYouMeanPersonal, { domain: 'gmail.com', change: t.signup.useAnotherAddress }));
  });

  it('says "every minute" for a re-check each minute, not "every 1 minutes"', () => {
    const lines = viewCard(takeoverRecordCard(t, REQUEST, { kind: 'willRecheck', everyMinutes: 1 }).content).lines.join('\n');
    expect(lines).toContain(t.takeover.statusWillRecheckOne.slice(0, 20));
    expect(lines).not.toMatch(/ 1 min/);
  });

  it('adminAnswerCard knownAdmins introduces one admin as one person, and several as several', () => {
    const lines = (admins: typeof CONTOSO.admins) => viewCard(adminAnswerCard(t, { kind: 'knownAdmins', organization: CONTOSO_NO_HELPDESK, admins }).content).lines;
    expect(lines(CONTOSO.admins.slice(0, 1))).toContain(format(t.whoIsMyAdmin.knownAdminsIntroOne, { org: CONTOSO_NO_HELPDESK.displayName }));
    expect(lines(CONTOSO.admins)).toContain(format(t.whoIsMyAdmin.knownAdminsIntro, { org: CONTOSO_NO_HELPDESK.displayName }));
  });

  it('adminAnswerCard unmanaged names the domain and offers the takeover', () => {
    const card = adminAnswerCard(t, { kind: 'unmanaged', organization: FABRIKAM_UNMANAGED });
    expect(textsOf(card).join('\n')).toContain('fabrikam.nl');
    expect(actionsOf(card).map((a) => a.data)).toEqual([
      { verb: 'startTakeover', domain: 'fabrikam.nl' },
      { verb: 'startTopic', topic: 'escalate' },
    ]);
  });

  it.each(ORG_TYPES)('adminAnswerCard guidance %s mentions the remembered type only when remembered', (orgType) => {
    const remembered = textsOf(adminAnswerCard(t, { kind: 'guidance', orgType, remembered: true })).join('\n');
    const fresh = textsOf(adminAnswerCard(t, { kind: 'guidance', orgType, remembered: false })).join('\n');
    expect(remembered).toContain(t.orgTypes[orgType]);
    expect(remembered).toContain(t.whoIsMyAdmin.guidance[orgType]);
    expect(fresh).toContain(t.whoIsMyAdmin.guidance[orgType]);
    expect(fresh).not.toContain(t.whoIsMyAdmin.remembered.split('{')[0]);
  });

  it.each(CLOUDS)('amIAdminCard %s shows its own admin center and buttons for the other clouds', (cloud) => {
    for (const { status } of ADMIN_STATUSES) {
      const card = amIAdminCard(t, cloud, status);
      expect(textsOf(card).join('\n')).toContain(adminCenterUrl(cloud));
      const clouds = actionsOf(card)
        .map((a) => a.data as Json)
        .filter((data) => data.verb === 'chooseCloud')
        .map((data) => data.cloud);
      expect(clouds).toEqual(CLOUDS.filter((other) => other !== cloud));
      const next = actionsOf(card)[0]?.data;
      expect(next).toEqual({ verb: 'startTopic', topic: status.known === 'unmanaged' ? 'takeover' : 'whoIsMyAdmin' });
    }
  });

  it.each(['signup', 'domainInUse', 'takeover'] as const)('the first question of %s explains it with every point', (topic) => {
    const card = topic === 'signup' ? addressCard(t, { mode: 'introduce', prefill: '' }) : domainQuestionCard(t, topic, '', true);
    const texts = textsOf(card);
    for (const point of t[topic].points) expect(texts).toContain(`• ${point}`);
  });


});

describe('the resolved ticket card', () => {
  const t = stringsFor('en');
  const note = (ticket: Ticket) => viewCard(ticketChannelCard(t, ticket).content).lines.find((line) => line.startsWith('Resolved by'));

  it('names who resolved it, not who it was assigned to', () => {
    expect(note({ ...RESOLVED, resolvedBy: { userId: '29:lee', name: 'Lee Gu' } })).toBe(format(t.tickets.resolvedBy, { name: 'Lee Gu', note: RESOLVED.resolutionNote ?? '' }));
  });

  it('names the assignee for a ticket resolved before the resolver was recorded', () => {
    expect(note(RESOLVED)).toBe(format(t.tickets.resolvedBy, { name: 'Kim Akers', note: RESOLVED.resolutionNote ?? '' }));
  });
});

describe('text someone typed, on the ticket cards', () => {
  const LINK = '[Reset your password](https://evil.example/login)';
  const REFERENCE = 'see [here][1]\n\n[1]: https://evil.example/';
  const tricky: Ticket = {
    ...RESOLVED,
    requester: { ...RESOLVED.requester, name: '[Microsoft Support](https://evil.example)' },
    question: `Urgent: ${LINK}`,
    transcript: [{ from: 'user', text: REFERENCE, at: '2026-11-22T09:00:00.000Z' }],
    assignee: { userId: '29:kim', name: '[Kim](https://evil.example)' },
    resolutionNote: `Done, ${LINK}`,
  };
  /** Every text of a card, as Teams reads it: TextBlocks and fact values. */
  const texts = (card: CardAttachment) => JSON.stringify(card.content).match(/"(?:text|value|title)":"(?:[^"\\]|\\.)*"/g)!.map((raw) => JSON.parse(`{${raw}}`) as Record<string, string>).map((field) => Object.values(field)[0]!);

  it.each(LANGUAGES)('makes no link of it, on the helpdesk card and the requester list, and still shows every character of it [%s]', (language) => {
    const t = stringsFor(language);
    for (const card of [ticketChannelCard(t, tricky, CONTOSO), ticketChannelCard(t, { ...tricky, status: 'assigned' }, CONTOSO), myTicketsCard(t, [tricky])]) {
      const shown = texts(card);
      // An inline link is "](", a reference link "][" or "]:" (CommonMark): none of them is left.
      for (const text of shown) expect(text).not.toMatch(/\][([:]/u);
      const visible = shown.join('\n').replaceAll('\u200B', '');
      expect(visible).toContain('https://evil.example');
      expect(visible).toContain('[Reset your password]');
    }
  });
});
