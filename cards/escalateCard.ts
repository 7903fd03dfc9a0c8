/** "Talk to a person": the organization's own helpdesk or admins when the directory knows them. */
import { format, type Strings } from '../locales/strings.js';
import type { Organization } from '../services/organization.js';
import { adminFacts, helpdeskContactFacts } from './contactFacts.js';
import { answerCard, type CardAttachment } from './renderCard.js';

/** Undefined when the directory knows no contact: the caller then helps find the admin instead. */
export function escalateCard(t: Strings, organization: Organization | undefined): CardAttachment | undefined {
  const s = t.escalate;
  if (organization?.helpdeskContact) {
    const contact = organization.helpdeskContact;
    return answerCard({
      title: s.title,
      paragraphs: [format(s.withContact, { title: `**${contact.title}**` })],
      facts: helpdeskContactFacts(t, contact),
    });
  }
  if (organization && organization.admins.length > 0) {
    return answerCard({
      title: s.title,
      paragraphs: [format(s.withAdmins, { org: organization.displayName })],
      facts: adminFacts(organization.admins),
    });
  }
  return undefined;
}
