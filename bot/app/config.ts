/**
 * Configuration, read once from the environment into a typed, frozen object.
 * @remarks The only module that reads process.env (besides the SDK's own authentication, which gets the
 * same variables passed in). Every setting remembers whether it came from the environment or a default,
 * so start-up can log where each came from without ever logging a secret.
 */
import { isIP } from 'node:net';
import { parseDnsServers } from '../../services/takeover/dnsTxtCheck.js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export interface BotAuthSettings {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType?: string;
  MicrosoftAppTenantId?: string;
}

export interface Config {
  port: number;
  /**
   * The address the server listens on (HOST). Local mode has no authentication, so it listens on 127.0.0.1 unless
   * HOST says otherwise; with an app id, undefined: every interface.
   */
  host?: string;
  /** No app id: local mode, no authentication (Bot Framework Emulator, `npm run chat`). */
  localMode: boolean;
  auth: Readonly<BotAuthSettings>;
  dbFile: string;
  /** PostgreSQL for every store (several instances on one database); unset: the embedded file, DB_FILE. */
  databaseUrl?: string;
  logLevel: LogLevel;
  nluConfidenceThreshold: number;
  /** Requests larger than this are refused with 413 before they are read. */
  maxBodyBytes: number;
  /** Resolvers for the takeover's TXT check (`ip` or `ip:port`); undefined: the system's. */
  dnsServers?: readonly string[];
  /** How often pending takeovers that asked for it are checked again. */
  takeoverRecheckSeconds: number;
  /** Tickets older than this many days lose their conversation transcript (privacy). */
  ticketRetentionDays: number;
  /** Conversation state nobody wrote for this many days is dropped (CONVERSATION_TTL_DAYS); user state stays. */
  conversationTtlDays: number;
  /** The flood guard (bot/floodGuard.ts): turns one user may take per window; 0 turns it off. */
  userTurnLimit: number;
  userTurnWindowSeconds: number;
  /** The speed overrides of SDK behaviour (bot/runtime/sdkTuning): SDK_TUNING `on` (default) or `off`. */
  sdkTuning: boolean;
  /** The Teams tab's single sign-on (bot/tabAuth.ts). */
  tabSso: Readonly<TabSsoSettings>;
  /** Asking Microsoft itself about organizations (services/microsoft, docs/facts.md section 10). */
  microsoft: Readonly<MicrosoftSettings>;
  /** Where each setting came from, for the start-up log; secrets are never included. */
  sources: Readonly<Record<string, 'env' | 'default'>>;
}

export interface TabSsoSettings {
  /** Where the token signing keys are: TAB_SSO_JWKS_URL, by default Microsoft Entra ID's. */
  jwksUrl: string;
  /**
   * The audiences a tab token may have: TAB_SSO_AUDIENCE (comma-separated), by default the tab's Application
   * ID URI `api://<PUBLIC_HOSTNAME or localhost>/<MicrosoftAppId>` (v1 tokens) and the app id itself (v2
   * tokens). Empty in local mode without TAB_SSO_AUDIENCE: then only the development identity is accepted.
   */
  audiences: readonly string[];
}

export interface MicrosoftSettings {
  /** MICROSOFT_LOGIN_URL: the realm endpoint, OpenID configurations and tokens; an https origin, no trailing slash. */
  loginUrl: string;
  /** MICROSOFT_GRAPH_URL: Microsoft Graph; an https origin, no trailing slash. */
  graphUrl: string;
  /** MICROSOFT_LOOKUPS: `on` (default) asks Microsoft; `off` asks nothing (air-gapped deployments, in-process tests). */
  lookups: 'on' | 'off';
  /** GRAPH_CLIENT_ID, by default MicrosoftAppId: the app registration Graph is asked as. */
  clientId?: string;
  /** GRAPH_CLIENT_SECRET, by default MicrosoftAppPassword. Never logged. */
  clientSecret?: string;
}

