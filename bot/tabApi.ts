/** Placeholder being implemented: the tab's API (/api/settings, /api/stats). */
import type { Server } from 'restify';
import type { Directory } from '../services/directory.js';
import type { TicketService } from '../services/ticketService.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

export interface TabApiDeps {
  directory: Directory;
  tickets: TicketService;
  config: Readonly<Config>;
  logger: Logger;
}

export function registerTabApi(_server: Server, _deps: TabApiDeps): void {}
