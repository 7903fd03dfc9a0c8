/**
 * Every card the bot can send, in every variant, with the fixtures they are built from: shared by the card checks
 * (cards.test.ts), the first-answer lengths (firstAnswers.test.ts) and the browser rendering (test/browser).
 */
import { adminAnswerCard, type AnsweredAdminQuestion } from '../../cards/adminAnswerCard.js';
import { amIAdminCard, usGovernmentCloudCard, type AdminStatus } from '../../cards/amIAdminCard.js';
import { notSureCard } from '../../cards/notSureCard.js';
import { factCard } from '../../cards/factCard.js';
import { FACT_IDS } from '../../services/models/fact.js';
import { orgTypeCard } from '../../cards/orgTypeCard.js';
import { type CardAttachment } from '../../cards/renderCard.js';
import type { TopicWithButton } from '../../cards/topicButtons.js';
import { welcomeCard } from '../../cards/welcomeCard.js';
import { addressCard } from '../../cards/addressCard.js';
import { domainQuestionCard } from '../../cards/domainQuestionCard.js';
import { domainStatusCard } from '../../cards/domainStatusCard.js';
import { signupAnswerCard } from '../../cards/signupAnswerCard.js';
import { previewPlan, signupPreviewCard, type PreviewPlan } from '../../cards/signupPreviewCard.js';
import { ADMIN_ROLES } from '../../services/models/adminRoles.js';
import type { Member } from '../../services/ports/directory.js';
import type { DomainStatus } from '../../services/organizations/domainStatus.js';
import type { Figures } from '../../services/tickets/figures.js';
import type { Ticket } from '../../services/models/ticket.js';
import { withFeedback } from '../../cards/feedbackButtons.js';
import { sameAnswerCard } from '../../cards/sameAnswerCard.js';
import { figuresCard } from '../../cards/figuresCard.js';
import { myTicketsCard, ticketChannelCard, ticketCreatedCard, ticketQuestionCard } from '../../cards/ticketCards.js';
import type { TakeoverRequest } from '../../services/models/takeoverRequest.js';
import { takeoverElsewhereCard } from '../../cards/takeoverElsewhereCard.js';
import { takeoverKindCard } from '../../cards/takeoverKindCard.js';
import { takeoverOutcomeCard, type TakeoverOutcome } from '../../cards/takeoverOutcomeCard.js';
import { takeoverRecordCard, type RecordStatus } from '../../cards/takeoverRecordCard.js';
import { isRecordable, type RecordablePlan, type SignupPlan, type SignupRequest } from '../../services/signup/signup.js';
import { type Strings } from '../../locales/strings.js';
import type { Language } from '../../services/models/intent.js';
import { CLOUDS, ORG_TYPES, type HelpdeskContact, type Organization } from '../../services/models/organization.js';

// ---------------------------------------------------------------------------------------------------
// Fixtures

export const HELPDESK: Required<HelpdeskContact> = {
  title: 'Contoso IT Service Desk',
  phone: '+31 20 123 4567',
  email: 'servicedesk@contoso.com',
  url: 'https://it.contoso.com/help',
};

