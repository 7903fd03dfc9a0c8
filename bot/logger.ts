/** Structured JSON logging (pino); anything that looks like a secret is redacted before it is written. */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'admin-helpdesk-bot' },
      redact: {
        paths: ['*.authorization', '*.Authorization', '*.MicrosoftAppPassword', 'headers.authorization', 'req.headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination ?? process.stdout,
  );
}
