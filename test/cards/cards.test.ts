/**
 * Renders every card in English and Dutch, in every variant the bot can send, and checks that each is a
 * valid Adaptive Card 1.5, that every button carries data the router understands, and that the Dutch
 * card really is translated.
 */
import { describe, expect, it } from '@jest/globals';
import { ADMINS_SHOWN, adminAnswerCard } from '../../cards/adminAnswerCard.js';
import { factCard } from '../../cards/factCard.js';
import { withFeedback } from '../../cards/feedbackButtons.js';
import { sameAnswerCard } from '../../cards/sameAnswerCard.js';
import { amIAdminCard } from '../../cards/amIAdminCard.js';
import { readCardAction } from '../../cards/cardAction.js';
import { notSureCard } from '../../cards/notSureCard.js';
import { orgTypeCard } from '../../cards/orgTypeCard.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type CardAttachment } from '../../cards/renderCard.js';
import { ALL_VERBS, type Verb } from '../../cards/verbs.js';
import { welcomeCard } from '../../cards/welcomeCard.js';
import { addressCard } from '../../cards/addressCard.js';
import { domainQuestionCard } from '../../cards/domainQuestionCard.js';
import { domainStatusCard } from '../../cards/domainStatusCard.js';
import { signupPreviewCard } from '../../cards/signupPreviewCard.js';
import type { DomainStatus } from '../../services/organizations/domainStatus.js';
import { TakeoverService } from '../../services/takeover/takeoverService.js';
import { microsoftLookupsOff } from '../../services/microsoft/lookupsOff.js';
import type { Ticket } from '../../services/models/ticket.js';
import { myTicketsCard, ticketChannelCard } from '../../cards/ticketCards.js';
import type { HelpdeskRecords } from '../../services/ports/helpdeskRecords.js';
import { TicketService } from '../../services/tickets/ticketService.js';
import { takeoverKindCard } from '../../cards/takeoverKindCard.js';
import { takeoverOutcomeCard } from '../../cards/takeoverOutcomeCard.js';
import { takeoverRecordCard } from '../../cards/takeoverRecordCard.js';
import { type SignupRequest } from '../../services/signup/signup.js';
import type { DialogDeps } from '../../dialogs/dialogDeps.js';
import type { IntentRecognizer } from '../../understanding/recognition.js';
import { RouterDialog } from '../../dialogs/routerDialog.js';
import { format, stringsFor } from '../../locales/strings.js';
import { viewCard } from '../../devtools/cardText.js';
import { formatDate } from '../../cards/formatDate.js';
import { adminCenterUrl } from '../../services/organizations/adminCenter.js';
import type { Directory } from '../../services/ports/directory.js';
import type { Language } from '../../services/models/intent.js';
import { CLOUDS, ORG_TYPES, US_GOVERNMENT_CLOUDS } from '../../services/models/organization.js';
import { validateAdaptiveCard } from './cardValidator.js';
import { Understanding } from '../../understanding/understand.js';
import { ADMIN_STATUSES, CARD_CASES, COMPLETED, CONSENT_URL, DOMAIN_STATUSES, NOT_SURE_TOPIC_LISTS, RECORDS_SAID_FABRIKAM, contactVariants, CONTOSO, CONTOSO_NO_HELPDESK, FABRIKAM_UNMANAGED, FOUND, HELPDESK, LANGUAGES, MICROSOFT_ADMIN_STATUSES, REPORTED, REQUEST, RESOLVED, WAITING, adminAnswerCases, type CardCase } from './cardCases.js';

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