export const CONTOSO: Organization = {
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

export const CONTOSO_NO_HELPDESK: Organization = { ...CONTOSO, helpdeskContact: undefined };

export const FABRIKAM_UNMANAGED: Organization = {
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

export const LANGUAGES: readonly Language[] = ['en', 'nl'];

/** Every subset of the optional contact fields, so each phone/email/url combination is rendered. */
export function contactVariants(): { name: string; contact: HelpdeskContact }[] {
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

export const ADMIN_STATUSES: { name: string; status: AdminStatus }[] = [
  { name: 'recorded admin', status: { known: 'recordedAdmin', org: CONTOSO.displayName } },
  { name: 'unmanaged', status: { known: 'unmanaged', org: FABRIKAM_UNMANAGED.displayName } },
  { name: 'nothing known', status: { known: 'nothing' } },
  { name: 'not the recorded admin', status: { known: 'recordedOthers', org: CONTOSO.displayName, admins: ['Megan Bowen (megan@contoso.com)'] } },
];

/** What Microsoft Graph says about the user's own roles. */
export const MICROSOFT_ADMIN_STATUSES: { name: string; status: AdminStatus }[] = [
  { name: 'User Administrator', status: { known: 'microsoftRoles', roles: [{ displayName: 'User Administrator', roleTemplateId: ADMIN_ROLES.userAdministrator }] } },
  {
    name: 'Global and Helpdesk Administrator',
    status: { known: 'microsoftRoles', roles: [{ displayName: 'Helpdesk Administrator', roleTemplateId: ADMIN_ROLES.helpdeskAdministrator }, { displayName: 'Global Administrator', roleTemplateId: ADMIN_ROLES.globalAdministrator }] },
  },
  { name: 'a role the bot does not describe', status: { known: 'microsoftRoles', roles: [{ displayName: 'Exchange Administrator', roleTemplateId: '29232cdf-9323-42fd-ade2-1d097af3e4de' }] } },
  { name: 'no roles', status: { known: 'microsoftNoRoles' } },
  { name: 'no roles, with the Global Administrators', status: { known: 'microsoftNoRoles', admins: ['Megan Bowen', 'Jan de Vries'] } },
];

export const CONSENT_URL = 'https://login.microsoftonline.com/4a9c1d3e-7b2f-4e8a-9c61-0f5d2b8e7a13/adminconsent?client_id=8d5e0c2a-3f4b-4d6e-9a1b-2c3d4e5f6a7b';

/** People Microsoft Graph lists in a role. */
export const holders = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, displayName: `${prefix} ${i}`, email: `${prefix.toLowerCase()}${i}@contoso.com` }));

export const NOT_SURE_TOPIC_LISTS: readonly (readonly TopicWithButton[])[] = [
  [],
  ['whoIsMyAdmin', 'amIAdmin', 'signup'],
  ['domainInUse', 'takeover'],
  ['escalate'],
  ['takeover', 'escalate', 'signup'],
  ['whoIsMyAdmin', 'amIAdmin', 'signup', 'domainInUse', 'takeover', 'escalate'],
];


export interface CardCase {
  name: string;
  build(t: Strings): CardAttachment | undefined;
}

export function adminAnswerCases(): CardCase[] {
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
  const reportedAdmins = [{ ...CONTOSO.admins[0]!, reportedByUser: true as const }, CONTOSO.admins[1]!];
  answers.push({ name: 'knownAdmins, one reported by themselves', answer: { kind: 'knownAdmins', organization: CONTOSO_NO_HELPDESK, admins: reportedAdmins } });
  answers.push({ name: 'helpdeskContact, one admin reported by themselves', answer: { kind: 'helpdeskContact', organization: CONTOSO, contact: HELPDESK, admins: reportedAdmins } });
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
  answers.push({ name: 'guidance, type guessed from the subscriptions', answer: { kind: 'guidance', orgType: 'school', remembered: false, inferred: true } });
  answers.push({ name: 'Microsoft: one Global Administrator', answer: { kind: 'microsoftAdmins', topic: 'general', roles: [{ role: 'globalAdministrator', holders: holders(1, 'Megan') }] } });
  answers.push({
    name: 'Microsoft: password roles, more people than shown, with the helpdesk contact',
    answer: {
      kind: 'microsoftAdmins',
      topic: 'password',
      organization: CONTOSO,
      roles: [
        { role: 'globalAdministrator', holders: holders(2, 'Global') },
        { role: 'helpdeskAdministrator', holders: [...holders(4, 'Helpdesk'), holders(1, 'Global')[0]!] },
        { role: 'passwordAdministrator', holders: holders(1, 'Password') },
      ],
    },
  });
  answers.push({ name: 'Microsoft: licenses, a holder without an address', answer: { kind: 'microsoftAdmins', topic: 'licenses', organization: CONTOSO_NO_HELPDESK, roles: [{ role: 'billingAdministrator', holders: [{ id: 'b-1', displayName: 'Billing Person' }] }] } });
  return [
    ...answers.map(({ name, answer }) => ({ name: `adminAnswerCard: ${name}`, build: (t: Strings) => adminAnswerCard(t, answer) })),
    { name: 'adminAnswerCard: guidance, with the consent link', build: (t) => adminAnswerCard(t, { kind: 'guidance', orgType: 'enterprise', remembered: false }, false, CONSENT_URL) },
    { name: 'adminAnswerCard: known admins, with the consent link', build: (t) => adminAnswerCard(t, { kind: 'knownAdmins', organization: CONTOSO_NO_HELPDESK, admins: CONTOSO.admins }, false, CONSENT_URL) },
  ];
}

