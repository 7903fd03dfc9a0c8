/** The answer to "who is my admin?", for each kind of answer services/adminAnswer.ts can choose. */
import { format, type Strings } from '../locales/strings.js';
import type { AdminAnswer, RoleHolders } from '../services/organizations/adminAnswer.js';
import { displayDomain, maskEmail } from '../services/signup/emailAddress.js';
import type { AdminTopic } from '../services/models/adminRoles.js';
import type { HelpdeskContact, OrgAdmin } from '../services/models/organization.js';
import { adminFacts as namedAdminFacts, contactInOneLine, contactTitleLine, helpdeskContactFacts, maskedAdminFacts, type Fact } from './contactFacts.js';
import { formatDate } from './formatDate.js';
import { answerCard, type AnswerCardData, type CardAttachment, type CardLink } from './renderCard.js';
import { takeoverButton } from './takeoverButton.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';
import { literalText } from './literalText.js';

export type AnsweredAdminQuestion = Exclude<AdminAnswer, { kind: 'askOrgType' }>;

/** People Microsoft lists that are shown in the facts; the rest are behind a toggle, so the answer stays a few lines. */
export const ADMINS_SHOWN = 5;

/**
 * @param masked The admins of an organization the user has not shown they belong to (they typed an address on
 * its domain): only their masked addresses (a***@contoso.com), as "my domain is already in use" shows them.
 * @param consentUrl Where the user's organization grants the bot's app consent to read its admins from Microsoft
 * (Graph answered "no consent" for the tenant they chat from): a short line and a link button for their admin.
 * @param unconfirmed Said first when the organization is known only from an address the user typed, which the
 * channel could not confirm ("I can't confirm that ... is yours, so ...").
 */
export function adminAnswerCard(t: Strings, answer: AnsweredAdminQuestion, masked = false, consentUrl?: string, unconfirmed?: string): CardAttachment {
  const answered = adminAnswerData(t, answer, masked);
  const data = unconfirmed ? { ...answered, paragraphs: [unconfirmed, ...answered.paragraphs] } : answered;
  if (!consentUrl) return answerCard(data);
  // What the consent lets the bot read is for the admin who grants it: behind "More", with the button in view.
  const details = data.details ?? { toggle: t.common.more, paragraphs: [] };
  return answerCard({ ...data, details: { ...details, paragraphs: [...details.paragraphs, consentLines(t)] }, links: [...(data.links ?? []), consentLink(t, consentUrl)] });
}

/** "I can name your admins straight from Microsoft once ..." with what the bot would read, as one short paragraph. */
export function consentLines(t: Strings): string {
  return `${t.microsoft.consent.line} ${t.microsoft.consent.what}`;
}

/** "Let the bot read your admins (for your Microsoft 365 admin)": the tenant's admin consent page. */
export function consentLink(t: Strings, consentUrl: string): CardLink {
  return { title: t.microsoft.consent.button, url: consentUrl };
}

