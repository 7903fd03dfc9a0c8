/** The answer to "who is my admin?", for each kind of answer services/adminAnswer.ts can choose. */
import { format, type Strings } from '../locales/strings.js';
import type { AdminAnswer } from '../services/adminAnswer.js';
import { displayDomain } from '../services/emailAddress.js';
import { adminFacts, helpdeskContactFacts } from './contactFacts.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { takeoverButton } from './takeoverButton.js';
import { topicButton } from './topicButtons.js';
import { VERBS } from './verbs.js';

export type AnsweredAdminQuestion = Exclude<AdminAnswer, { kind: 'askOrgType' }>;

export function adminAnswerCard(t: Strings, answer: AnsweredAdminQuestion): CardAttachment {
  const s = t.whoIsMyAdmin;
  switch (answer.kind) {
    case 'helpdeskContact': {
      const org = answer.organization.displayName;
      const paragraphs = [format(s.contactIntro, { org }), `**${answer.contact.title}**`];
      const facts = helpdeskContactFacts(t, answer.contact);
      if (answer.admins.length > 0) {
        facts.push({ title: format(s.alsoAdmins, { org }), value: ' ' }, ...adminFacts(answer.admins));
      }
      return answerCard({ title: format(s.contactTitle, { org }), paragraphs, facts, note: s.why });
    }
    case 'knownAdmins': {
      const org = answer.organization.displayName;
      return answerCard({
        title: format(s.knownAdminsTitle, { org }),
        paragraphs: [format(s.knownAdminsIntro, { org })],
        facts: adminFacts(answer.admins),
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
