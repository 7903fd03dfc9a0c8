/** The MicrosoftLookups the configuration asks for: Microsoft itself (MICROSOFT_LOOKUPS=on), or nothing asked (off). */
import type { MicrosoftLookups } from '../ports/microsoft.js';
import { microsoftLookupsOff } from './lookupsOff.js';
import { MicrosoftLookupsClient, type LookupLogger } from './microsoftLookups.js';

export interface MicrosoftLookupSettings {
  /** MICROSOFT_LOGIN_URL, e.g. https://login.microsoftonline.com. */
  loginUrl: string;
  /** MICROSOFT_GRAPH_URL, e.g. https://graph.microsoft.com. */
  graphUrl: string;
  /** MICROSOFT_LOOKUPS. */
  lookups: 'on' | 'off';
  /** GRAPH_CLIENT_ID (by default MicrosoftAppId). */
  clientId?: string;
  /** GRAPH_CLIENT_SECRET (by default MicrosoftAppPassword). */
  clientSecret?: string;
  /** Per request to Microsoft; default 3000. */
  timeoutMs?: number;
  /** How long answers are kept; default 300. */
  cacheSeconds?: number;
  /** Where the one line per failed look-up goes (a pino logger fits). */
  logger: LookupLogger;
}

export function createMicrosoftLookups(settings: MicrosoftLookupSettings): MicrosoftLookups {
  if (settings.lookups === 'off') return microsoftLookupsOff();
  return new MicrosoftLookupsClient({
    loginUrl: settings.loginUrl,
    graphUrl: settings.graphUrl,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    timeoutMs: settings.timeoutMs,
    cacheSeconds: settings.cacheSeconds,
    logger: settings.logger,
  });
}