/** The buttons that do something (submit or open a page), without the toggles that only show more of the card. */
function buttonsOf(card: CardAttachment): Json[] {
  return actionsOf(card).filter((action) => action.type !== 'Action.ToggleVisibility');
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
  const recognizer: IntentRecognizer = {
    recognize: async () => ({ intent: 'none', score: 0, ranked: [] }),
    guessLanguage: () => undefined,
  };
  const deps: DialogDeps = {
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
    ticketDesk: { announce: () => Promise.reject(new Error('not used')), tellRequester: () => Promise.reject(new Error('not used')), showInChannel: () => Promise.reject(new Error('not used')) },
    recentTurns: { get: async () => [], set: async () => undefined, delete: async () => undefined },
    lastAnswerId: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
    lastAnswerTopic: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
    finishedCards: { get: async () => [], set: async () => undefined, delete: async () => undefined },
    lastShownAnswer: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
    discussedDomain: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
    discussedService: { get: async () => undefined, set: async () => undefined, delete: async () => undefined },
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

  it('counts members as people read them: none known is not said to the member reading it, and the new admin is not one of "the others"', () => {
    const view = (card: CardAttachment) => viewCard(card.content).lines.join('\n');
    const none = view(takeoverKindCard(t, { domain: 'fabrikam.nl', members: 0, internalOnly: false, internalAllowed: true }));
    expect(none).not.toContain(format(t.domainInUse.unmanagedMembers, { count: 0 }));
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
    const verbsOf = (built: CardAttachment) => buttonsOf(built).map((a) => a.data as Json);
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
      const clouds = buttonsOf(card)
        .map((a) => a.data as Json)
        .filter((data) => data.verb === 'chooseCloud')
        .map((data) => data.cloud);
      // The US Government clouds sit behind one "US Government" button, which asks which of the three.
      const usGovernment: readonly string[] = US_GOVERNMENT_CLOUDS;
      expect(clouds).toEqual([...CLOUDS.filter((other) => other !== cloud && !usGovernment.includes(other)), 'usGovernment']);
      const next = buttonsOf(card)[0]?.data;
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

describe.each(LANGUAGES)('how cards read [%s]', (language) => {
  const t = stringsFor(language);

  it('asks "Did this help?" under a line, with only its own Yes and No, after the answer\'s own buttons', () => {
    const rated = withFeedback(t, amIAdminCard(t, 'worldwide', { known: 'nothing' }), 'answer-1');
    const content = rated.content as { body: Json[]; actions?: unknown[] };
    // Nothing in the card's action bar: a button there would stand below the rating, as if it answered it.
    expect(content.actions ?? []).toEqual([]);
    const rating = content.body.at(-1)!;
    expect(rating).toMatchObject({ type: 'Container', separator: true });
    const items = rating.items as Json[];
    expect(items[0]).toMatchObject({ type: 'TextBlock', text: t.feedback.question });
    expect((items[1]!.actions as Json[]).map((action) => action.data)).toEqual([
      { verb: 'feedback', answer: 'answer-1', helpful: true },
      { verb: 'feedback', answer: 'answer-1', helpful: false },
    ]);
    const answerButtons = content.body.at(-2)!;
    expect(answerButtons.type).toBe('ActionSet');
    expect((answerButtons.actions as Json[]).map((action) => action.title)).toEqual(buttonsOf(amIAdminCard(t, 'worldwide', { known: 'nothing' })).map((action) => action.title));
  });

  it('numbers the steps of a list in one text, 1, 2, 3, on every card, so no list starts again at 1', () => {
    const lists: string[] = [];
    for (const cardCase of CARD_CASES) {
      for (const text of textsOf(buildCard(cardCase, language))) {
        const numbers = text.split('\n').map((line) => /^(\d+)\.\s/.exec(line)?.[1]);
        if (numbers[0] === undefined) continue;
        lists.push(`${cardCase.name}: ${numbers.join(',')}`);
        expect(numbers.map(Number)).toEqual(numbers.map((_, i) => i + 1));
      }
    }
    // The takeover's step lists are among them: the check looked at real lists.
    expect(lists.filter((list) => list.endsWith('1,2,3')).length).toBeGreaterThan(3);
  });

  it('answers one quoted signup message with its own explanation, not all five', () => {
    const all = t.facts.signupMessages.points;
    const card = factCard(t, 'signupMessageTurnedOff');
    expect(textsOf(card)).toContain(`• ${all[3]!}`);
    for (const other of [0, 1, 2, 4]) expect(JSON.stringify(card.content)).not.toContain(JSON.stringify(all[other]!).slice(1, 40));
  });

  it('shows a fact\'s first points and keeps the rest behind "More"', () => {
    const card = factCard(t, 'forceTakeover');
    const toggles = actionsOf(card).filter((action) => action.type === 'Action.ToggleVisibility');
    expect(toggles.map((toggle) => toggle.title)).toEqual([t.common.more]);
    const hidden = collect(card.content, (node) => node.isVisible === false);
    expect(textsOf({ ...card, content: { body: hidden } }).length).toBeGreaterThan(0);
    expect(textsOf(card)).toEqual([t.facts.forceTakeover.title, ...t.facts.forceTakeover.points.map((point) => `• ${point}`)]);
  });

  it('asks for the signup address right after a line or two, the rest of what signup is behind "More"', () => {
    const card = addressCard(t, { mode: 'introduce', prefill: '' });
    const body = (card.content as { body: Json[] }).body;
    const question = body.findIndex((element) => element.text === `**${t.signup.askAddress}**`);
    const toggle = body.findIndex((element) => element.type === 'ActionSet');
    const hidden = body.findIndex((element) => element.isVisible === false);
    expect(toggle).toBeGreaterThan(0);
    expect(toggle).toBeLessThan(question);
    expect(hidden).toBeLessThan(question);
    expect(body.slice(0, toggle).filter((element) => element.type === 'TextBlock')).toHaveLength(2);
  });

  it('points at the card just seen by its title instead of showing it again', () => {
    const seen = amIAdminCard(t, 'worldwide', { known: 'nothing' });
    const lines = viewCard(sameAnswerCard(t, seen).content).lines;
    expect(lines).toEqual([format(t.common.sameAnswer, { title: t.amIAdmin.title, no: t.feedback.no })]);
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