/** Every card the bot can send, in every variant; `build` may return undefined only for escalateCard. */
export const SARA: SignupRequest = { address: { address: 'sara@fabrikam.nl', domain: 'fabrikam.nl' }, service: 'Power BI' };
export const SARA_IDN: SignupRequest = { address: { address: 'sara@xn--bcher-kva.nl', domain: 'xn--bcher-kva.nl' } };
export const SARA_MEMBER: Member = { email: 'sara@fabrikam.nl', orgId: 'org-fabrikam', joinedVia: 'selfService', services: ['Power BI'], joinedAt: '2026-03-02T10:00:00.000Z' };

export const SIGNUP_PLANS: readonly { name: string; plan: SignupPlan; request: SignupRequest }[] = [
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
  { name: 'join managed, moved there from the organization on record', plan: { kind: 'joinManaged', organization: CONTOSO, colleagues: 12, movedFrom: { id: FABRIKAM_UNMANAGED.id, displayName: FABRIKAM_UNMANAGED.displayName, managed: false } }, request: SARA },
  { name: 'join the unmanaged organization Microsoft has', plan: { kind: 'createUnmanaged', domain: 'fabrikam.nl', existsAtMicrosoft: true }, request: SARA },
  { name: 'held at Microsoft: managed, named', plan: { kind: 'heldAtMicrosoft', domain: 'fabrikam.nl', shows: 'managed', brand: 'Fabrikam BV' }, request: SARA },
  { name: 'held at Microsoft: managed, unnamed, records differ', plan: { kind: 'heldAtMicrosoft', domain: 'fabrikam.nl', shows: 'managed', recorded: FABRIKAM_UNMANAGED }, request: SARA },
  { name: 'held at Microsoft: the tenant they chat from', plan: { kind: 'heldAtMicrosoft', domain: 'fabrikam.nl', shows: 'managed', inTenant: true }, request: SARA },
  { name: 'held at Microsoft: unmanaged, records differ', plan: { kind: 'heldAtMicrosoft', domain: 'contoso.com', shows: 'unmanaged', recorded: CONTOSO }, request: SARA },
  { name: 'held at Microsoft: unmanaged, records name no organization', plan: { kind: 'heldAtMicrosoft', domain: 'fabrikam.nl', shows: 'unmanaged' }, request: SARA },
  { name: 'held at Microsoft: nothing, records differ', plan: { kind: 'heldAtMicrosoft', domain: 'contoso.com', shows: 'unknown', recorded: CONTOSO }, request: SARA },
];

/** Previews with where they come from: Microsoft, or the records when Microsoft could not be asked. */
export const SOURCED_PREVIEWS: readonly { name: string; plan: PreviewPlan }[] = [
  { name: 'create, checked with Microsoft', plan: { kind: 'createUnmanaged', source: 'microsoft' } },
  { name: 'create, from the records', plan: { kind: 'createUnmanaged', source: 'directory' } },
  { name: 'join the existing unmanaged organization', plan: { kind: 'createUnmanaged', existing: true, source: 'microsoft' } },
  { name: 'join managed, moved', plan: { kind: 'joinManaged', organization: CONTOSO, colleagues: 2, source: 'microsoft', differs: { shows: 'managed', recorded: 'fabrikam.nl' } } },
  { name: 'join unmanaged, from the records', plan: { kind: 'joinUnmanaged', organization: FABRIKAM_UNMANAGED, colleagues: 2, source: 'directory' } },
];

