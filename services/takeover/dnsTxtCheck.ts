/**
 * Looks up the TXT record that proves a person controls a domain in an admin takeover (docs/facts.md 6c), with the
 * value Microsoft showed them, and when it is not right, says what is wrong with it in a way the bot can turn into
 * one concrete fix.
 * @remarks
 * Matching is tolerant because DNS hosts store the same value in different shapes: a long value comes back
 * as several strings (joined here), some hosts keep quotes typed into the value field, and a pasted value
 * can pick up spaces or another case. The question we answer is "is the record Microsoft asked for visible?";
 * Microsoft's own verify step stays the final word.
 *
 * The two wrong hosts are the mistakes people actually make with the host field: most DNS hosts append the
 * domain to whatever is typed there, so typing the full domain creates `contoso.com.contoso.com`; and `www`
 * is the one name people know. Finding the value there turns "no record" into "move it to @".
 *
 * The value is a secret of the takeover in progress: nothing here logs it, and outcomes never carry it.
 */
import { Resolver } from 'node:dns/promises';
import { isIPv4, isIPv6 } from 'node:net';
import { editDistance } from '../signup/editDistance.js';
import { isExampleTxtValue } from '../models/takeoverRequest.js';

/** `exampleValue`: the record holds MS=ms12345678, the instructions' example, rather than the value Microsoft showed. */
export type TxtMistake = 'spaces' | 'missingPrefix' | 'typo' | 'exampleValue' | 'otherToken' | 'spfInstead';

export type TxtCheckOutcome =
  /** The value is visible at the domain. */
  | { kind: 'found' }
  /** NXDOMAIN, or no TXT at the domain. */
  | { kind: 'noRecord' }
  /** TXT records at the domain, none is the value. */
  | { kind: 'wrongValue'; found: string[]; mistakes: TxtMistake[] }
  /** The value sits at a common wrong host instead. */
  | { kind: 'wrongHost'; host: string }
  | { kind: 'dnsFailure'; reason: 'timeout' | 'servfail' | 'refused' | 'other' };

export interface TxtChecker {
  check(domain: string, value: string): Promise<TxtCheckOutcome>;
}

export interface DnsTxtCheckerOptions {
  /** `ip` or `ip:port` (IPv6 as `[::1]:53`); the system resolvers when left out. */
  servers?: readonly string[];
  /** Time for the first try; the resolver waits longer on later tries. */
  timeoutMs?: number;
  tries?: number;
}

type DnsFailureReason = Extract<TxtCheckOutcome, { kind: 'dnsFailure' }>['reason'];
type Lookup = { kind: 'records'; values: string[] } | { kind: 'failure'; reason: DnsFailureReason };

/**
 * A person is waiting in the chat: with these, Node 20's c-ares gives up on a silent resolver after about 5 s
 * (measured), where the system defaults take several times longer.
 */
const DEFAULT_TIMEOUT_MS = 2000;
const DEFAULT_TRIES = 2;
const TOKEN_PREFIX = 'ms=';
const SPF_PREFIX = 'v=spf1';
const MAX_FOUND = 5;
const MAX_FOUND_LENGTH = 100;
/** Longest domain name in presentation form (RFC 1035); a doubled long domain can exceed it. */
const MAX_NAME_LENGTH = 253;
/** An absent name and a name without TXT are the same answer to the person: the record is not there. */
const NO_RECORD_CODES = new Set(['ENOTFOUND', 'ENODATA']);
const FAILURE_REASONS: ReadonlyMap<string, DnsFailureReason> = new Map([
  ['ETIMEOUT', 'timeout'],
  ['ESERVFAIL', 'servfail'],
  ['EREFUSED', 'refused'],
]);
/** Straight and typographic quotes: a value copied from a document or chat can carry either. */
const SURROUNDING_QUOTES = /^["'\u2018\u2019\u201C\u201D]+|["'\u2018\u2019\u201C\u201D]+$/g;

export class DnsTxtChecker implements TxtChecker {
  private readonly resolver: Resolver;

  constructor(options: DnsTxtCheckerOptions = {}) {
    this.resolver = new Resolver({ timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, tries: options.tries ?? DEFAULT_TRIES });
    if (options.servers) {
      if (options.servers.length === 0) {
        throw new Error('DnsTxtChecker: servers is empty; leave it out to use the system resolvers');
      }
      this.resolver.setServers([...options.servers]);
    }
  }

  /** `domain` is the domain being taken over; `value` the value Microsoft showed (`MS=ms` and 8 digits). */
  async check(domain: string, value: string): Promise<TxtCheckOutcome> {
    const name = domain.trim().toLowerCase().replace(/\.$/, '');
    const wanted = compact(value);
    if (!name) throw new Error('DnsTxtChecker.check(): empty domain');
    if (!wanted) throw new Error(`DnsTxtChecker.check(): empty value for "${name}"`);

    const lookup = await this.lookup(name);
    if (lookup.kind === 'failure') return { kind: 'dnsFailure', reason: lookup.reason };
    // Exactly the value (quotes and case aside): Microsoft would not accept it with a space inside either.
    const exact = exactForm(value);
    if (lookup.values.some((published) => exactForm(published) === exact)) return { kind: 'found' };

    const wrongHost = await this.findAtWrongHost(name, wanted);
    if (wrongHost) return { kind: 'wrongHost', host: wrongHost };
    if (lookup.values.length === 0) return { kind: 'noRecord' };
    return {
      kind: 'wrongValue',
      found: lookup.values.slice(0, MAX_FOUND).map((published) => Array.from(published).slice(0, MAX_FOUND_LENGTH).join('')),
      mistakes: mistakesIn(lookup.values, wanted),
    };
  }

  /** The TXT values at `name` for display (chunks joined, quotes stripped, trimmed). DNS outcomes never throw. */
  private async lookup(name: string): Promise<Lookup> {
    try {
      const records = await this.resolver.resolveTxt(name);
      return { kind: 'records', values: records.map((chunks) => stripQuotes(fromLatin1(chunks.join('')))) };
    } catch (error) {
      // Only resolver errors carry a code; anything else is a bug here and should surface.
      if (!hasCode(error)) throw error;
      if (NO_RECORD_CODES.has(error.code)) return { kind: 'records', values: [] };
      return { kind: 'failure', reason: FAILURE_REASONS.get(error.code) ?? 'other' };
    }
  }

  /**
   * The first wrong host holding the value, in the order the hosts are listed.
   * @remarks This is only a hint on top of an answer we already have, so a wrong host that cannot be
   * resolved counts as not holding the value rather than turning that answer into a DNS failure.
   */
  private async findAtWrongHost(name: string, wanted: string): Promise<string | undefined> {
    const hosts = [`${name}.${name}`, `www.${name}`].filter((host) => host.length <= MAX_NAME_LENGTH);
    const lookups = await Promise.all(hosts.map((host) => this.lookup(host)));
    return hosts.find((_host, index) => {
      const lookup = lookups[index];
      return lookup?.kind === 'records' && lookup.values.some((value) => compact(value) === wanted);
    });
  }
}

/**
 * Checks a DNS_SERVERS value: comma-separated `ip` or `ip:port` entries, IPv6 as `::1`, `[::1]` or
 * `[::1]:53`. The problem text names the first bad entry.
 */
export function parseDnsServers(value: string): { servers: string[] } | { problem: string } {
  const entries = value.split(',').map((entry) => entry.trim());
  const servers: string[] = [];
  for (const [index, entry] of entries.entries()) {
    if (!entry) {
      return { problem: `DNS_SERVERS entry ${index + 1} is empty (expected ip or ip:port, comma-separated)` };
    }
    const problem = serverProblem(entry);
    if (problem) return { problem: `DNS_SERVERS entry "${entry}" ${problem}` };
    servers.push(entry);
  }
  return { servers };
}

/** What is wrong with one server entry, or undefined when it is fine. */
function serverProblem(entry: string): string | undefined {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    if (!isIPv6(bracketed[1] ?? '')) return 'is not an IPv6 address inside [ ]';
    return bracketed[2] === undefined ? undefined : portProblem(bracketed[2]);
  }
  if (isIPv6(entry)) return undefined;
  const [host = '', port, ...rest] = entry.split(':');
  if (rest.length > 0) return 'is not an IP address (write an IPv6 address with a port as [::1]:53)';
  if (!isIPv4(host)) return 'is not an IP address (host names are not accepted: use ip or ip:port)';
  return port === undefined ? undefined : portProblem(port);
}

