/**
 * Which addresses self-service signup accepts (docs/facts.md section 4): consumer email and internet-provider
 * addresses are refused, .gov and .mil go through a separate government enrolment, the rest are work or
 * school addresses.
 */
import { editDistance } from './editDistance.js';
import { isPersonalMailDomain, TYPO_TARGETS } from './personalMailDomains.js';

export type AddressKind = 'work' | 'consumer' | 'government';

/** The domain of a work or school address; none for a personal mail service's or a government one. */
export function workDomainOf(domain: string | undefined): string | undefined {
  return domain && classifyAddressDomain(domain) === 'work' ? domain : undefined;
}

/** `domain` is already normalized (lower-case ASCII). */
export function classifyAddressDomain(domain: string): AddressKind {
  const labels = domain.split('.');
  const topLevel = labels[labels.length - 1];
  if (topLevel === 'gov' || topLevel === 'mil') return 'government';
  return isPersonalMailDomain(domain) ? 'consumer' : 'work';
}

/**
 * The domain someone probably meant when `domain` is one or two keystrokes away from their own (their Teams
 * address's) or from a well-known personal email service's: "contosso.com" for contoso.com, "gmaill.com" for
 * gmail.com. Signing up with a mistyped domain creates an organization for it, so the preview asks.
 * @remarks A known mail service is never read as a typo of another (yahoo.co.jp is not a mistyped yahoo.co.uk):
 * it is refused as what it is.
 */
export function likelyMeantDomain(domain: string, ownDomain?: string): string | undefined {
  if (domain === ownDomain || isPersonalMailDomain(domain)) return undefined;
  const candidates = [...(ownDomain ? [ownDomain] : []), ...TYPO_TARGETS];
  // Short domains are a keystroke apart from many real ones: only one mistake is read as a typo there.
  const allowed = domain.length >= 8 ? 2 : 1;
  return candidates.find((candidate) => candidate !== domain && editDistance(domain, candidate, allowed) <= allowed);
}