export const MICROSOFT_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';
export const MICROSOFT_LOGIN_URL = 'https://login.microsoftonline.com';
export const MICROSOFT_GRAPH_URL = 'https://graph.microsoft.com';

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): Readonly<Config> {
  const sources: Record<string, 'env' | 'default'> = {};
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    sources[name] = value ? 'env' : 'default';
    return value || undefined;
  };
  const number = (name: string, fallback: number, valid: (n: number) => boolean, rule: string): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || !valid(value)) {
      problems.push(`${name}="${raw}" must be ${rule}`);
      return fallback;
    }
    return value;
  };

  const port = number('PORT', 3978, (n) => Number.isInteger(n) && n >= 0 && n < 65536, 'a port number (0-65535)');
  const host = read('HOST');
  if (host !== undefined && isIP(host.replace(/^\[(.*)\]$/, '$1')) === 0 && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host)) {
    problems.push(`HOST="${host}" must be an address or host name to listen on, such as 127.0.0.1 or 0.0.0.0`);
  }
  const nluConfidenceThreshold = number('NLU_CONFIDENCE_THRESHOLD', 0.4, (n) => n >= 0 && n <= 1, 'between 0 and 1');
  const takeoverRecheckSeconds = number('TAKEOVER_RECHECK_SECONDS', 300, (n) => Number.isInteger(n) && n >= 1 && n <= 86_400, 'a whole number of seconds from 1 to 86400');
  const ticketRetentionDays = number('TICKET_RETENTION_DAYS', 90, (n) => Number.isInteger(n) && n >= 1 && n <= 3650, 'a whole number of days from 1 to 3650');
  const conversationTtlDays = number('CONVERSATION_TTL_DAYS', 30, (n) => Number.isInteger(n) && n >= 1 && n <= 3650, 'a whole number of days from 1 to 3650');
  const userTurnLimit = number('USER_TURN_LIMIT', 30, (n) => Number.isInteger(n) && n >= 0 && n <= 100_000, 'a whole number from 0 (off) to 100000');
  const userTurnWindowSeconds = number('USER_TURN_WINDOW_SECONDS', 10, (n) => Number.isInteger(n) && n >= 1 && n <= 3600, 'a whole number of seconds from 1 to 3600');
  const rawDns = read('DNS_SERVERS');
  const dns = rawDns === undefined ? undefined : parseDnsServers(rawDns);
  if (dns && 'problem' in dns) problems.push(dns.problem);
  const rawLevel = read('LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!LOG_LEVELS.includes(rawLevel as LogLevel)) problems.push(`LOG_LEVEL="${rawLevel}" must be one of ${LOG_LEVELS.join(', ')}`);
  const rawTuning = read('SDK_TUNING')?.toLowerCase() ?? 'on';
  if (rawTuning !== 'on' && rawTuning !== 'off') problems.push(`SDK_TUNING="${rawTuning}" must be on or off`);
  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/./i.test(databaseUrl)) {
    // Not echoed: a connection string may hold a password.
    problems.push('DATABASE_URL must be a PostgreSQL connection string: postgres://user:password@host:5432/database');
  }
  const auth: BotAuthSettings = {
    MicrosoftAppId: read('MicrosoftAppId'),
    MicrosoftAppPassword: read('MicrosoftAppPassword'),
    MicrosoftAppType: read('MicrosoftAppType'),
    MicrosoftAppTenantId: read('MicrosoftAppTenantId'),
  };
  const tabSso = readTabSso(read, auth.MicrosoftAppId, problems);
  const microsoft = readMicrosoft(read, auth, problems);
  if (problems.length > 0) throw new Error(`Configuration: ${problems.join('; ')}`);

  return Object.freeze({
    port,
    // Without authentication, only this machine may talk to the bot unless the operator says otherwise.
    ...(host || !auth.MicrosoftAppId ? { host: host?.replace(/^\[(.*)\]$/, '$1') ?? '127.0.0.1' } : {}),
    localMode: !auth.MicrosoftAppId,
    auth: Object.freeze(auth),
    dbFile: read('DB_FILE') ?? '.data/helpdesk.json',
    ...(databaseUrl ? { databaseUrl } : {}),
    logLevel: rawLevel as LogLevel,
    nluConfidenceThreshold,
    maxBodyBytes: 256 * 1024,
    ...(dns && 'servers' in dns ? { dnsServers: Object.freeze(dns.servers) } : {}),
    takeoverRecheckSeconds,
    ticketRetentionDays,
    conversationTtlDays,
    userTurnLimit,
    userTurnWindowSeconds,
    sdkTuning: rawTuning === 'on',
    tabSso: Object.freeze({ ...tabSso, audiences: Object.freeze(tabSso.audiences) }),
    microsoft: Object.freeze(microsoft),
    sources: Object.freeze(sources),
  });
}

