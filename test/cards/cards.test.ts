/**
 * Renders every card in English and Dutch, in every variant the bot can send, and checks that each is a
 * valid Adaptive Card 1.5, that every button carries data the router understands, and that the Dutch
 * card really is translated.
 */
import { describe, expect, it } from '@jest/globals';
import { ADMINS_SHOWN, adminAnswerCard, type AnsweredAdminQuestion } from '../../cards/adminAnswerCard.js';
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
import { previewPlan, signupPreviewCard, type PreviewPlan } from '../../cards/signupPreviewCard.js';
import { ADMIN_ROLES } from '../../services/models/adminRoles.js';
import type { Member } from '../../services/ports/directory.js';
import type { DomainStatus } from '../../services/organizations/domainStatus.js';
import { TakeoverService } from '../../services/takeover/takeoverService.js';
import { microsoftLookupsOff } from '../../services/microsoft/lookupsOff.js';
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
import { formatDate } from '../../cards/formatDate.js';
import { adminCenterUrl } from '../../services/organizations/adminCenter.js';
import type { Directory } from '../../services/ports/directory.js';
import type { Language } from '../../services/models/intent.js';
import { CLOUDS, ORG_TYPES, type HelpdeskContact, type Organization } from '../../services/models/organization.js';
import { validateAdaptiveCard } from './cardValidator.js';
import { Understanding } from '../../understanding/understand.js';

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

/** What Microsoft Graph says about the user's own roles. */
const MICROSOFT_ADMIN_STATUSES: { name: string; status: AdminStatus }[] = [
  { name: 'User Administrator', status: { known: 'microsoftRoles', roles: [{ displayName: 'User Administrator', roleTemplateId: ADMIN_ROLES.userAdministrator }] } },
  {
    name: 'Global and Helpdesk Administrator',
    status: { known: 'microsoftRoles', roles: [{ displayName: 'Helpdesk Administrator', roleTemplateId: ADMIN_ROLES.helpdeskAdministrator }, { displayName: 'Global Administrator', roleTemplateId: ADMIN_ROLES.globalAdministrator }] },
  },
  { name: 'a role the bot does not describe', status: { known: 'microsoftRoles', roles: [{ displayName: 'Exchange Administrator', roleTemplateId: '29232cdf-9323-42fd-ade2-1d097af3e4de' }] } },
  { name: 'no roles', status: { known: 'microsoftNoRoles' } },
];

const CONSENT_URL = 'https://login.microsoftonline.com/4a9c1d3e-7b2f-4e8a-9c61-0f5d2b8e7a13/adminconsent?client_id=8d5e0c2a-3f4b-4d6e-9a1b-2c3d4e5f6a7b';

