/** What the tests of services/microsoft share: the stub, lookups pointed at it, and the log lines they wrote. */
import { MicrosoftLookupsClient, type MicrosoftLookupsOptions } from '../../../services/microsoft/microsoftLookups.js';
import { STUB_APP, type MicrosoftStub } from '../../helpers/microsoftStub.js';

export interface LogLine {
  details: Record<string, unknown>;
  message: string;
}

/** Short enough that a silent Microsoft costs a test well under a second. */
export const FAST_TIMEOUT_MS = 300;

export const TENANT = '6b0f1e4e-2c7a-4d1b-9f3e-1a2b3c4d5e6f';
export const OTHER_TENANT = 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b';
export const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
export const HELPDESK_ADMIN = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
export const BILLING_ADMIN = 'b0f54661-2d74-4c50-afa3-1ec803f12efe';
export const USER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** Lookups against the stub, with the stub's app registration unless `options` says otherwise, and their log. */
export function lookupsAt(stub: MicrosoftStub, options: Partial<MicrosoftLookupsOptions> = {}) {
  const lines: LogLine[] = [];
  const lookups = new MicrosoftLookupsClient({
    loginUrl: stub.loginUrl,
    graphUrl: stub.graphUrl,
    clientId: STUB_APP.clientId,
    clientSecret: STUB_APP.clientSecret,
    timeoutMs: FAST_TIMEOUT_MS,
    logger: { warn: (details, message) => lines.push({ details, message }) },
    ...options,
  });
  return { lookups, lines };
}

/** Every log line as one text, to look for what must never be in it. */
export function logText(lines: readonly LogLine[]): string {
  return lines.map((line) => `${line.message} ${JSON.stringify(line.details)}`).join('\n');
}
