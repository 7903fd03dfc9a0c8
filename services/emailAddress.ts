/** Email address and domain normalisation, shared by every flow that reads an address. */
import { domainToASCII } from 'node:url';

/** The lower-case ASCII domain of an address, or undefined when it is not an address. */
export function emailDomain(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at < 1 || at === trimmed.length - 1) return undefined;
  return normalizeDomain(trimmed.slice(at + 1));
}

/** Lower-case, IDN to punycode, no trailing dot; undefined when it is not a plausible domain. */
export function normalizeDomain(domain: string): string | undefined {
  const ascii = domainToASCII(domain.trim().toLowerCase().replace(/\.$/, ''));
  if (!ascii || ascii.length > 253 || !ascii.includes('.')) return undefined;
  const labels = ascii.split('.');
  const validLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
  return labels.every((label) => validLabel.test(label)) ? ascii : undefined;
}

/** Shows that an address exists without revealing it: a***@contoso.com. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