/**
 * @remarks The signing keys decide whose tokens are believed, so they are fetched over https; plain http is
 * allowed only on loopback (tests and local key servers).
 */
function readTabSso(read: (name: string) => string | undefined, appId: string | undefined, problems: string[]): TabSsoSettings {
  const jwksUrl = read('TAB_SSO_JWKS_URL') ?? MICROSOFT_JWKS_URL;
  let parsed: URL | undefined;
  try {
    parsed = new URL(jwksUrl);
  } catch {
    parsed = undefined;
  }
  const loopback = parsed !== undefined && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (!parsed || !(parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback))) {
    problems.push(`TAB_SSO_JWKS_URL="${jwksUrl}" must be an https:// address (http:// only on localhost)`);
  }
  const hostname = read('PUBLIC_HOSTNAME');
  if (hostname !== undefined && !/^[a-z0-9.-]+(?::\d{1,5})?$/i.test(hostname)) {
    problems.push(`PUBLIC_HOSTNAME="${hostname}" must be a host name such as bot.contoso.com, without https:// or a path`);
  }
  const configured = read('TAB_SSO_AUDIENCE')
    ?.split(',')
    .map((audience) => audience.trim())
    .filter(Boolean);
  const audiences = configured ?? (appId ? [`api://${hostname ?? 'localhost'}/${appId}`, appId] : []);
  return { jwksUrl, audiences };
}

/**
 * @remarks Microsoft is always asked over https (tests use https stubs too); GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET
 * fall back to the bot's own app registration, so their sources say `default` then.
 */
function readMicrosoft(read: (name: string) => string | undefined, auth: BotAuthSettings, problems: string[]): MicrosoftSettings {
  const loginUrl = readHttpsOrigin(read, 'MICROSOFT_LOGIN_URL', MICROSOFT_LOGIN_URL, problems);
  const graphUrl = readHttpsOrigin(read, 'MICROSOFT_GRAPH_URL', MICROSOFT_GRAPH_URL, problems);
  const lookups = read('MICROSOFT_LOOKUPS')?.toLowerCase() ?? 'on';
  if (lookups !== 'on' && lookups !== 'off') problems.push(`MICROSOFT_LOOKUPS="${lookups}" must be on or off`);
  const clientId = read('GRAPH_CLIENT_ID') ?? auth.MicrosoftAppId;
  const clientSecret = read('GRAPH_CLIENT_SECRET') ?? auth.MicrosoftAppPassword;
  return { loginUrl, graphUrl, lookups: lookups === 'off' ? 'off' : 'on', ...(clientId ? { clientId } : {}), ...(clientSecret ? { clientSecret } : {}) };
}

/** An https origin (`https://host[:port]`, a trailing slash dropped); a path, query or credentials are refused. */
function readHttpsOrigin(read: (name: string) => string | undefined, name: string, fallback: string, problems: string[]): string {
  const raw = read(name);
  if (raw === undefined) return fallback;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed?.protocol === 'https:' && !parsed.username && !parsed.password && parsed.pathname === '/' && !parsed.search && !parsed.hash) return parsed.origin;
  // Not echoed when it holds credentials.
  const shown = parsed && (parsed.username || parsed.password) ? '' : `="${raw}"`;
  problems.push(`${name}${shown} must be an https:// address without a path, such as ${fallback}`);
  return fallback;
}
