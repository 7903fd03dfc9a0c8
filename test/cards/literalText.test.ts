/**
 * Text an admin or a user typed, on the cards and in the messages that show it: a helpdesk contact whose title is a
 * disguised link ("[Reset your password](https://evil.example/phish)" reached every member once), admin and member
 * names, and the names Microsoft shows for another organization. Checked on the rendered card JSON in English and
 * Dutch: no markdown link, reference link, autolink or HTML tag is left in any text a client renders, and every
 * character typed is still shown.
 */
import { describe, expect, it } from '@jest/globals';
import { adminAnswerCard } from '../../cards/adminAnswerCard.js';
import { amIAdminCard } from '../../cards/amIAdminCard.js';
import { domainStatusCard } from '../../cards/domainStatusCard.js';
import { literalText } from '../../cards/literalText.js';
import type { CardAttachment } from '../../cards/renderCard.js';
import { ticketChannelCard, ticketCreatedCard } from '../../cards/ticketCards.js';
import { failedPostsText } from '../../bot/jobs/ticketPostRetry.js';
import { stringsFor, type Strings } from '../../locales/strings.js';
import type { Language } from '../../services/models/intent.js';
import type { HelpdeskContact, Organization } from '../../services/models/organization.js';
import type { Ticket } from '../../services/models/ticket.js';
import { contoso } from '../helpers/fixtures.js';

const LANGUAGES: Language[] = ['en', 'nl'];

/** The ways to make text a link that hides where it goes, and what must still be seen of each. */
const DISGUISED = {
  inline: '[Reset your password](https://evil.example/phish)',
  reference: '[Reset your password][1]\n\n[1]: https://evil.example/phish',
  shortcutReference: '[Reset your password]\n\n[Reset your password]: https://evil.example/phish',
  html: '<a href="https://evil.example/phish">Reset your password</a>',
  autolink: '<https://evil.example/phish>',
} as const;

/**
 * Any link syntax a Markdown or HTML renderer would turn into a link: "](", "][", "]:", or a tag or autolink; except
 * the card's own brackets around an email address ("Lee Gu <lee@contoso.com>"), which show the address they go to.
 */
const LINK_SYNTAX = /\][([:]|<(?![\w.+-]+@[\w.-]+>)[A-Za-z/!?]/u;

/** Every string of the card a client shows: TextBlock texts, fact titles and values, button titles. */
function shownTexts(card: CardAttachment): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && ['text', 'title', 'value'].includes(key)) found.push(value);
        else walk(value);
      }
    }
  };
  walk(card.content);
  return found;
}

function expectNoLinkButEveryCharacter(texts: string[], typed: string): void {
  for (const text of texts) expect(text).not.toMatch(LINK_SYNTAX);
  const visible = texts.join('\n').replaceAll('\u200B', '');
  // Each line of what was typed is there, character for character, once the invisible breaks are taken out.
  for (const line of typed.split('\n').filter(Boolean)) expect(visible).toContain(line);
}

const contactTitled = (title: string): HelpdeskContact => ({ title, phone: '+31 20 123 4567', email: 'servicedesk@contoso.com', url: 'https://contoso.example/help' });
const contosoWith = (contact: HelpdeskContact, overrides: Partial<Organization> = {}): Organization => ({ ...contoso, helpdeskContact: contact, ...overrides });

const TICKET: Ticket = {
  id: 'HD-1001',
  requester: { userId: 'lee', name: 'Lee Gu', email: 'lee@contoso.com', conversation: {}, language: 'en' },
  orgId: contoso.id,
  question: 'my password stopped working',
  transcript: [],
  status: 'open',
  createdAt: '2026-12-07T09:00:00.000Z',
};

/** The cards that show an organization's helpdesk contact, as its members get them. */
function cardsShowingContact(t: Strings, contact: HelpdeskContact): CardAttachment[] {
  const organization = contosoWith(contact);
  return [
    adminAnswerCard(t, { kind: 'helpdeskContact', organization, contact, admins: organization.admins }),
    adminAnswerCard(t, { kind: 'microsoftAdmins', topic: 'general', roles: [{ role: 'globalAdministrator', holders: [{ id: 'u1', displayName: 'Megan Bowen', email: 'megan@contoso.com' }] }], organization }),
    domainStatusCard(t, { kind: 'member', domain: 'contoso.com', organization, source: 'directory' }),
    ticketCreatedCard(t, TICKET, true, organization),
  ];
}

describe.each(LANGUAGES)('text typed by an admin or a user, on the cards [%s]', (language) => {
  const t = stringsFor(language);

  it.each(Object.entries(DISGUISED))('shows a helpdesk contact title with a %s link as text, on every card that shows the contact', (_kind, title) => {
    for (const card of cardsShowingContact(t, contactTitled(title))) expectNoLinkButEveryCharacter(shownTexts(card), title);
  });

  it.each(Object.entries(DISGUISED))('shows the contact phone, address and web address as typed, with no %s link made of them', (_kind, typed) => {
    const contact: HelpdeskContact = { title: 'IT', phone: typed, email: typed, url: typed };
    for (const card of cardsShowingContact(t, contact)) expectNoLinkButEveryCharacter(shownTexts(card), typed);
  });

  it.each(Object.entries(DISGUISED))('shows names of people and organizations with a %s link as text', (_kind, typed) => {
    const organization = contosoWith(contactTitled('IT'), { displayName: `Contoso ${typed}`, admins: [{ name: typed, email: 'megan@contoso.com', since: '2026-01-05T09:00:00.000Z' }] });
    const cards = [
      adminAnswerCard(t, { kind: 'knownAdmins', organization, admins: organization.admins }),
      adminAnswerCard(t, { kind: 'microsoftAdmins', topic: 'general', roles: [{ role: 'globalAdministrator', holders: [{ id: 'u1', displayName: typed }] }], organization }),
      amIAdminCard(t, 'worldwide', { known: 'recordedOthers', org: organization.displayName, admins: [typed] }),
      amIAdminCard(t, 'worldwide', { known: 'microsoftNoRoles', admins: [typed] }),
      domainStatusCard(t, { kind: 'managedAtMicrosoft', domain: 'evil.example', brand: typed, federated: false, inYourTenant: false, source: 'microsoft' }),
      ticketChannelCard(t, { ...TICKET, requester: { ...TICKET.requester, name: typed }, status: 'assigned', assignee: { userId: 'kim', name: typed } }, organization),
    ];
    for (const card of cards) expectNoLinkButEveryCharacter(shownTexts(card), typed);
  });

  it('tells the admins about failed posts without a link in the organization name', () => {
    const organization = contosoWith(contactTitled('IT'), { displayName: DISGUISED.inline });
    const failing: Ticket = {
      ...TICKET,
      channelPostFailure: { problem: 'notInTeam', detail: '403 BotNotInConversationRoster', attempts: 3, firstFailedAt: TICKET.createdAt, lastFailedAt: TICKET.createdAt, nextAttemptAt: TICKET.createdAt },
    };
    expectNoLinkButEveryCharacter([failedPostsText(t, organization, [failing])], DISGUISED.inline);
  });
});

describe('literalText', () => {
  it('leaves text without link syntax as it is: brackets, angle brackets before a space or a digit, emphasis, bare addresses', () => {
    for (const text of ['see [1] and (2)', 'a < b > c', '3<4', '**bold** and _it_', 'https://contoso.example/help', 'Lee Gu <lee@contoso.com>'.replace('<', '< ')]) {
      expect(literalText(text)).toBe(text);
    }
  });
});
