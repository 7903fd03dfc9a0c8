/** Placeholder being implemented: the local Web Chat page and Direct Line endpoint (local mode only). */
import type { Server } from 'restify';
import type { Logger } from './logger.js';

export interface WebChatDeps {
  /** The bot's own base URL (http://127.0.0.1:PORT), known once it listens. */
  baseUrl(): string;
  logger: Logger;
}

export function registerWebChat(_server: Server, _deps: WebChatDeps): void {}