function portProblem(port: string): string | undefined {
  const number = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
  return number >= 1 && number <= 65535 ? undefined : `has port "${port}", which is not a number from 1 to 65535`;
}

/**
 * Node hands over TXT bytes as latin1 characters, while DNS hosts store text as UTF-8 (a typographic quote
 * pasted from a document arrives as three characters). Chunks are joined first, since a character can span
 * two of them. A value that is not valid UTF-8, or was already decoded, is kept as it is.
 */
function fromLatin1(value: string): string {
  if (!/[\u0080-\u00FF]/.test(value) || /[^\u0000-\u00FF]/.test(value)) return value;
  const decoded = Buffer.from(value, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? value : decoded;
}

/** The tolerant comparison form: quotes stripped, all whitespace removed, lower case. */
/** A value as DNS hosts may show it: surrounding quotes and spaces aside, in any case. */
function exactForm(value: string): string {
  return stripQuotes(value).toLowerCase();
}

/** A value with every space taken out, to recognize the value in what someone typed with spaces. */
function compact(value: string): string {
  return stripQuotes(value).replace(/\s+/g, '').toLowerCase();
}

function stripQuotes(value: string): string {
  return value.trim().replace(SURROUNDING_QUOTES, '').trim();
}

/** Edits (a character missing, extra, wrong, or two swapped) that still read as this request's value. */
const MAX_TYPO_EDITS = 2;

/** The likely mistakes behind TXT values that are not the value, in a fixed order. */
function mistakesIn(values: readonly string[], wanted: string): TxtMistake[] {
  const compacted = values.map(compact);
  const mistakes: TxtMistake[] = [];
  if (compacted.includes(wanted)) mistakes.push('spaces');
  if (wanted.startsWith(TOKEN_PREFIX) && compacted.includes(wanted.slice(TOKEN_PREFIX.length))) {
    mistakes.push('missingPrefix');
  }
  // The instructions' example copied into the record is neither an older value nor a typo of this one.
  const example = compacted.filter((value) => isExampleTxtValue(value) && value !== wanted);
  const otherTokens = compacted.filter((value) => value.startsWith(TOKEN_PREFIX) && value.length > TOKEN_PREFIX.length && value !== wanted && !example.includes(value));
  // A digit missing or two swapped is this value mistyped, not an older challenge's.
  const mistyped = otherTokens.filter((value) => editDistance(value, wanted, MAX_TYPO_EDITS) <= MAX_TYPO_EDITS);
  if (mistyped.length > 0) mistakes.push('typo');
  if (example.length > 0) mistakes.push('exampleValue');
  if (otherTokens.length > mistyped.length) mistakes.push('otherToken');
  if (compacted.length > 0 && compacted.every((value) => value.startsWith(SPF_PREFIX))) {
    mistakes.push('spfInstead');
  }
  return mistakes;
}

function hasCode(error: unknown): error is { code: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}
