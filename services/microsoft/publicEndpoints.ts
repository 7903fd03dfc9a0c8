/**
 * Microsoft's anonymous endpoints (docs/facts.md section 10): the realm endpoint (is a domain in use, by an
 * unmanaged or a managed organization) and a domain's OpenID configuration (which tenant holds it).
 * @remarks The domain is user input: only a valid domain name is ever put in a URL, and it is percent-encoded too.
 * The address asked about is synthetic (`PROBE_LOCAL_PART@domain`), never a real person's.
 */
import { domainToASCII } from 'node:url';
import type { DomainAtMicrosoft } from '../ports/microsoft.js';

/** The local part of the address the realm endpoint is asked about: no real mailbox, so no person is looked up. */
export const PROBE_LOCAL_PART = 'helpdesk-bot-probe';

const MAX_DOMAIN = 253;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** Letters or punycode, never digits only: 10.0.0.1 is not a domain. */
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The lower-case ASCII (punycode) form of a domain name, or undefined when the text is anything else (an address,
 * a URL, a path, an IP address, a single label): such text is never sent to Microsoft.
 * @remarks Stricter than `domainToASCII`, which drops what follows a `/` and decodes `%41`: letters, digits, marks,
 * hyphens and dots only, then the rules of DNS labels on the ASCII form.
 */
export function domainName(text: string): string | undefined {
  const trimmed = text.trim().toLowerCase().replace(/\.$/, '');
  if (!trimmed || trimmed.length > MAX_DOMAIN * 4 || /[^\p{L}\p{M}\p{N}.-]/u.test(trimmed)) return undefined;
  const ascii = domainToASCII(trimmed);
  if (!ascii || ascii.length > MAX_DOMAIN) return undefined;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || !TOP_LEVEL.test(labels[labels.length - 1]!)) return undefined;
  return ascii;
}

/** Whether the text is a GUID (tenant ids, object ids). */
export function isGuid(text: string): boolean {
  return GUID.test(text);
}

/** Why an answer could not be used, for the one log line (never a secret: no header, no token, no body beyond codes). */
export type Problem = string;
export type Read<T> = { ok: true; value: T } | { ok: false; problem: Problem };

export interface EndpointOptions {
  loginUrl: string;
  timeoutMs: number;
}

/** `GET {login}/common/userrealm/{probe}@{domain}?api-version=2.1`, read as Microsoft documents it. */
export async function askRealm(domain: string, options: EndpointOptions): Promise<Read<DomainAtMicrosoft>> {
  // As Microsoft's takeover article writes it, with the @ as it is (the domain is letters, digits, - and . only).
  const address = `${PROBE_LOCAL_PART}@${encodeURIComponent(domain)}`;
  const answer = await getJson(`${options.loginUrl}/common/userrealm/${address}?api-version=2.1`, options.timeoutMs);
  if (!answer.ok) return answer;
  if (answer.status !== 200) return { ok: false, problem: `HTTP ${answer.status}` };
  return readRealm(answer.body);
}

/**
 * The realm answer: `NameSpaceType` Unknown (no organization), `IsViral` true (an unmanaged organization),
 * Managed or Federated (a managed organization, `FederationBrandName` its display name).
 */
export function readRealm(body: unknown): Read<DomainAtMicrosoft> {
  if (!isRecord(body) || typeof body.NameSpaceType !== 'string') return { ok: false, problem: 'no NameSpaceType in the realm answer' };
  const brandName = typeof body.FederationBrandName === 'string' ? body.FederationBrandName.trim() : '';
  const brand = brandName ? { brand: brandName } : {};
  const kind = body.NameSpaceType;
  if (kind === 'Unknown') return { ok: true, value: { kind: 'unknown' } };
  if (body.IsViral === true) return { ok: true, value: { kind: 'unmanaged', ...brand } };
  if (kind === 'Managed') return { ok: true, value: { kind: 'managed', federated: false, ...brand } };
  if (kind === 'Federated') return { ok: true, value: { kind: 'managed', federated: true, ...brand } };
  return { ok: false, problem: `NameSpaceType "${kind.slice(0, 40)}" is not one the bot knows` };
}

/**
 * `GET {login}/{domain}/v2.0/.well-known/openid-configuration`: the tenant id in its `issuer` (or `token_endpoint`);
 * undefined when Microsoft answers 400 AADSTS90002 (no tenant holds the domain).
 */
export async function askTenant(domain: string, options: EndpointOptions): Promise<Read<string | undefined>> {
  const answer = await getJson(`${options.loginUrl}/${encodeURIComponent(domain)}/v2.0/.well-known/openid-configuration`, options.timeoutMs);
  if (!answer.ok) return answer;
  if (answer.status === 400 && answer.text.includes('AADSTS90002')) return { ok: true, value: undefined };
  if (answer.status !== 200) return { ok: false, problem: `HTTP ${answer.status}${aadstsCode(answer.text)}` };
  if (!isRecord(answer.body)) return { ok: false, problem: 'the OpenID configuration is not a JSON object' };
  const tenantId = tenantInUrl(answer.body.issuer) ?? tenantInUrl(answer.body.token_endpoint);
  return tenantId ? { ok: true, value: tenantId } : { ok: false, problem: 'no tenant id in the OpenID configuration' };
}

/** The GUID among a URL's path segments: `https://login.microsoftonline.com/{tid}/v2.0`. */
function tenantInUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.pathname.split('/').find(isGuid)?.toLowerCase();
}

/** ` (AADSTS90002)`: the error code of a Microsoft sign-in error, the one part of its text worth logging. */
export function aadstsCode(text: string): string {
  const code = /AADSTS\d{4,8}/.exec(text)?.[0];
  return code ? ` (${code})` : '';
}

type Fetched = { ok: true; status: number; text: string; body: unknown } | { ok: false; problem: Problem };

/** A GET with a timeout, no redirects followed, and the body read as JSON when it is JSON (undefined otherwise). */
async function getJson(url: string, timeoutMs: number): Promise<Fetched> {
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      if (response.status === 200) return { ok: false, problem: `HTTP 200 with a body that is not JSON (${response.headers.get('content-type') ?? 'no content type'})` };
    }
    return { ok: true, status: response.status, text, body };
  } catch (error) {
    return { ok: false, problem: networkProblem(error, timeoutMs) };
  }
}

/** A fetch failure in a few words: a timeout, or the network error's code (`ECONNREFUSED`, a certificate error). */
export function networkProblem(error: unknown, timeoutMs: number): Problem {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure?.name === 'TimeoutError' || failure?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = failure?.cause?.code ?? failure?.cause?.message;
  return `network error: ${cause ?? failure?.message ?? String(error)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
