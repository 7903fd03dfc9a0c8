/**
 * Who holds a domain, and what to do about it (docs/facts.md sections 5 and 10), with where the answer comes from:
 * Microsoft (and, where the directory recorded it otherwise, that Microsoft shows it differently now), or the
 * helpdesk's records alone when Microsoft could not be asked.
 */
import { format, type Strings } from '../locales/strings.js';
import type { DomainSource, DomainStatus } from '../services/organizations/domainStatus.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import { adminFacts, contactTitleLine, helpdeskContactFacts, maskedAdminFacts } from './contactFacts.js';
import { literalText } from './literalText.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { takeoverButton } from './takeoverButton.js';
import { topicButton } from './topicButtons.js';

export function domainStatusCard(t: Strings, status: DomainStatus): CardAttachment {
  const s = t.domainInUse;
  const m = t.microsoft.domain;
  const domain = displayDomain(status.domain);
  if (status.kind === 'consumer') {
    return answerCard({
      title: format(s.consumerTitle, { domain }),
      paragraphs: [format(s.consumerText, { domain })],
      details: { toggle: t.common.more, paragraphs: [`**${t.signup.trialTitle}** ${t.signup.trial}`] },
      actions: [topicButton(t, 'escalate')],
    });
  }
  // What Microsoft shows that the records did not say comes first; where the answer comes from comes last.
  const differs = disagreementLines(t, status, domain);
  const where = [sourceLine(t, status)];
  const atMicrosoft = status.source === 'microsoft';
  switch (status.kind) {
    case 'unmanaged':
      return answerCard({
        title: format(s.unmanagedTitle, { domain }),
        paragraphs: [...differs, format(s.unmanagedText, { domain }), ...membersKnownText(t, status.members)],
        after: where,
        details: subdomainMore(t, format(s.unmanagedFix, { domain })),
        actions: [takeoverButton(t, status.domain), topicButton(t, 'escalate')],
      });
    case 'unmanagedAtMicrosoft':
      return answerCard({
        title: format(s.unmanagedTitle, { domain }),
        paragraphs: [...differs, format(m.unmanagedText, { domain })],
        after: where,
        details: subdomainMore(t, format(s.unmanagedFix, { domain })),
        // The takeover of an organization the directory does not know goes through Microsoft's own wizard; where the
        // records name another organization, the helpdesk sorts that out first.
        actions: differs.length === 0 ? [takeoverButton(t, status.domain), topicButton(t, 'escalate')] : [topicButton(t, 'escalate')],
      });
    case 'managed': {
      const org = status.organization.displayName;
      const admins = status.maskedAdmins;
      return answerCard({
        title: format(s.managedTitle, { domain, org }),
        paragraphs: [...differs, format(s.managedText, { domain, org }), ...(admins.length > 0 ? [] : [format(s.managedNoAdmins, { org })])],
        facts: maskedAdminFacts(t, org, admins),
        after: where,
        details: subdomainMore(t, ...(admins.length > 0 ? [format(s.managedNext, { domain, org })] : [])),
        actions: [topicButton(t, 'escalate')],
      });
    }
    case 'managedAtMicrosoft': {
      if (status.inYourTenant) {
        return answerCard({
          title: format(m.inYourTenantTitle, { domain }),
          paragraphs: [...differs, format(m.inYourTenantText, { domain })],
          after: where,
          actions: [topicButton(t, 'whoIsMyAdmin'), topicButton(t, 'escalate')],
        });
      }
      const org = status.brand && literalText(status.brand);
      return answerCard({
        title: org ? format(s.managedTitle, { domain, org }) : format(m.managedUnnamedTitle, { domain }),
        paragraphs: [...differs, org ? format(s.managedText, { domain, org }) : format(m.managedUnnamedText, { domain })],
        after: where,
        details: subdomainMore(t, org ? format(s.managedNoAdmins, { org }) : m.managedUnknownNext),
        actions: [topicButton(t, 'escalate')],
      });
    }
    case 'yours': {
      const org = status.organization.displayName;
      const text = status.onTheirWord ? s.yoursOnYourWordText : s.yoursText;
      return answerCard({ title: format(s.yoursTitle, { domain }), paragraphs: [...differs, format(text, { domain, org })], after: where, details: subdomainMore(t) });
    }
    case 'member': {
      // Their own organization's admins are theirs to know: shown in full, as "who is my admin?" shows them.
      const { organization } = status;
      const contact = organization.helpdeskContact;
      return answerCard({
        title: format(s.memberTitle, { domain }),
        paragraphs: [...differs, format(s.memberText, { domain, org: organization.displayName }), ...(contact ? [contactTitleLine(contact)] : [])],
        facts: contact ? helpdeskContactFacts(t, contact) : adminFacts(organization.admins),
        after: where,
        actions: [topicButton(t, 'escalate')],
      });
    }
    case 'subdomain':
      return answerCard({
        title: format(atMicrosoft ? m.freeTitle : s.freeTitle, { domain }),
        paragraphs: [...differs, format(s.subdomainText, { domain, parent: displayDomain(status.parent), org: status.organization.displayName })],
        after: where,
        details: { toggle: t.common.more, paragraphs: [atMicrosoft ? m.freeStillInUse : s.freeStillInUse] },
        actions: [topicButton(t, 'escalate')],
      });
    case 'free':
      if (atMicrosoft) {
        return answerCard({
          title: format(m.freeTitle, { domain }),
          paragraphs: [...differs, format(m.freeText, { domain }), m.freeStillInUse],
          after: where,
          details: subdomainMore(t),
          actions: [topicButton(t, 'escalate')],
        });
      }
      // The title says no organization the bot knows has it; what that means if Microsoft says otherwise is the answer.
      return answerCard({
        title: format(s.freeTitle, { domain }),
        paragraphs: [s.freeStillInUse],
        after: where,
        details: subdomainMore(t, format(s.freeText, { domain })),
        // The takeover of an organization the bot doesn't know: Microsoft's wizard, step by step.
        actions: [takeoverButton(t, status.domain), topicButton(t, 'escalate')],
      });
  }
}

/** Behind "More": what else there is to know (`first`), then the subdomain exception. */
function subdomainMore(t: Strings, ...first: string[]): { toggle: string; paragraphs: string[] } {
  return { toggle: t.common.more, paragraphs: [...first, t.domainInUse.subdomainNote] };
}

/** "Checked with Microsoft just now." or "From the helpdesk's records; Microsoft could not be asked just now." */
export function sourceLine(t: Strings, source: DomainSource): string {
  return source.source === 'microsoft' ? t.microsoft.checked : t.microsoft.fromDirectory;
}

/** "Microsoft shows contoso.com as managed now; my records had it under Contoso." when the records said otherwise. */
function disagreementLines(t: Strings, source: DomainSource, domain: string): string[] {
  if (source.source !== 'microsoft' || !source.disagreement) return [];
  const { shows, recorded } = source.disagreement;
  return [`**${format(t.microsoft.disagree[shows], { domain, org: recorded.displayName })}**`];
}

/**
 * How many of an organization's members the bot knows. Nothing when the count is not for this person to see (only
 * someone the channel places in the organization is told), nor when it is 0: the person reading is one of them, so
 * "none of its members have talked to me" would contradict them.
 */
export function membersKnownText(t: Strings, count: number | undefined): string[] {
  if (count === undefined || count === 0) return [];
  return [format(t.domainInUse.unmanagedMembers, { count })];
}
