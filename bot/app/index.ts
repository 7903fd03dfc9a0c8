/** `npm start`: reads the configuration, starts the bot, and shuts down gracefully on SIGTERM/SIGINT. */
import { existsSync } from 'node:fs';
import { startApp } from './createApp.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';

// A local .env is a convenience for development; real environment variables win over it.
if (existsSync('.env')) process.loadEnvFile('.env');

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
// Names only, in two lists: the logger redacts any field named like a secret (DATABASE_URL), set or not.
const settingsFrom = (source: string) => Object.keys(config.sources).filter((name) => config.sources[name] === source);
logger.info({ fromEnvironment: settingsFrom('env'), defaults: settingsFrom('default') }, 'configuration loaded');
if (config.localMode) {
  logger.warn('LOCAL MODE: MicrosoftAppId is not set, so requests are not authenticated. Use this only on your own machine.');
}

try {
  const app = await startApp(config, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing running turns and writing the store');
    const forced = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    forced.unref();
    await app.close();
    logger.info('stopped');
    process.exit(0);
  };
  // Before the "listening" line: whoever waits for that line (a supervisor, a test) may signal at once, and a
  // signal that arrives before its handler ends the process without writing the store or releasing its lock.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  logger.info({ host: app.address, port: app.port, endpoint: `http://localhost:${app.port}/api/messages`, store: app.store }, 'bot is listening');
} catch (error) {
  // The reason goes in the message itself: it is what an operator reads first (a damaged store file names the
  // file and how to recover), and the error with its stack follows in `err`.
  logger.fatal({ err: error }, `could not start the bot: ${(error as Error).message}`);
  process.exit(1);
}
