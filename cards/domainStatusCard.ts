/** Who holds a domain, and what to do about it (docs/facts.md section 5). */
import { format, type Strings } from '../locales/strings.js';
import type { DomainStatus } from '../services/organizations/domainStatus.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import { adminFacts, helpdeskContactFacts, maskedAdminFacts } from './contactFacts.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { takeoverButton } from './takeoverButton.js';
import { topicButton } from './topicButtons.js';

export function domainStatusCard(t: Strings, status: DomainStatus): CardAttachment {
  const s = t.domainInUse;
  const domain = displayDomain(status.domain);
  switch (status.kind) {
    case 'unmanaged':
      return answerCard({
        title: format(s.unmanagedTitle, { domain }),
        paragraphs: [format(s.unmanagedText, { domain }), membersKnownText(t, status.members), format(s.unmanagedFix, { domain })],
        note: s.subdomainNote,
        actions: [takeoverButton(t, status.domain), topicButton(t, 'escalate')],
      });
    case 'managed': {
      const org = status.organization.displayName;
      const admins = status.maskedAdmins;
      return answerCard({
        title: format(s.managedTitle, { domain, org }),
        paragraphs: [format(s.managedText, { domain, org }), admins.length > 0 ? format(s.managedNext, { domain, org }) : format(s.managedNoAdmins, { org })],
        facts: maskedAdminFacts(t, org, admins),
        note: s.subdomainNote,
        actions: [topicButton(t, 'escalate')],
      });
    }
    case 'yours': {
      const org = status.organization.displayName;
      return answerCard({ title: format(s.yoursTitle, { domain }), paragraphs: [format(s.yoursText, { domain, org })], note: s.subdomainNote });
    }
    case 'member': {
      // Their own organization's admins are theirs to know: shown in full, as "who is my admin?" shows them.
      const { organization } = status;
      const contact = organization.helpdeskContact;
      return answerCard({
        title: format(s.memberTitle, { domain }),
        paragraphs: [format(s.memberText, { domain, org: organization.displayName }), ...(contact ? [`**${contact.title}**`] : [])],
        facts: contact ? helpdeskContactFacts(t, contact) : adminFacts(organization.admins),
        actions: [topicButton(t, 'escalate')],
      });
    }
    case 'subdomain':
      return answerCard({
        title: format(s.freeTitle, { domain }),
        paragraphs: [format(s.subdomainText, { domain, parent: displayDomain(status.parent), org: status.organization.displayName }), s.freeStillInUse],
        actions: [topicButton(t, 'escalate')],
      });
    case 'consumer':
      return answerCard({
        title: format(s.consumerTitle, { domain }),
        paragraphs: [format(s.consumerText, { domain }), `**${t.signup.trialTitle}** ${t.signup.trial}`],
        actions: [topicButton(t, 'escalate')],
      });
    case 'free':
      return answerCard({
        title: format(s.freeTitle, { domain }),
        paragraphs: [format(s.freeText, { domain }), s.freeStillInUse],
        note: s.subdomainNote,
        // The takeover of an organization the bot doesn't know: Microsoft's wizard, step by step.
        actions: [takeoverButton(t, status.domain), topicButton(t, 'escalate')],
      });
  }
}

/** How many of an organization's members the bot knows; none said so, not "Members I know of: 0". */
export function membersKnownText(t: Strings, count: number): string {
  return count === 0 ? t.domainInUse.unmanagedMembersNone : format(t.domainInUse.unmanagedMembers, { count });
}
