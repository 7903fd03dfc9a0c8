/**
 * A takeover the bot cannot run: it knows no organization holding the domain. The steps of Microsoft's own
 * "Become the admin" wizard (docs/facts.md 6a), so the user can still take over an unmanaged organization there.
 */
import { format, type Strings } from '../locales/strings.js';
import { adminCenterUrl } from '../services/organizations/adminCenter.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import { answerCard, type CardAttachment } from './renderCard.js';
import { topicButton } from './topicButtons.js';

export function takeoverElsewhereCard(t: Strings, asciiDomain: string): CardAttachment {
  const s = t.takeover;
  const domain = displayDomain(asciiDomain);
  const url = adminCenterUrl('worldwide');
  return answerCard({
    title: format(s.elsewhereTitle, { domain }),
    paragraphs: [format(s.elsewhereIntro, { domain })],
    after: [...s.elsewhereSteps.map((step, i) => `${i + 1}. ${format(step, { domain, url })}`), s.elsewhereNoOption],
    actions: [topicButton(t, 'escalate')],
  });
}
