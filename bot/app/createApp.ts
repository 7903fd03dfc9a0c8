/**
 * Composition root: builds the store, the services, the bot (createHelpdeskBot.ts, the same wiring the
 * in-process tests use), the adapter, the server and the background jobs from the config, and knows how to stop
 * them in order (stop accepting, finish in-flight turns, flush the store).
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost, isLoopbackUrl, isWildcardHost } from '../../lib/loopback.js';
import { openHelpdeskStore } from '../../data/openHelpdeskStore.js';
import { describeDatabaseUrl } from '../../data/postgres/postgresStore.js';
import type { Directory } from '../../services/ports/directory.js';
import { createMicrosoftLookups } from '../../services/microsoft/createMicrosoftLookups.js';
import { DnsTxtChecker } from '../../services/takeover/dnsTxtCheck.js';
import { TakeoverService } from '../../services/takeover/takeoverService.js';
import { TicketService } from '../../services/tickets/ticketService.js';
import { TopicRecognizer } from '../../understanding/topicRecognizer.js';
import { registerTabApi } from '../http/tabApi.js';
import { registerTabPages } from '../http/tabPages.js';
import { createBotServer } from '../http/server.js';
import { startTakeoverRechecker } from '../jobs/takeoverRechecker.js';
import { createTicketDesk } from '../jobs/ticketDesk.js';
import { POST_RETRY_INTERVAL_SECONDS, startTicketPostRetry, type PostRetryRound } from '../jobs/ticketPostRetry.js';
import { RETENTION_INTERVAL_SECONDS, startTranscriptRetention } from '../jobs/transcriptRetention.js';
import { FloodGuard } from '../runtime/floodGuard.js';
import { HelpdeskAdapter } from '../runtime/helpdeskAdapter.js';
import { createRequesterLookup } from '../runtime/requester.js';
import { sdkTuning } from '../runtime/sdkTuning/index.js';
import type { Config } from './config.js';
import { createHelpdeskBot, createHelpdeskStates } from './createHelpdeskBot.js';
import type { Logger } from './logger.js';

export interface RunningApp {
  port: number;
  /** The address the server listens on: 127.0.0.1 in local mode unless HOST says otherwise; `::` or `0.0.0.0` is every interface. */
  address: string;
  /** Where everything is kept, for the log: the file's path or the database's host:port/name (never a password). */
  store: string;
  directory: Directory;
  /** The tickets, as the bot keeps them (tests read what it recorded). */
  tickets: TicketService;
  /** Runs one round of the takeover re-check now (tests; the timer runs it every TAKEOVER_RECHECK_SECONDS). */
  recheckTakeovers(): Promise<void>;
  /** Runs one round of the retry of tickets the helpdesk channel did not take (tests; the timer runs it every minute). */
  retryTicketPosts(): Promise<PostRetryRound>;
  /**
   * Stops accepting requests, lets running turns finish (for up to `graceMs`), writes the store, and then
   * ends the connections still open (downloads, clients that never finish sending a request).
   */
  close(graceMs?: number): Promise<void>;
}

/** How long close() waits for running turns: below the 10 s after which bot/app/index.ts exits anyway, unwritten. */
export const SHUTDOWN_GRACE_MS = 8000;

export interface AppOptions {
  /** The clock (tests move it on to make a retry due); the system's by default. */
  now?: () => Date;
  /** How long a ticket's post to the helpdesk channel may take before it counts as failed (ticketDesk.ts POST_DEADLINE_MS). */
  ticketPostDeadlineMs?: number;
}

