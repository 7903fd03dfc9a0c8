/**
 * Email address and domain rules, shared by every flow and by the import: trim, lower-case,
 * internationalized domains to their ASCII (punycode) form, and a reason when something is not valid,
 * so the user can be told what to fix.
 */
import { domainToASCII, domainToUnicode } from 'node:url';

export type DomainProblem = 'empty' | 'tooLong' | 'spaces' | 'noDot' | 'invalid';
export type AddressProblem = DomainProblem | 'noAt' | 'localPart';

export type Parsed<T, P> = { ok: true; value: T } | { ok: false; problem: P };

export interface EmailAddress {
  /** Lower-case, with the domain in ASCII form: sara@xn--bcher-kva.nl. */
  address: string;
  domain: string;
}

/** Longest address a mailbox can have (RFC 5321 path limit less the angle brackets). */
const MAX_ADDRESS = 254;
const MAX_DOMAIN = 253;
const LOCAL_PART = /^(?!\.)(?!.*\.\.)[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** A top-level domain is letters (or punycode), never digits only: 10.0.0.1 is not a domain. */
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

export function parseDomain(text: string): Parsed<string, DomainProblem> {
  return parseHostName(withoutWebAddressParts(text.trim().toLowerCase()));
}

/** A domain as it stands (the part after an address's @). */
function parseHostName(text: string): Parsed<string, DomainProblem> {
  const trimmed = text.trim().toLowerCase().replace(/\.$/, '');
  if (!trimmed) return { ok: false, problem: 'empty' };
  if (/\s/.test(trimmed)) return { ok: false, problem: 'spaces' };
  if (trimmed.length > MAX_DOMAIN) return { ok: false, problem: 'tooLong' };
  if (!trimmed.includes('.')) return { ok: false, problem: 'noDot' };
  const ascii = domainToASCII(trimmed);
  if (!ascii) return { ok: false, problem: 'invalid' };
  if (ascii.length > MAX_DOMAIN) return { ok: false, problem: 'tooLong' };
  const labels = ascii.split('.');
  const valid = labels.every((label) => LABEL.test(label)) && TOP_LEVEL.test(labels[labels.length - 1] ?? '');
  return valid ? { ok: true, value: ascii } : { ok: false, problem: 'invalid' };
}

/**
 * A domain pasted as a web address ("https://www.contoso.nl/contact"): the scheme, port, path and a leading
 * "www." go, since a Microsoft 365 domain is the domain itself.
 */
function withoutWebAddressParts(text: string): string {
  const host = /^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#].*$/, '').replace(/:\d+$/, '') : text.replace(/\/$/, '');
  return host.replace(/^www\./, '');
}

export function parseEmailAddress(text: string): Parsed<EmailAddress, AddressProblem> {
  const trimmed = text.trim().toLowerCase().replace(/^mailto:/, '');
  if (!trimmed) return { ok: false, problem: 'empty' };
  if (/\s/.test(trimmed)) return { ok: false, problem: 'spaces' };
  if (trimmed.length > MAX_ADDRESS * 2) return { ok: false, problem: 'tooLong' };
  const at = trimmed.lastIndexOf('@');
  if (at === -1) return { ok: false, problem: 'noAt' };
  const local = trimmed.slice(0, at);
  if (!LOCAL_PART.test(local)) return { ok: false, problem: 'localPart' };
  const domain = parseHostName(trimmed.slice(at + 1));
  if (!domain.ok) return domain;
  const address = `${local}@${domain.value}`;
  if (address.length > MAX_ADDRESS) return { ok: false, problem: 'tooLong' };
  return { ok: true, value: { address, domain: domain.value } };
}

/** The lower-case ASCII domain of an address, or undefined when it is not an address. */
export function emailDomain(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const parsed = parseEmailAddress(address);
  return parsed.ok ? parsed.value.domain : undefined;
}

/** Lower-case ASCII form of a domain, or undefined when it is not a valid domain. */
export function normalizeDomain(domain: string): string | undefined {
  const parsed = parseDomain(domain);
  return parsed.ok ? parsed.value : undefined;
}

/** What a sentence holds that looks like an address, with what is wrong with the first try if none is valid. */
export function findEmailAddress(text: string): Parsed<EmailAddress, AddressProblem> | undefined {
  const all = [...words(text)];
  let firstProblem: AddressProblem | undefined;
  for (const [i, word] of all.entries()) {
    if (!word.includes('@')) continue;
    const parsed = parseEmailAddress(word);
    if (parsed.ok) return parsed;
    firstProblem ??= isSplitAddress(all, i) ? 'spaces' : parsed.problem;
  }
  return firstProblem ? { ok: false, problem: firstProblem } : undefined;
}

/** "sara@con toso.com" or "sara @contoso.com": the word with the @ is an address once joined with its neighbour. */
function isSplitAddress(all: readonly string[], i: number): boolean {
  const joined = [all.slice(i, i + 2), all.slice(Math.max(0, i - 1), i + 1)].filter((pair) => pair.length === 2).map((pair) => pair.join(''));
  return joined.some((candidate) => parseEmailAddress(candidate).ok);
}

/**
 * The domain a sentence is about: the first domain-looking word, or the domain of an address; but a subdomain of it
 * named later is the one asked about ("the parent company has contoso.com: can we add uk.contoso.com?").
 * Microsoft's own sites (admin.microsoft.com in "admin.microsoft.com says contoso.com is in use") are skipped.
 */
export function findDomain(text: string): string | undefined {
  const named: string[] = [];
  for (const word of words(text)) {
    const domain = domainOfWord(word);
    if (domain && !isMicrosoftSite(domain)) named.push(domain);
  }
  const first = named[0];
  return named.find((domain) => first !== undefined && domain.endsWith(`.${first}`)) ?? first;
}

/** The text with every address and domain taken out (for intent recognition), except Microsoft's own sites. */
export function withoutAddresses(text: string): string {
  return text.replace(WORD, (word) => {
    const bare = bareWord(word);
    if (bare.includes('@')) return ' ';
    const domain = domainOfWord(bare);
    // Microsoft's own sites stay: "admin.microsoft.com" says what the question is about.
    return domain && !isMicrosoftSite(domain) ? ' ' : word;
  });
}

/** Text longer than this is not searched: nobody types an address after 2,000 characters of prose. */
const MAX_SEARCHED = 2000;
/**
 * Characters that end an address or domain written in a sentence: spaces, brackets, quotes, separators.
 * A colon ends a word too (mailto:sara@contoso.com), except in a web address's "://", which keeps
 * https://contoso.com/admin one word so its host can be read.
 */
const WORD = /(?:[^\s<>()[\]{}"`,;:!?\u201C\u201D]|:\/\/)+/gu;

const MICROSOFT_SITES = ['microsoft.com', 'office.com', 'microsoftonline.com', 'cloud.microsoft', 'powerbi.com', 'office365.com', 'office.de'];

function isMicrosoftSite(domain: string): boolean {
  return MICROSOFT_SITES.some((site) => domain === site || domain.endsWith(`.${site}`));
}

/** The domain a word names: itself, the part after an @, or the host of a web address. */
function domainOfWord(word: string): string | undefined {
  const candidate = word.includes('@') ? word.slice(word.lastIndexOf('@') + 1) : (word.replace(/^https?:\/\//, '').split('/')[0] ?? '');
  return candidate.includes('.') ? normalizeDomain(candidate) : undefined;
}

/** A sentence's full stop or a quote around a word is not part of it ('sara@contoso.com'.); an apostrophe inside it is (o'brien@contoso.com). */
function bareWord(word: string): string {
  return word.replace(/^['\u2018\u2019]+/, '').replace(/['\u2018\u2019.]+$/, '');
}

function* words(text: string): Generator<string> {
  for (const match of text.slice(0, MAX_SEARCHED).matchAll(WORD)) {
    const word = bareWord(match[0]);
    if (word) yield word;
  }
}

/** Shows that an address exists without revealing it: a***@contoso.com. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

/** A domain as people read it: bücher.nl (xn--bcher-kva.nl) for an internationalized one, else unchanged. */
export function displayDomain(asciiDomain: string): string {
  if (!asciiDomain.split('.').some((label) => label.startsWith('xn--'))) return asciiDomain;
  const unicode = domainToUnicode(asciiDomain);
  return unicode && unicode !== asciiDomain ? `${unicode} (${asciiDomain})` : asciiDomain;
}