function adminAnswerData(t: Strings, answer: AnsweredAdminQuestion, masked: boolean): AnswerCardData {
  const s = t.whoIsMyAdmin;
  const adminFacts = (admins: readonly OrgAdmin[], org: string) =>
    masked ? maskedAdminFacts(t, org, admins.map((admin) => maskEmail(admin.email))) : namedAdminFacts(admins);
  switch (answer.kind) {
    case 'microsoftAdmins':
      return microsoftAdminsData(t, answer.topic, answer.roles, answer.organization && literalText(answer.organization.displayName), answer.organization?.helpdeskContact);
    case 'helpdeskContact': {
      const org = literalText(answer.organization.displayName);
      const paragraphs = [format(s.contactIntro, { org }), contactTitleLine(answer.contact)];
      const facts = helpdeskContactFacts(t, answer.contact);
      if (answer.admins.length > 0) {
        facts.push(...(masked ? adminFacts(answer.admins, org) : [{ title: format(s.alsoAdmins, { org }), value: ' ' }, ...adminFacts(answer.admins, org)]));
      }
      return { title: format(s.contactTitle, { org }), paragraphs, facts, after: reportedAdmins(t, answer.admins, masked), details: whyAdmin(t) };
    }
    case 'knownAdmins': {
      const org = literalText(answer.organization.displayName);
      return {
        title: format(s.knownAdminsTitle, { org }),
        paragraphs: [format(answer.admins.length === 1 ? s.knownAdminsIntroOne : s.knownAdminsIntro, { org })],
        facts: adminFacts(answer.admins, org),
        after: reportedAdmins(t, answer.admins, masked),
        details: whyAdmin(t),
      };
    }
    case 'unmanaged': {
      const org = literalText(answer.organization.displayName);
      const domain = answer.organization.domains[0] ?? org;
      const shown = displayDomain(domain);
      return {
        title: format(s.unmanagedTitle, { org }),
        paragraphs: [format(s.unmanagedText, { org, domain: shown }), format(s.unmanagedBecome, { domain: shown })],
        // "Nobody administers it" is the helpdesk's record: Microsoft is asked when the user goes on to take it over.
        after: [t.microsoft.fromDirectory],
        actions: [{ ...(answer.organization.domains[0] ? takeoverButton(t, domain) : topicButton(t, 'takeover')), title: s.becomeAdmin }, topicButton(t, 'escalate')],
      };
    }
    case 'guidance': {
      // Whom to ask; whom when in doubt, who is an admin by default and why Microsoft can't tell are behind "More".
      // At a school, whom to ask depends on who asks: a student, or a teacher or staff member; both when not said.
      // Not said: both behind "More", so the answer stays a few lines.
      const school = answer.orgType !== 'school' ? [] : answer.schoolRole ? [answer.schoolRole === 'student' ? s.schoolStudent : s.schoolStaff] : [];
      const bothRoles = answer.orgType === 'school' && !answer.schoolRole ? [s.schoolStudent, s.schoolStaff] : [];
      const paragraphs = [s.guidance[answer.orgType], ...school];
      const orgType = t.orgTypes[answer.orgType];
      // A type guessed from the subscriptions is said to be a guess, with the button to change it right there.
      const how = answer.remembered ? format(s.remembered, { orgType }) : answer.inferred ? format(t.microsoft.admins.inferredOrgType, { orgType }) : undefined;
      return {
        title: s.guidanceTitle,
        paragraphs,
        details: { toggle: t.common.more, paragraphs: [...bothRoles, s.fallback, s.defaultRule, s.microsoftCannotTell, s.why] },
        ...(how ? { note: how } : {}),
        actions: [{ title: s.changeOrgType, data: { verb: VERBS.changeOrgType } }, topicButton(t, 'escalate')],
      };
    }
  }
}

/**
 * The people Microsoft Graph lists in the roles that matter, one fact each (a person in several roles once, with
 * every role): the first few, the rest behind a toggle; the organization's own helpdesk contact after them.
 */
function microsoftAdminsData(t: Strings, topic: AdminTopic, roles: readonly RoleHolders[], org?: string, contact?: HelpdeskContact): AnswerCardData {
  const a = t.microsoft.admins;
  const people = new Map<string, { name: string; email?: string; roles: string[] }>();
  for (const { role, holders } of roles) {
    for (const holder of holders) {
      const person = people.get(holder.id) ?? { name: literalText(holder.displayName ?? holder.email ?? holder.id), ...(holder.email ? { email: literalText(holder.email) } : {}), roles: [] };
      person.roles.push(t.microsoft.roles[role]);
      people.set(holder.id, person);
    }
  }
  const facts: Fact[] = [...people.values()].map((person) => ({ title: person.name, value: person.email ? `${person.email} (${person.roles.join(', ')})` : person.roles.join(', ') }));
  const shown = facts.slice(0, ADMINS_SHOWN);
  const rest = facts.slice(ADMINS_SHOWN);
  const contactText = contact ? contactInOneLine(contact) : undefined;
  return {
    title: org ? format(t.whoIsMyAdmin.knownAdminsTitle, { org }) : a.title,
    paragraphs: [a.intro[topic]],
    facts: shown,
    after: contactText && org ? [format(a.contact, { org, contact: contactText })] : [],
    // The toggle shows the other people, or else why one needs an admin.
    details: rest.length > 0 ? { toggle: format(a.more, { count: rest.length }), paragraphs: rest.map((fact) => `${fact.title}: ${fact.value}`) } : whyAdmin(t),
    actions: [topicButton(t, 'escalate')],
  };
}

/** Why one needs an admin, behind "More": the answer itself is who. */
function whyAdmin(t: Strings): NonNullable<AnswerCardData['details']> {
  return { toggle: t.common.more, paragraphs: [t.whoIsMyAdmin.why] };
}

/**
 * Admins recorded on their own word (a takeover they said they finished while Microsoft could not be asked) are
 * named as such: "Sam says they became the admin on 6 December 2026", never as a fact.
 */
function reportedAdmins(t: Strings, admins: readonly OrgAdmin[], masked: boolean): string[] {
  return admins
    .filter((admin) => admin.reportedByUser)
    .map((admin) => format(t.whoIsMyAdmin.reportedAdmin, { name: masked ? maskEmail(admin.email) : literalText(admin.name), date: formatDate(t, admin.since) }));
}