/** People Microsoft Graph lists in a role. */
const holders = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i}`, displayName: `${prefix} ${i}`, email: `${prefix.toLowerCase()}${i}@contoso.com` }));

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
const SOURCED_PREVIEWS: readonly { name: string; plan: PreviewPlan }[] = [
  { name: 'create, checked with Microsoft', plan: { kind: 'createUnmanaged', source: 'microsoft' } },
  { name: 'create, from the records', plan: { kind: 'createUnmanaged', source: 'directory' } },
  { name: 'join the existing unmanaged organization', plan: { kind: 'createUnmanaged', existing: true, source: 'microsoft' } },
  { name: 'join managed, moved', plan: { kind: 'joinManaged', organization: CONTOSO, colleagues: 2, source: 'microsoft', differs: { shows: 'managed', recorded: 'fabrikam.nl' } } },
  { name: 'join unmanaged, from the records', plan: { kind: 'joinUnmanaged', organization: FABRIKAM_UNMANAGED, colleagues: 2, source: 'directory' } },
];

const FROM_RECORDS = { source: 'directory' } as const;
const FROM_MICROSOFT = { source: 'microsoft' } as const;
const RECORDS_SAID_FABRIKAM = { source: 'microsoft', disagreement: { shows: 'managed', recorded: { id: FABRIKAM_UNMANAGED.id, displayName: 'fabrikam.nl' } } } as const;

const DOMAIN_STATUSES: readonly { name: string; status: DomainStatus }[] = [
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

const REQUEST: TakeoverRequest = {
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

const RECORD_STATUSES: readonly { name: string; status: RecordStatus }[] = [
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
const FOUND: TakeoverRequest = { ...REQUEST, status: 'waitingForMicrosoft', recordFoundAt: '2026-11-22T09:30:00.000Z' };
const MICROSOFT_STATUSES: readonly { name: string; status: RecordStatus }[] = [
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
const WAITING: TakeoverRequest = { ...REQUEST, status: 'waitingForValue', value: undefined };

const COMPLETED: TakeoverRequest = { ...REQUEST, status: 'completed', completedAt: '2026-11-22T10:00:00.000Z', confirmedBy: 'microsoft', confirmedAt: '2026-11-22T10:00:00.000Z' };
const REPORTED: TakeoverRequest = { ...REQUEST, status: 'reportedByUser', completedAt: '2026-11-22T10:00:00.000Z', confirmedBy: 'user' };

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
  const recognizer: DialogDeps['recognizer'] = {
    recognize: async () => ({ intent: 'none', score: 0, ranked: [] }),
    guessLanguage: () => undefined,
  };
  const deps: DialogDeps = {
    recognizer,
    understanding: new Understanding(recognizer),
    directory: unusedDirectory,
    userProfile: {
      get: async () => ({}),
      set: async () => undefined,
      delete: async () => undefined,
    },
    identifyRequester: async () => ({ userId: 'test-user' }),
    microsoft: microsoftLookupsOff(),
    takeovers: new TakeoverService({ directory: unusedDirectory, checker: { check: () => Promise.reject(new Error('not used')) }, microsoft: microsoftLookupsOff(), now: () => new Date() }),
    takeoverRecheckSeconds: 300,
    tickets: new TicketService({ records: new Proxy({} as HelpdeskRecords, { get: () => () => Promise.reject(new Error('not used')) }), now: () => new Date() }),
    ticketDesk: { announce: () => Promise.reject(new Error('not used')), tellRequester: () => Promise.reject(new Error('not used')) },
    recentTurns: { get: async () => [], set: async () => undefined, delete: async () => undefined },
    lastAnswerId: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
    lastAnswerTopic: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
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

  it('has only Action.Submit buttons whose data the router reads back unchanged and can handle, toggles of elements it has, and https links', () => {
    const card = buildCard(cardCase, language);
    const ids = collect(card.content, (node) => typeof node.id === 'string').map((node) => node.id);
    for (const toggle of actionsOf(card).filter((action) => action.type === 'Action.ToggleVisibility')) {
      expect(toggle.targetElements).toEqual([expect.any(String)]);
      for (const target of toggle.targetElements as string[]) expect(ids).toContain(target);
    }
    // A link button opens a page (Microsoft's) and sends the bot nothing.
    for (const link of actionsOf(card).filter((action) => action.type === 'Action.OpenUrl')) {
      expect(String(link.url)).toMatch(/^https:\/\/(login\.microsoftonline\.com|learn\.microsoft\.com)\//);
      expect(link.data).toBeUndefined();
    }
    const actions = actionsOf(card).filter((action) => action.type !== 'Action.ToggleVisibility' && action.type !== 'Action.OpenUrl');
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
      for (const action of actionsOf(buildCard(cardCase, language))) if (action.type === 'Action.Submit') found.add(String((action.data as Json).verb));
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
    const none = view(takeoverKindCard(t, { domain: 'fabrikam.nl', members: 0, internalOnly: false, internalAllowed: true }));
    expect(none).toContain(t.domainInUse.unmanagedMembersNone);
    expect(none).not.toMatch(/: 0\b/);
    expect(view(takeoverKindCard(t, { domain: 'fabrikam.nl', members: 3, internalOnly: false, internalAllowed: true }))).toContain(format(t.domainInUse.unmanagedMembers, { count: 3 }));
    const completed = (members: number) => view(takeoverOutcomeCard(t, { kind: 'completed', request: COMPLETED, organization: { ...FABRIKAM_UNMANAGED, managed: true }, members }));
    expect(completed(0)).toContain(format(t.takeover.doneInternalAlone, { domain: 'fabrikam.nl' }));
    expect(completed(1)).toContain(format(t.takeover.doneInternalOne, { domain: 'fabrikam.nl' }));
    expect(completed(5)).toContain(format(t.takeover.doneInternal, { domain: 'fabrikam.nl', count: 5 }));
  });

  it('the takeover kind card speaks of two ways only when it offers two', () => {
    const view = (target?: string, internalAllowed = true) =>
      viewCard(takeoverKindCard(t, { domain: 'fabrikam.nl', members: 1, internalOnly: false, internalAllowed, ...(target ? { externalTarget: target } : {}) }).content).lines;
    expect(view(CONTOSO.displayName)).toContain(t.takeover.kindTwoWays);
    expect(view()).toContain(t.takeover.kindOneWay);
    expect(view()).not.toContain(t.takeover.kindTwoWays);
    expect(view(CONTOSO.displayName, false)).toContain(t.takeover.kindOneWay);
    expect(view(undefined, false)).toContain(t.takeover.kindNoWayYet);
  });

  it('the takeover kind card offers the internal takeover only with an address on the domain, and says how to get one', () => {
    const card = (internalAllowed: boolean, externalTarget?: string) => takeoverKindCard(t, { domain: 'fabrikam.nl', members: 1, internalOnly: false, internalAllowed, externalTarget });
    const verbsOf = (built: CardAttachment) => actionsOf(built).map((a) => a.data as Json);
    expect(verbsOf(card(false, CONTOSO.displayName))).toEqual([{ verb: 'chooseTakeoverKind', kind: 'external' }, { verb: 'cancel' }]);
    expect(verbsOf(card(false))).toEqual([{ verb: 'startTopic', topic: 'signup' }]);
    expect(viewCard(card(false).content).lines).toContain(format(t.takeover.internalNeedsAddress, { domain: 'fabrikam.nl' }));
    expect(viewCard(card(true).content).lines).not.toContain(format(t.takeover.internalNeedsAddress, { domain: 'fabrikam.nl' }));
  });

  it('the value card asks for the value Microsoft shows, with where to find it behind a toggle, and shows no value of its own', () => {
    const card = takeoverRecordCard(t, WAITING, { kind: 'new' });
    const view = viewCard(card.content);
    expect(view.inputs).toEqual([{ id: 'value', label: t.takeover.valueLabel, value: '' }]);
    expect(view.buttons.map((b) => b.data)).toEqual([{ verb: 'submitTakeoverValue', request: REQUEST.id }, { verb: 'cancelTakeover', request: REQUEST.id }]);
    expect(actionsOf(card).filter((action) => action.type === 'Action.ToggleVisibility').map((action) => action.title)).toEqual([t.takeover.valueHelpToggle]);
    const hidden = collect(card.content, (node) => node.isVisible === false);
    expect(textsOf({ ...card, content: { body: hidden } })).toEqual(t.takeover.valueHelpInternal);
    expect(JSON.stringify(card.content)).not.toContain('MS=ms04815162');
  });

  it('the record card shows the value pasted, and the step in Microsoft the next thing to do there', () => {
    expect(viewCard(takeoverRecordCard(t, REQUEST, { kind: 'new' }).content).lines).toContain('MS=ms04815162');
    const step = viewCard(takeoverRecordCard(t, FOUND, { kind: 'recordFound' }).content);
    expect(step.lines).toContain(t.takeover.microsoftNextInternal);
    expect(step.buttons.map((b) => b.data)).toEqual([
      { verb: 'finishedInMicrosoft', request: REQUEST.id },
      { verb: 'recheckTakeover', request: REQUEST.id },
      { verb: 'cancelTakeover', request: REQUEST.id },
    ]);
    const external = viewCard(takeoverRecordCard(t, { ...FOUND, kind: 'external' }, { kind: 'recordFound' }).content).lines;
    expect(external).toContain(format(t.takeover.microsoftNextExternal, { domain: 'fabrikam.nl' }));
    expect(external).toContain(format(t.takeover.microsoftHelpExternal[1]!, { domain: 'fabrikam.nl' }));
  });

  it('a takeover Microsoft did not confirm never says "you\'re the admin now", and a reported admin is named as such', () => {
    const reported = viewCard(takeoverOutcomeCard(t, { kind: 'completed', request: REPORTED, organization: { ...FABRIKAM_UNMANAGED, managed: true }, members: 1 }).content).lines.join('\n');
    expect(reported).toContain(format(t.takeover.reportedTitle, { domain: 'fabrikam.nl' }));
    expect(reported).not.toContain(format(t.takeover.doneTitle, { domain: 'fabrikam.nl' }));
    const admins = [{ ...CONTOSO.admins[0]!, since: '2026-12-06T10:00:00.000Z', reportedByUser: true as const }, CONTOSO.admins[1]!];
    const lines = viewCard(adminAnswerCard(t, { kind: 'knownAdmins', organization: CONTOSO_NO_HELPDESK, admins }).content).lines;
    expect(lines).toContain(format(t.whoIsMyAdmin.reportedAdmin, { name: 'Megan Bowen', date: formatDate(t, '2026-12-06T10:00:00.000Z') }));
    expect(lines.filter((line) => line.includes(t.whoIsMyAdmin.reportedAdmin.slice(-20)))).toHaveLength(1);
    const masked = viewCard(adminAnswerCard(t, { kind: 'helpdeskContact', organization: CONTOSO, contact: HELPDESK, admins }, true).content).lines.join('\n');
    expect(masked).not.toContain('Megan Bowen');
    expect(masked).toContain(format(t.whoIsMyAdmin.reportedAdmin, { name: 'm***@contoso.com', date: formatDate(t, '2026-12-06T10:00:00.000Z') }).slice(0, 16));
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

  it('domainStatusCard says where its answer comes from, and what Microsoft shows that the records did not say, first', () => {
    const lines = (status: DomainStatus) => viewCard(domainStatusCard(t, status).content).lines;
    expect(lines(DOMAIN_STATUSES[0]!.status)).toContain(t.microsoft.fromDirectory);
    expect(lines(DOMAIN_STATUSES[0]!.status)).not.toContain(t.microsoft.checked);
    const member = lines({ kind: 'member', domain: 'fabrikam.nl', organization: CONTOSO, ...RECORDS_SAID_FABRIKAM });
    expect(member[1]).toBe(`**${format(t.microsoft.disagree.managed, { domain: 'fabrikam.nl', org: 'fabrikam.nl' })}**`);
    expect(member).toContain(t.microsoft.checked);
    expect(member).not.toContain(t.microsoft.fromDirectory);
    // A personal mail service's domain is the bot's own list, not a claim about who holds it.
    const consumer = lines({ kind: 'consumer', domain: 'gmail.com' }).join('\n');
    expect(consumer).not.toContain(t.microsoft.checked);
    expect(consumer).not.toContain(t.microsoft.fromDirectory);
  });

  it('domainStatusCard names the organization Microsoft gives, and says so when it gives none', () => {
    const named = viewCard(domainStatusCard(t, DOMAIN_STATUSES.find((c) => c.name.startsWith('managed by a named'))!.status).content);
    expect(named.lines[0]).toBe(format(t.domainInUse.managedTitle, { domain: 'fabrikam.nl', org: 'Fabrikam BV' }));
    const unnamed = viewCard(domainStatusCard(t, { kind: 'managedAtMicrosoft', domain: 'fabrikam.nl', federated: false, inYourTenant: false, source: 'microsoft' }).content);
    expect(unnamed.lines[0]).toBe(format(t.microsoft.domain.managedUnnamedTitle, { domain: 'fabrikam.nl' }));
    const viral = viewCard(domainStatusCard(t, { kind: 'unmanagedAtMicrosoft', domain: 'fabrikam.nl', source: 'microsoft' }).content);
    expect(viral.buttons.map((b) => b.data)).toContainEqual({ verb: 'startTakeover', domain: 'fabrikam.nl' });
  });

  it('adminAnswerCard names the people Microsoft lists, each once with every role, the first few and the rest behind a toggle', () => {
    const answer = adminAnswerCases().find((c) => c.name.includes('password roles'))!.build(t)!;
    const view = viewCard(answer.content);
    expect(view.lines[0]).toBe(format(t.whoIsMyAdmin.knownAdminsTitle, { org: CONTOSO.displayName }));
    expect(view.lines).toContain(t.microsoft.admins.intro.password);
    const facts = factsOf(answer);
    expect(facts).toHaveLength(ADMINS_SHOWN);
    expect(facts[0]).toEqual({ title: 'Global 0', value: `global0@contoso.com (${t.microsoft.roles.globalAdministrator}, ${t.microsoft.roles.helpdeskAdministrator})` });
    // 2 global (one also helpdesk), 4 more helpdesk, 1 password: 7 people, 2 behind the toggle.
    expect(actionsOf(answer).filter((a) => a.type === 'Action.ToggleVisibility').map((a) => a.title)).toEqual([format(t.microsoft.admins.more, { count: 2 })]);
    expect(view.lines).toContain(`Password 0: password0@contoso.com (${t.microsoft.roles.passwordAdministrator})`);
    expect(view.lines).toContain(format(t.microsoft.admins.contact, { org: CONTOSO.displayName, contact: 'Contoso IT Service Desk, +31 20 123 4567, servicedesk@contoso.com, https://it.contoso.com/help' }));
  });

  it('adminAnswerCard offers the consent link with what the bot would read, and says a guessed type is a guess', () => {
    const card = adminAnswerCard(t, { kind: 'guidance', orgType: 'enterprise', remembered: false }, false, CONSENT_URL);
    const view = viewCard(card.content);
    expect(view.buttons).toContainEqual({ title: t.microsoft.consent.button, data: undefined, url: CONSENT_URL });
    expect(view.lines.join('\n')).toContain(t.microsoft.consent.what);
    const guessed = textsOf(adminAnswerCard(t, { kind: 'guidance', orgType: 'school', remembered: false, inferred: true })).join('\n');
    expect(guessed).toContain(format(t.microsoft.admins.inferredOrgType, { orgType: t.orgTypes.school }));
    expect(textsOf(adminAnswerCard(t, { kind: 'guidance', orgType: 'school', remembered: false })).join('\n')).not.toContain(t.microsoft.admins.inferredOrgType.slice(0, 20));
  });

  it('amIAdminCard says which roles Microsoft shows and what they can do, with the checks behind a toggle', () => {
    const both = viewCard(amIAdminCard(t, 'worldwide', MICROSOFT_ADMIN_STATUSES[1]!.status).content);
    expect(both.lines).toContain(format(t.microsoft.myRoles.yes, { roles: `${t.microsoft.roles.globalAdministrator}, ${t.microsoft.roles.helpdeskAdministrator}` }));
    expect(both.lines).toContain(t.microsoft.roleDescriptions.helpdeskAdministrator);
    expect(both.buttons.some((b) => b.url)).toBe(false);
    const other = amIAdminCard(t, 'worldwide', MICROSOFT_ADMIN_STATUSES[2]!.status);
    expect(viewCard(other.content).lines).toContain(format(t.microsoft.myRoles.unknownRole, { role: 'Exchange Administrator' }));
    expect(viewCard(other.content).buttons).toContainEqual({ title: t.microsoft.myRoles.rolesPage, data: undefined, url: t.microsoft.myRoles.rolesPageUrl });
    expect(actionsOf(other).filter((a) => a.type === 'Action.ToggleVisibility').map((a) => a.title)).toEqual([t.microsoft.myRoles.seeItYourself]);
    const none = viewCard(amIAdminCard(t, 'worldwide', { known: 'microsoftNoRoles' }).content);
    expect(none.lines[1]).toBe(t.microsoft.myRoles.none);
    expect(none.buttons[0]?.title).toBe(t.amIAdmin.notAdminNext);
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
