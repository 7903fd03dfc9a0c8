/**
 * Who is calling the tab's API: the Teams single sign-on token (Authorization: Bearer), checked against
 * Microsoft Entra ID's signing keys, or in local mode a development identity from this machine.
 * @remarks A tab token is believed when its signature matches a key of the configured key set, its audience
 * is the tab's (config.tabSso.audiences), it was issued by Entra ID for the tenant it names (`tid`), it is a
 * user's token (it has a delegated scope, `scp`) and it has not expired (a minute's clock skew allowed).
 * The development identity (`X-Dev-Identity: <email>`, optional `X-Dev-Tenant`) exists so the tab can be
 * tried without an Azure registration; it is honoured only without a MicrosoftAppId, only from a loopback
 * address and only for a loopback Host (a web page that rebinds its own name to 127.0.0.1 does not get it).
 */
import type { IncomingMessage } from 'node:http';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { parseEmailAddress } from '../../services/signup/emailAddress.js';
import type { Config } from '../app/config.js';
import type { Logger } from '../app/logger.js';

export interface TabIdentity {
  /** The Entra ID tenant (`tid`); from a development identity only when X-Dev-Tenant was sent. */
  tenantId?: string;
  /** The user's Entra ID object id (`oid`); absent for a development identity. */
  aadObjectId?: string;
  /** `preferred_username` (or `upn`), lower-case: the user's sign-in address. */
  email?: string;
  name?: string;
  /** Set only for the local-mode development identity, so logs and the audit trail can tell it apart. */
  development?: true;
}

export type TabAuthResult =
  | { ok: true; identity: TabIdentity }
  | { ok: false; status: 401 | 503; error: string; message: string };

export interface TabAuthenticator {
  authenticate(req: IncomingMessage): Promise<TabAuthResult>;
}

export const DEV_IDENTITY_HEADER = 'x-dev-identity';
export const DEV_TENANT_HEADER = 'x-dev-tenant';
const CLOCK_TOLERANCE_SECONDS = 60;
const JWKS_TIMEOUT_MS = 5000;

/** Errors that say the token is bad, as opposed to the key set being out of reach. */
const TOKEN_ERRORS = [
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWTInvalid,
  errors.JWSInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JWKSNoMatchingKey,
  // No `kid` while the key set has several keys: Entra ID's tokens always name their key.
  errors.JWKSMultipleMatchingKeys,
  errors.JOSEAlgNotAllowed,
  errors.JOSENotSupported,
];

export function createTabAuthenticator(config: Readonly<Config>, logger: Logger): TabAuthenticator {
  const { jwksUrl, audiences } = config.tabSso;
  const keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: JWKS_TIMEOUT_MS });
  let warnedAboutDevIdentity = false;

  const refuse = (message: string): TabAuthResult => ({ ok: false, status: 401, error: 'unauthorized', message });

  async function verifyToken(token: string): Promise<TabAuthResult> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        audience: [...audiences],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'iss', 'tid', 'oid'],
      }));
    } catch (error) {
      if (TOKEN_ERRORS.some((kind) => error instanceof kind)) {
        logger.info({ reason: (error as Error).message }, 'tab API: token refused');
        return refuse('The sign-in token is not valid.');
      }
      logger.error({ err: error, jwksUrl }, 'tab API: could not get the token signing keys');
      return { ok: false, status: 503, error: 'keys_unavailable', message: 'Sign-in cannot be checked right now; try again shortly.' };
    }
    const claims = userClaims(payload);
    if ('problem' in claims) {
      logger.info({ reason: claims.problem }, 'tab API: token refused');
      return refuse('The sign-in token is not valid.');
    }
    return { ok: true, identity: claims.identity };
  }

  function developmentIdentity(req: IncomingMessage, header: string): TabAuthResult {
    if (!config.localMode) return refuse('X-Dev-Identity is accepted only in local mode; sign in through Teams.');
    if (!isLoopbackAddress(req.socket.remoteAddress) || !isLoopbackHost(req.headers.host)) {
      return refuse('X-Dev-Identity is accepted only from this machine.');
    }
    const parsed = parseEmailAddress(header);
    if (!parsed.ok) return refuse('X-Dev-Identity must be an email address.');
    const tenant = single(req.headers[DEV_TENANT_HEADER])?.trim();
    if (!warnedAboutDevIdentity) {
      warnedAboutDevIdentity = true;
      logger.warn('tab API: accepting development identities (X-Dev-Identity) from this machine: local mode, never in production');
    }
    return { ok: true, identity: { email: parsed.value.address, ...(tenant ? { tenantId: tenant } : {}), development: true } };
  }

  return {
    async authenticate(req) {
      const authorization = single(req.headers.authorization);
      const devHeader = single(req.headers[DEV_IDENTITY_HEADER]);
      if (authorization === undefined && devHeader !== undefined) return developmentIdentity(req, devHeader);
      const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
      if (!token) return refuse('Sign in through Teams: send the tab token as "Authorization: Bearer <token>".');
      if (audiences.length === 0) return refuse('Tab sign-in is not configured (no MicrosoftAppId or TAB_SSO_AUDIENCE).');
      return verifyToken(token);
    },
  };
}

/**
 * The identity in a verified token's claims.
 * @remarks Entra ID issues v1 tokens as `https://sts.windows.net/<tid>/` and v2 as
 * `https://login.microsoftonline.com/<tid>/v2.0`; the issuer must be that of the token's own tenant, so a
 * key that signs for every tenant (the common key set) cannot vouch for a tenant the token does not name.
 */
export function userClaims(payload: JWTPayload): { identity: TabIdentity } | { problem: string } {
  const { tid, oid, iss, scp } = payload;
  if (typeof tid !== 'string' || !tid) return { problem: 'no tenant (tid)' };
  if (typeof oid !== 'string' || !oid) return { problem: 'no object id (oid)' };
  if (iss !== `https://login.microsoftonline.com/${tid}/v2.0` && iss !== `https://sts.windows.net/${tid}/`) {
    return { problem: `issuer "${String(iss)}" is not Entra ID for tenant ${tid}` };
  }
  if (typeof scp !== 'string' || !scp.trim()) return { problem: 'not a user token (no scp)' };
  const username = [payload.preferred_username, payload.upn].find((value): value is string => typeof value === 'string' && value.includes('@'));
  const email = username ? parseEmailAddress(username) : undefined;
  const name = typeof payload.name === 'string' && payload.name.trim() ? payload.name.trim() : undefined;
  return {
    identity: { tenantId: tid, aadObjectId: oid, ...(email?.ok ? { email: email.value.address } : {}), ...(name ? { name } : {}) },
  };
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1), as Node reports a socket's peer. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.replace(/^::ffff:/i, '');
  return address === '::1' || /^127(?:\.\d{1,3}){3}$/.test(ipv4);
}

function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name === 'localhost' || name === '[::1]' || isLoopbackAddress(name);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