export async function startApp(config: Readonly<Config>, logger: Logger, options: AppOptions = {}): Promise<RunningApp> {
  const store = await openHelpdeskStore(config, 'the helpdesk bot', {
    onIdleError: (error) => logger.warn({ err: error }, 'a database connection closed while idle; a new one is opened when needed'),
    onMigrated: ({ applied, version }) =>
      logger.info({ schemaVersion: version, applied: applied.map((migration) => `${migration.version}_${migration.name}`) }, 'database schema ready'),
    onNotice: (message, details) => logger.warn(details, message),
    now: options.now,
  });
  const { directory, records } = store;
  const states = createHelpdeskStates(store.storage, config.sdkTuning);
  const recognizer = await TopicRecognizer.fromLocales(config.nluConfidenceThreshold);
  const now = options.now ?? (() => new Date());
  const microsoft = createMicrosoftLookups({ ...config.microsoft, logger });
  const takeovers = new TakeoverService({ directory, checker: new DnsTxtChecker({ servers: config.dnsServers }), microsoft, now });
  const tickets = new TicketService({ records, now });
  const auth = sdkTuning(config.sdkTuning).connectorAuthentication(new ConfigurationBotFrameworkAuthentication({ ...config.auth }));
  let baseUrl = '';
  // Local mode has no authentication: the bot calls back only this machine (loopback, or its own address when
  // HOST names one, where the local Web Chat's Direct Line listens).
  const serviceUrlAllowed = config.localMode ? (url: string) => isLoopbackUrl(url) || (baseUrl !== '' && url.startsWith(`${baseUrl}/`)) : undefined;
  const adapter = new HelpdeskAdapter(auth, states.flowState, logger, { serviceUrlAllowed });
  const appId = config.auth.MicrosoftAppId ?? '';
  const ticketDesk = createTicketDesk({ adapter, appId, directory, tickets, logger, postDeadlineMs: options.ticketPostDeadlineMs });
  const bot = createHelpdeskBot({
    states,
    tuned: config.sdkTuning,
    recognizer,
    directory,
    microsoft,
    transcriptWindows: store.transcriptWindows,
    takeovers,
    takeoverRecheckSeconds: config.takeoverRecheckSeconds,
    tickets,
    ticketDesk,
    identifyRequester: createRequesterLookup(logger),
    floodGuard: config.userTurnLimit > 0 ? new FloodGuard({ maxTurns: config.userTurnLimit, windowSeconds: config.userTurnWindowSeconds }) : undefined,
  });

  const { server, idle } = createBotServer(
    { adapter, auth, logic: (context) => bot.run(context), logger, maxBodyBytes: config.maxBodyBytes, serviceUrlAllowed },
    {
      mode: config.localMode ? 'local' : 'authenticated',
      store: store.kind,
      storeReachable: () => store.reachable(),
    },
    { loopbackHostsOnly: config.localMode && config.host !== undefined && isLoopbackHost(config.host), preflightedWritesOnly: config.localMode },
  );
  registerTabApi(server, { directory, microsoft, tickets, config, logger });
  registerTabPages(server);
  // Web Chat talks to the bot without authentication: only where the bot runs without it, and only then is
  // the development channel loaded at all.
  if (config.localMode) {
    const { registerWebChat } = await import('../../devtools/webChat.js');
    registerWebChat(server, { baseUrl: () => baseUrl, logger });
  }
  try {
    await new Promise<void>((resolve, reject) => {
      // On the restify server, not its http server: restify re-emits the http server's errors and throws when
      // nobody listens for them, so a taken port would escape as an uncaught exception and never reject here.
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const { port, address } = server.address() as AddressInfo;
  baseUrl = ownBaseUrl(address, port);
  if (config.localMode && config.host && !isLoopbackHost(config.host)) {
    logger.warn({ host: config.host, port }, `LOCAL MODE on ${config.host} (HOST): other machines can reach the bot, and local mode has no authentication. Leave HOST unset to listen on 127.0.0.1 only.`);
  }
  const rechecker = startTakeoverRechecker({
    service: takeovers,
    adapter,
    appId,
    intervalSeconds: config.takeoverRecheckSeconds,
    logger,
    claimRound: () => store.claimJobRound('takeover-recheck', config.takeoverRecheckSeconds),
  });
  const postRetry = startTicketPostRetry({
    tickets,
    desk: ticketDesk,
    directory,
    adapter,
    appId,
    logger,
    now,
    claimRound: () => store.claimJobRound('ticket-post-retry', POST_RETRY_INTERVAL_SECONDS),
  });
  const retention = startTranscriptRetention({
    records,
    windows: store.transcriptWindows,
    retentionDays: config.ticketRetentionDays,
    conversations: store,
    conversationTtlDays: config.conversationTtlDays,
    now,
    logger,
    claimRound: () => store.claimJobRound('ticket-transcript-retention', RETENTION_INTERVAL_SECONDS),
  });

  return {
    port,
    address,
    tickets,
    store: config.databaseUrl ? `postgres ${describeDatabaseUrl(config.databaseUrl)}` : config.dbFile,
    directory,
    recheckTakeovers: () => rechecker.runOnce(),
    retryTicketPosts: () => postRetry.runOnce(),
    close: async (graceMs = SHUTDOWN_GRACE_MS) => {
      const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
      server.server.closeIdleConnections();
      await rechecker.stop();
      await postRetry.stop();
      await retention.stop();
      // A client that sends its request slowly, or never finishes it, must not keep the store from being written.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([idle(), new Promise<void>((resolve) => (grace = setTimeout(resolve, graceMs)))]);
      clearTimeout(grace);
      await store.close();
      // The store is written: what is still connected (a download, a half-sent request) can only hold the exit up.
      server.server.closeAllConnections();
      await closed;
    },
  };
}

/** How the bot reaches its own server (the local Web Chat's Direct Line relays through it): loopback unless it listens on one address only. */
function ownBaseUrl(address: string, port: number): string {
  if (isWildcardHost(address)) return `http://127.0.0.1:${port}`;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
}