export const FROM_RECORDS = { source: 'directory' } as const;
export const FROM_MICROSOFT = { source: 'microsoft' } as const;
export const RECORDS_SAID_FABRIKAM = { source: 'microsoft', disagreement: { shows: 'managed', recorded: { id: FABRIKAM_UNMANAGED.id, displayName: 'fabrikam.nl' } } } as const;

export const DOMAIN_STATUSES: readonly { name: string; status: DomainStatus }[] = [
  { name: 'unmanaged', status: { kind: 'unmanaged', domain: 'fabrikam.nl', organization: FABRIKAM_UNMANAGED, members: 3, ...FROM_RECORDS } },
  { name: 'managed with admins', status: { kind: 'managed', domain: 'contoso.com', organization: CONTOSO, maskedAdmins: ['m***@contoso.com', 'a***@contoso.com'], ...FROM_RECORDS } },
  { name: 'managed without admins', status: { kind: 'managed', domain: 'contoso.com', organization: CONTOSO, maskedAdmins: [], ...FROM_RECORDS } },
  { name: 'yours', status: { kind: 'yours', domain: 'contoso.com', organization: CONTOSO, ...FROM_RECORDS } },
  { name: 'member', status: { kind: 'member', domain: 'contoso.com', organization: CONTOSO, ...FROM_RECORDS } },
  { name: 'subdomain', status: { kind: 'subdomain', domain: 'hr.contoso.com', parent: 'contoso.com', organization: CONTOSO, ...FROM_RECORDS } },
  { name: 'free', status: { kind: 'free', domain: 'xn--bcher-kva.nl', ...FROM_RECORDS } },
  { name: 'consumer', status: { kind: 'consumer', domain: 'gmail.com' } },
  { name: 'unmanaged, checked with Microsoft', status: { kind: 'unmanaged', domain: 'fabrikam.nl', organization: FABRIKAM_UNMANAGED, members: 0, ...FROM_MICROSOFT } },
  { name: 'unmanaged, only Microsoft knows it', status: { kind: 'unmanagedAtMicrosoft', domain: 'fabrikam.nl', ...FROM_MICROSOFT } },
  { name: 'unmanaged, the records named a managed organization', status: { kind: 'unmanagedAtMicrosoft', domain: 'contoso.com', source: 'microsoft', disagreement: { shows: 'unmanaged', recorded: CONTOSO } } },
  { name: 'managed by a named organization the records do not know', status: { kind: 'managedAtMicrosoft', domain: 'fabrikam.nl', brand: 'Fabrikam BV', federated: true, inYourTenant: false, ...FROM_MICROSOFT } },
  { name: 'managed, unnamed, the records said unmanaged', status: { kind: 'managedAtMicrosoft', domain: 'fabrikam.nl', federated: false, inYourTenant: false, ...RECORDS_SAID_FABRIKAM } },
  { name: 'managed, the tenant they chat from', status: { kind: 'managedAtMicrosoft', domain: 'fabrikam.nl', federated: false, inYourTenant: true, ...FROM_MICROSOFT } },
  { name: 'member, moved there from the organization on record', status: { kind: 'member', domain: 'fabrikam.nl', organization: CONTOSO, ...RECORDS_SAID_FABRIKAM } },
  { name: 'free, checked with Microsoft', status: { kind: 'free', domain: 'northwind.example', ...FROM_MICROSOFT } },
  { name: 'free, the records named an organization', status: { kind: 'free', domain: 'contoso.com', source: 'microsoft', disagreement: { shows: 'unknown', recorded: CONTOSO } } },
  { name: 'subdomain, checked with Microsoft', status: { kind: 'subdomain', domain: 'hr.contoso.com', parent: 'contoso.com', organization: CONTOSO, ...FROM_MICROSOFT } },
];

