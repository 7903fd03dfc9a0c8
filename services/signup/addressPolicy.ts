/**
 * Which addresses self-service signup accepts (docs/facts.md section 4): consumer email and internet-provider
 * addresses are refused, .gov and .mil go through a separate government enrolment, the rest are work or
 * school addresses.
 */
import { editDistance } from './editDistance.js';
import { readProjectText } from '../../lib/projectFiles.js';

export type AddressKind = 'work' | 'consumer' | 'government';

let consumerDomains: ReadonlySet<string> | undefined;

/** The maintained list in services/consumerDomains.txt, read once. */
function loadConsumerDomains(): ReadonlySet<string> {
  consumerDomains ??= new Set(
    readProjectText('services', 'signup', 'consumerDomains.txt')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line && !line.startsWith('#')),
  );
  return consumerDomains;
}

/** The domain of a work or school address; none for a personal mail service's or a government one. */
export function workDomainOf(domain: string | undefined): string | undefined {
  return domain && classifyAddressDomain(domain) === 'work' ? domain : undefined;
}

/** `domain` is already normalized (lower-case ASCII). */
export function classifyAddressDomain(domain: string): AddressKind {
  const labels = domain.split('.');
  const topLevel = labels[labels.length - 1];
  if (topLevel === 'gov' || topLevel === 'mil') return 'government';
  const listed = loadConsumerDomains();
  // The domain itself or any parent: mail.ziggo.nl is still Ziggo.
  for (let i = 0; i < labels.length - 1; i++) {
    if (listed.has(labels.slice(i).join('.'))) return 'consumer';
  }
  return 'work';
}

/**
 * The domain someone probably meant when `domain` is one or two keystrokes away from their own (their Teams
 * address's) or from a personal email service's: "contosso.com" for contoso.com, "gmial.com" for gmail.com.
 * Signing up with a mistyped domain creates an organization for it, so the preview asks.
 */
export function likelyMeantDomain(domain: string, ownDomain?: string): string | undefined {
  const consumer = loadConsumerDomains();
  if (domain === ownDomain || consumer.has(domain)) return undefined;
  const candidates = [...(ownDomain ? [ownDomain] : []), ...consumer];
  // Short domains are a keystroke apart from many real ones: only one mistake is read as a typo there.
  const allowed = domain.length >= 8 ? 2 : 1;
  return candidates.find((candidate) => candidate !== domain && editDistance(domain, candidate, allowed) <= allowed);
}
