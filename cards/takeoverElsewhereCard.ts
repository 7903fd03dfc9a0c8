/**
 * A takeover the bot cannot run: it knows no organization holding the domain. The steps of Microsoft's own
 * "Become the admin" wizard (docs/facts.md 6a), so the user can still take over an unmanaged organization there.
 */
import { format, type Strings } from '../locales/strings.js';
import { adminCenterUrl } from '../services/organizations/adminCenter.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { topicButton } from './topicButtons.js';
import { sourceLine } from './domainStatusCard.js';
import type { DomainSource } from '../services/organizations/domainStatus.js';

/**
 * @param address The requester's address as far as the bot knows it (from Teams, or given in chat), when it is not on
 * the domain: becoming the admin from inside needs an account there (docs/facts.md 6a step 1, 6d), so the card says
 * that first rather than offer a takeover they cannot do.
 * @param source Whether Microsoft was asked about the domain, or the helpdesk's records answered alone.
 */
export function takeoverElsewhereCard(t: Strings, asciiDomain: string, notOnDomain?: { address?: string }, source?: DomainSource): CardAttachment {
  const s = t.takeover;
  // Whether Microsoft was asked: "I don't know an organization that holds it" means more once Microsoft said so too.
  const after = source ? [sourceLine(t, source)] : undefined;
  const domain = displayDomain(asciiDomain);
  const url = adminCenterUrl('worldwide');
  if (notOnDomain) {
    const needs = notOnDomain.address ? format(s.elsewhereNeedsAccount, { domain, address: notOnDomain.address }) : format(s.elsewhereNeedsAccountUnknown, { domain });
    return answerCard({
      title: format(s.elsewhereTitle, { domain }),
      paragraphs: [format(s.elsewhereUnknown, { domain }), needs, format(s.elsewhereExternal, { domain })],
      ...(after ? { after } : {}),
      details: { toggle: format(s.elsewhereWithAccount, { domain }), paragraphs: [...s.elsewhereSteps.map((step, i) => `${i + 1}. ${format(step, { domain, url })}`), s.elsewhereNoOption] },
      actions: [topicButton(t, 'signup'), topicButton(t, 'escalate')],
    });
  }
  return answerCard({
    title: format(s.elsewhereTitle, { domain }),
    paragraphs: [format(s.elsewhereIntro, { domain })],
    ...(after ? { after } : {}),
    // The wizard's steps, as one list, behind "More": the answer is that Microsoft's wizard does it.
    details: { toggle: t.common.more, paragraphs: [...s.elsewhereSteps.map((step, i) => `${i + 1}. ${format(step, { domain, url })}`), s.elsewhereNoOption] },
    actions: [topicButton(t, 'escalate')],
  });
}
