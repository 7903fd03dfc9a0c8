/**
 * Configuration, read once from the environment into a typed, frozen object.
 * @remarks The only module that reads process.env (besides the SDK's own authentication, which gets the
 * same variables passed in). Every setting remembers whether it came from the environment or a default,
 * so start-up can log where each came from without ever logging a secret.
 */
import { parseDnsServers } from '../services/dnsTxtCheck.js';

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
  /** No app id: local mode, no authentication (Bot Framework Emulator, `npm run chat`). */
  localMode: boolean;
  auth: Readonly<BotAuthSettings>;
  dbFile: string;
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
  /** Where each setting came from, for the start-up log; secrets are never included. */
  sources: Readonly<Record<string, 'env' | 'default'>>;
}

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
  const nluConfidenceThreshold = number('NLU_CONFIDENCE_THRESHOLD', 0.6, (n) => n >= 0 && n <= 1, 'between 0 and 1');
  const takeoverRecheckSeconds = number('TAKEOVER_RECHECK_SECONDS', 300, (n) => Number.isInteger(n) && n >= 1 && n <= 86_400, 'a whole number of seconds from 1 to 86400');
  const ticketRetentionDays = number('TICKET_RETENTION_DAYS', 90, (n) => Number.isInteger(n) && n >= 1 && n <= 3650, 'a whole number of days from 1 to 3650');
  const rawDns = read('DNS_SERVERS');
  const dns = rawDns === undefined ? undefined : parseDnsServers(rawDns);
  if (dns && 'problem' in dns) problems.push(dns.problem);
  const rawLevel = read('LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!LOG_LEVELS.includes(rawLevel as LogLevel)) problems.push(`LOG_LEVEL="${rawLevel}" must be one of ${LOG_LEVELS.join(', ')}`);
  if (read('DATABASE_URL')) {
    problems.push('DATABASE_URL is set, but this version stores everything in the embedded file (DB_FILE); unset DATABASE_URL');
  }
  const auth: BotAuthSettings = {
    MicrosoftAppId: read('MicrosoftAppId'),
    MicrosoftAppPassword: read('MicrosoftAppPassword'),
    MicrosoftAppType: read('MicrosoftAppType'),
    MicrosoftAppTenantId: read('MicrosoftAppTenantId'),
  };
  if (problems.length > 0) throw new Error(`Configuration: ${problems.join('; ')}`);

  return Object.freeze({
    port,
    localMode: !auth.MicrosoftAppId,
    auth: Object.freeze(auth),
    dbFile: read('DB_FILE') ?? '.data/helpdesk.json',
    logLevel: rawLevel as LogLevel,
    nluConfidenceThreshold,
    maxBodyBytes: 256 * 1024,
    ...(dns && 'servers' in dns ? { dnsServers: Object.freeze(dns.servers) } : {}),
    takeoverRecheckSeconds,
    ticketRetentionDays,
    sources: Object.freeze(sources),
  });
}