export const REQUEST: TakeoverRequest = {
  id: '0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f',
  domain: 'fabrikam.nl',
  orgId: FABRIKAM_UNMANAGED.id,
  kind: 'internal',
  requester: { userId: '29:1Xk9-megan', name: 'Megan Bowen', email: 'megan@fabrikam.nl', conversation: {} },
  value: 'MS=ms04815162',
  status: 'waitingForDns',
  attempts: [],
  recheck: false,
  createdAt: '2026-11-22T09:00:00.000Z',
  expiresAt: '2026-11-29T09:00:00.000Z',
};

export const RECORD_STATUSES: readonly { name: string; status: RecordStatus }[] = [
  { name: 'new', status: { kind: 'new' } },
  { name: 'resumed', status: { kind: 'resumed' } },
  { name: 'no record', status: { kind: 'checked', outcome: { kind: 'noRecord' } } },
  { name: 'wrong value', status: { kind: 'checked', outcome: { kind: 'wrongValue', found: ['ms04815162', 'v=spf1 -all'], mistakes: ['spaces', 'missingPrefix', 'typo', 'otherToken', 'spfInstead'] } } },
  { name: 'wrong host', status: { kind: 'checked', outcome: { kind: 'wrongHost', host: 'fabrikam.nl.fabrikam.nl' } } },
  { name: 'DNS failure', status: { kind: 'checked', outcome: { kind: 'dnsFailure', reason: 'timeout' } } },
  { name: 'rate limited', status: { kind: 'rateLimited', retryAfterSeconds: 42 } },
  { name: 'will re-check', status: { kind: 'willRecheck', everyMinutes: 5 } },
  { name: 'Microsoft not confirmed yet', status: { kind: 'notConfirmed', seen: 'unmanaged' } },
  { name: 'cannot ask Microsoft, no record', status: { kind: 'cannotAskNoRecord' } },
];

/** The step in Microsoft: the record is visible. */
export const FOUND: TakeoverRequest = { ...REQUEST, status: 'waitingForMicrosoft', recordFoundAt: '2026-11-22T09:30:00.000Z' };
export const MICROSOFT_STATUSES: readonly { name: string; status: RecordStatus }[] = [
  { name: 'record found', status: { kind: 'recordFound' } },
  { name: 'record found later', status: { kind: 'recheckFound' } },
  { name: 'resumed', status: { kind: 'resumed' } },
  { name: 'rate limited', status: { kind: 'rateLimited', retryAfterSeconds: 42 } },
  { name: 'will re-check', status: { kind: 'willRecheck', everyMinutes: 5 } },
  { name: 'still unmanaged', status: { kind: 'notConfirmed', seen: 'unmanaged' } },
  { name: 'another tenant', status: { kind: 'notConfirmed', seen: 'otherTenant' } },
  { name: 'unknown to Microsoft', status: { kind: 'notConfirmed', seen: 'unknown' } },
];

/** Waiting for the value from Microsoft. */
export const WAITING: TakeoverRequest = { ...REQUEST, status: 'waitingForValue', value: undefined };

export const COMPLETED: TakeoverRequest = { ...REQUEST, status: 'completed', completedAt: '2026-11-22T10:00:00.000Z', confirmedBy: 'microsoft', confirmedAt: '2026-11-22T10:00:00.000Z' };
export const REPORTED: TakeoverRequest = { ...REQUEST, status: 'reportedByUser', completedAt: '2026-11-22T10:00:00.000Z', confirmedBy: 'user' };

