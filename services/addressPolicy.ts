/**
 * Which addresses self-service signup accepts (DOMAIN.md section 4): consumer email and internet-provider
 * addresses are refused, .gov and .mil go through a separate government enrolment, the rest are work or
 * school addresses.
 */
import { readProjectText } from './projectFiles.js';

export type AddressKind = 'work' | 'consumer' | 'government';

let consumerDomains: ReadonlySet<string> | undefined;

/** The maintained list in services/consumerDomains.txt, read once. */
function loadConsumerDomains(): ReadonlySet<string> {
  consumerDomains ??= new Set(
    readProjectText('services', 'consumerDomains.txt')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line && !line.startsWith('#')),
  );
  return consumerDomains;
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
