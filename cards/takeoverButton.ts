/** "Take over contoso.com": starts the takeover of a domain's unmanaged organization; shared by the signup and domain answers. */
import { format, type Strings } from '../locales/strings.js';
import { displayDomain } from '../services/signup/emailAddress.js';
import type { CardButton } from './renderCard.js';
import { VERBS } from './verbs.js';

export function takeoverButton(t: Strings, asciiDomain: string): CardButton {
  return { title: format(t.domainInUse.takeOver, { domain: displayDomain(asciiDomain) }), data: { verb: VERBS.startTakeover, domain: asciiDomain } };
}