export const TAKEOVER_OUTCOMES: readonly { name: string; outcome: TakeoverOutcome }[] = [
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
  { name: 'reported, Microsoft unreachable', outcome: { kind: 'completed', request: REPORTED, organization: { ...FABRIKAM_UNMANAGED, managed: true }, members: 4, unconfirmedBecause: 'unreachable' } },
  { name: 'reported, look-ups off', outcome: { kind: 'completed', request: REPORTED, organization: { ...FABRIKAM_UNMANAGED, managed: true }, members: 4, unconfirmedBecause: 'off' } },
  { name: 'reported, shown again', outcome: { kind: 'completed', request: { ...REPORTED, licenses: { decision: 'buy', needs: [{ service: 'Power Virtual Agents', count: 2 }], decidedAt: REPORTED.completedAt! } }, organization: { ...FABRIKAM_UNMANAGED, managed: true }, members: 4 } },
  { name: 'reported, external', outcome: { kind: 'completed', request: { ...REPORTED, kind: 'external', targetOrgId: CONTOSO.id }, organization: CONTOSO, members: 12, unconfirmedBecause: 'noTenant' } },
  { name: 'confirmed later', outcome: { kind: 'confirmedLater', request: COMPLETED, organization: { ...FABRIKAM_UNMANAGED, managed: true } } },
  { name: 'confirmed later, external', outcome: { kind: 'confirmedLater', request: { ...COMPLETED, kind: 'external', targetOrgId: CONTOSO.id }, organization: CONTOSO } },
  { name: 'cancelled', outcome: { kind: 'cancelled', request: REQUEST } },
  { name: 'expired', outcome: { kind: 'expired', request: REQUEST } },
  { name: 'ended', outcome: { kind: 'ended', request: REQUEST } },
  { name: 'taken over by someone else', outcome: { kind: 'takenOverByOther', request: REQUEST } },
];

