/** The answer to "who is my admin?", for each kind of answer services/adminAnswer.ts can choose. */
import { format, type Strings } from '../locales/strings.js';
import type { AdminAnswer } from '../services/organizations/adminAnswer.js';
import { displayDomain, maskEmail } from '../services/signup/emailAddress.js';
import type { OrgAdmin } from '../services/models/organization.js';
import { adminFacts as namedAdminFacts, helpdeskContactFacts, maskedAdminFacts } from './contactFacts.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { takeoverButton } from './takeoverButton.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';

export type AnsweredAdminQuestion = Exclude<AdminAnswer, { kind: 'askOrgType' }>;

/**
 * @param masked The admins of an organization the user has not shown they belong to (they typed an address on
 * its domain): only their masked addresses (a***@contoso.com), as "my domain is already in use" shows them.
 */
export function adminAnswerCard(t: Strings, answer: AnsweredAdminQuestion, masked = false): CardAttachment {
  const s = t.whoIsMyAdmin;
  const adminFacts = (admins: readonly OrgAdmin[], org: string) =>
    masked ? maskedAdminFacts(t, org, admins.map((admin) => maskEmail(admin.email))) : namedAdminFacts(admins);
  switch (answer.kind) {
    case 'helpdeskContact': {
      const org = answer.organization.displayName;
      const paragraphs = [format(s.contactIntro, { org }), `**${answer.contact.title}**`];
      const facts = helpdeskContactFacts(t, answer.contact);
      if (answer.admins.length > 0) {
        facts.push(...(masked ? adminFacts(answer.admins, org) : [{ title: format(s.alsoAdmins, { org }), value: ' ' }, ...adminFacts(answer.admins, org)]));
      }
      return answerCard({ title: format(s.contactTitle, { org }), paragraphs, facts, note: s.why });
    }
    case 'knownAdmins': {
      const org = answer.organization.displayName;
      return answerCard({
        title: format(s.knownAdminsTitle, { org }),
        paragraphs: [format(answer.admins.length === 1 ? s.knownAdminsIntroOne : s.knownAdminsIntro, { org })],
        facts: adminFacts(answer.admins, org),
        note: s.why,
      });
    }
    case 'unmanaged': {
      const org = answer.organization.displayName;
      const domain = answer.organization.domains[0] ?? org;
      const shown = displayDomain(domain);
      return answerCard({
        title: format(s.unmanagedTitle, { org }),
        paragraphs: [format(s.unmanagedText, { org, domain: shown }), format(s.unmanagedBecome, { domain: shown })],
        actions: [{ ...(answer.organization.domains[0] ? takeoverButton(t, domain) : topicButton(t, 'takeover')), title: s.becomeAdmin }, topicButton(t, 'escalate')],
      });
    }
    case 'guidance': {
      const paragraphs = [s.guidance[answer.orgType], s.defaultRule, s.fallback, s.microsoftCannotTell];
      return answerCard({
        title: s.guidanceTitle,
        paragraphs,
        note: answer.remembered ? `${format(s.remembered, { orgType: t.orgTypes[answer.orgType] })} ${s.why}` : s.why,
        actions: [{ title: s.changeOrgType, data: { verb: VERBS.changeOrgType } }, topicButton(t, 'escalate')],
      });
    }
  }
}
