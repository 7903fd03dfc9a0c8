/** Structured JSON logging (pino); anything that looks like a secret is redacted before it is written. */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * Where a secret could sit in what is logged: Authorization headers (of a request, or of an error's request,
 * at any of the depths the code logs them), the app password and the Graph client secret (alone or in the
 * settings), and connection strings, which may hold a password. The code logs none of these on purpose today; the paths are a net
 * under mistakes, and test/security/authorization.test.ts checks both the net and the whole log of a run.
 * @remarks pino's redaction takes exact paths, where `*` stands for one level.
 */
export const REDACTED_PATHS: readonly string[] = [
  'authorization',
  'Authorization',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.headers.Authorization',
  '*.*.headers.authorization',
  '*.*.headers.Authorization',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
  '*.*.MicrosoftAppPassword',
  'password',
  '*.password',
  '*.*.password',
  'clientSecret',
  '*.clientSecret',
  '*.*.clientSecret',
  'GRAPH_CLIENT_SECRET',
  '*.GRAPH_CLIENT_SECRET',
  '*.*.GRAPH_CLIENT_SECRET',
  'client_secret',
  '*.client_secret',
  'databaseUrl',
  '*.databaseUrl',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'connectionString',
  '*.connectionString',
];

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'admin-helpdesk-bot' },
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    destination ?? process.stdout,
  );
}