export const TICKET: Ticket = {
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
export const ASSIGNED: Ticket = { ...TICKET, id: 'HD-1043', status: 'assigned', assignee: { userId: '29:kim', name: 'Kim Akers' }, assignedAt: '2026-11-22T10:00:00.000Z' };
export const RESOLVED: Ticket = { ...ASSIGNED, id: 'HD-1044', status: 'resolved', resolutionNote: 'Reinstalled the sync client.', resolvedAt: '2026-11-22T11:00:00.000Z' };

export const FIGURES: Figures = {
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

export const CARD_CASES: readonly CardCase[] = [
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
    [...ADMIN_STATUSES, ...MICROSOFT_ADMIN_STATUSES].map(({ name, status }) => ({
      name: `amIAdminCard: ${cloud}, ${name}`,
      build: (t: Strings) => amIAdminCard(t, cloud, status),
    })),
  ),
  { name: 'amIAdminCard: nothing known, with the consent link', build: (t) => amIAdminCard(t, 'worldwide', { known: 'nothing' }, CONSENT_URL) },
  { name: 'withFeedback on the roles Microsoft shows, with a link', build: (t) => withFeedback(t, amIAdminCard(t, 'worldwide', MICROSOFT_ADMIN_STATUSES[2]!.status), '0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f') },
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
  { name: 'withFeedback on a fact with more behind a toggle', build: (t) => withFeedback(t, factCard(t, 'txtRecord'), '0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f') },
  { name: 'sameAnswerCard, rated', build: (t) => withFeedback(t, sameAnswerCard(t, amIAdminCard(t, 'worldwide', { known: 'nothing' })), '0b6f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e6f') },
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
    build: (t: Strings) => signupPreviewCard(t, previewPlan(plan as RecordablePlan), request, 'preview-1'),
  })),
  ...SOURCED_PREVIEWS.map(({ name, plan }) => ({ name: `signupPreviewCard: ${name}`, build: (t: Strings) => signupPreviewCard(t, plan, SARA, 'preview-1') })),
  { name: 'signupAnswerCard: no work address', build: (t) => signupAnswerCard(t, { kind: 'noWorkAddress' }) },
  ...SIGNUP_PLANS.map(({ name, plan, request }) => ({
    name: `signupAnswerCard: ${name}`,
    build: (t: Strings) => signupAnswerCard(t, { kind: 'outcome', plan, request }),
  })),
  ...DOMAIN_STATUSES.map(({ name, status }) => ({ name: `domainStatusCard: ${name}`, build: (t: Strings) => domainStatusCard(t, status) })),
  { name: 'takeoverElsewhereCard', build: (t) => takeoverElsewhereCard(t, 'northwind.example') },
  { name: 'takeoverElsewhereCard: address not on the domain', build: (t) => takeoverElsewhereCard(t, 'northwind.example', { address: 'alex@adatum.com' }) },
  { name: 'takeoverElsewhereCard: no address known', build: (t) => takeoverElsewhereCard(t, 'northwind.example', {}) },
  { name: 'usGovernmentCloudCard', build: (t) => usGovernmentCloudCard(t) },
  { name: 'takeoverKindCard: both kinds', build: (t) => takeoverKindCard(t, { domain: 'fabrikam.nl', members: 3, externalTarget: CONTOSO.displayName, internalOnly: false, internalAllowed: true }) },
  { name: 'takeoverKindCard: no organization to move into', build: (t) => takeoverKindCard(t, { domain: 'fabrikam.nl', members: 1, internalOnly: false, internalAllowed: true }) },
  { name: 'takeoverKindCard: internal only', build: (t) => takeoverKindCard(t, { domain: 'fabrikam.nl', members: 2, externalTarget: CONTOSO.displayName, internalOnly: true, internalAllowed: true }) },
  { name: 'takeoverKindCard: external only, no address on the domain', build: (t) => takeoverKindCard(t, { domain: 'fabrikam.nl', members: 2, externalTarget: CONTOSO.displayName, internalOnly: false, internalAllowed: false }) },
  { name: 'takeoverKindCard: no way yet', build: (t) => takeoverKindCard(t, { domain: 'fabrikam.nl', members: 2, internalOnly: false, internalAllowed: false }) },
  { name: 'takeoverKindCard: internal only, no address on the domain', build: (t) => takeoverKindCard(t, { domain: 'fabrikam.nl', members: 2, externalTarget: CONTOSO.displayName, internalOnly: true, internalAllowed: false }) },
  { name: 'takeoverRecordCard: value, new', build: (t) => takeoverRecordCard(t, WAITING, { kind: 'new' }) },
  { name: 'takeoverRecordCard: value, resumed', build: (t) => takeoverRecordCard(t, WAITING, { kind: 'resumed' }) },
  { name: 'takeoverRecordCard: value, needed first', build: (t) => takeoverRecordCard(t, WAITING, { kind: 'needsValue' }) },
  { name: 'takeoverRecordCard: value, external', build: (t) => takeoverRecordCard(t, { ...WAITING, kind: 'external', targetOrgId: CONTOSO.id }, { kind: 'new' }, CONTOSO.displayName) },
  ...RECORD_STATUSES.map(({ name, status }) => ({ name: `takeoverRecordCard: ${name}`, build: (t: Strings) => takeoverRecordCard(t, REQUEST, status) })),
  { name: 'takeoverRecordCard: external', build: (t) => takeoverRecordCard(t, { ...REQUEST, kind: 'external', targetOrgId: CONTOSO.id }, { kind: 'new' }, CONTOSO.displayName) },
  ...MICROSOFT_STATUSES.map(({ name, status }) => ({ name: `takeoverRecordCard: Microsoft, ${name}`, build: (t: Strings) => takeoverRecordCard(t, FOUND, status) })),
  ...MICROSOFT_STATUSES.map(({ name, status }) => ({ name: `takeoverRecordCard: Microsoft, external, ${name}`, build: (t: Strings) => takeoverRecordCard(t, { ...FOUND, kind: 'external', targetOrgId: CONTOSO.id }, status, CONTOSO.displayName) })),
  ...TAKEOVER_OUTCOMES.map(({ name, outcome }) => ({ name: `takeoverOutcomeCard: ${name}`, build: (t: Strings) => takeoverOutcomeCard(t, outcome) })),
];

