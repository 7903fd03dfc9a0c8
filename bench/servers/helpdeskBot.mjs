/**
 * Bench child: this bot, started the way bot/app/index.ts starts it (startApp + loadConfig), on the store file in
 * DB_FILE or the database in DATABASE_URL, logging nothing. Tells the parent its port over IPC; stops cleanly (store written) on 'stop'.
 * @remarks Bundled by bench/build.mjs from the TypeScript sources (esbuild, packages external), so it runs the
 * same code as `npm start` without writing to dist/.
 */
import { startApp } from '../../bot/app/createApp.js';
import { loadConfig } from '../../bot/app/config.js';
import { createLogger } from '../../bot/app/logger.js';
import { answerBench } from './child.mjs';

const config = loadConfig({
  PORT: '0',
  LOG_LEVEL: 'silent',
  DB_FILE: process.env.DB_FILE,
  // Set for the servers the bench runs on PostgreSQL (bench/run.mjs).
  DATABASE_URL: process.env.DATABASE_URL,
  // What the bench sets per server (bench/run.mjs): the SDK tuning switch, and no calls to Microsoft.
  SDK_TUNING: process.env.SDK_TUNING,
  MICROSOFT_LOOKUPS: process.env.MICROSOFT_LOOKUPS,
  // The bench stops before any DNS check; the background re-check must not fire during a run.
  TAKEOVER_RECHECK_SECONDS: '86400',
});
const app = await startApp(config, createLogger('silent'));
process.send?.({ ready: true, port: app.port });
answerBench(() => app.close());
