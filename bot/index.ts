/** `npm start`: reads the configuration, starts the bot, and shuts down gracefully on SIGTERM/SIGINT. */
import { existsSync } from 'node:fs';
import { startApp } from './app.js';
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
logger.info({ settings: config.sources }, 'configuration loaded (env = set in the environment, default = built-in)');
if (config.localMode) {
  logger.warn('LOCAL MODE: MicrosoftAppId is not set, so requests are not authenticated. Use this only on your own machine.');
}

try {
  const app = await startApp(config, logger);
  logger.info({ port: app.port, endpoint: `http://localhost:${app.port}/api/messages`, store: config.dbFile }, 'bot is listening');
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
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  logger.fatal({ err: error }, 'could not start the bot');
  process.exit(1);
}
