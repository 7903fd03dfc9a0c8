/**
 * The database goes away mid-conversation and comes back, with the real server over HTTP on a PostgreSQL
 * server of its own (stopped and started by the test): while it is down the user is asked to try again in a
 * moment, in their language, the server keeps answering and reports itself unhealthy, and nothing crashes;
 * once it is back the conversation continues where it was. A bot started while the database is down
 * refuses to start, naming the database but never the password.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runInThisContext } from 'node:vm';
import { startApp } from '../../../bot/app/createApp.js';
import { loadConfig } from '../../../bot/app/config.js';
import { LocalConnector } from '../../../devtools/localConnector.js';
import { createLogger } from '../../../bot/app/logger.js';
import { VERBS } from '../../../cards/verbs.js';
import { Database } from '../../../data/postgres/database.js';
import { stringsFor, type Strings } from '../../../locales/strings.js';
import { StoreUnavailableError } from '../../../services/ports/storeUnavailable.js';
import { startHttpBot, type HttpBot } from '../../helpers/httpBot.js';
import { cardText, conversation, type HttpConversation } from '../../helpers/httpConversation.js';
import { startPostgresCluster, type PostgresCluster } from '../../helpers/postgresCluster.js';
import { createTestDatabase } from '../../helpers/postgresDatabase.js';

const PASSWORD = 's3cret';

/**
 * The Node.js process itself: jest gives each test file a copy of `process` whose events never fire, so the
 * crash signals (an unhandled rejection, an uncaught exception) are listened for on the real one.
 */
const realProcess = runInThisContext('process') as NodeJS.Process;
const crashes: { event: string; error: unknown }[] = [];
const onUncaughtException = (error: unknown) => crashes.push({ event: 'uncaughtException', error });
const onUnhandledRejection = (error: unknown) => crashes.push({ event: 'unhandledRejection', error });

let cluster: PostgresCluster;
/** The bot's database, with a password in the URL (trust authentication ignores it; it must never be shown). */
let databaseUrl: string;
let connector: LocalConnector;
let bot: HttpBot;

beforeAll(async () => {
  realProcess.on('uncaughtException', onUncaughtException);
  realProcess.on('unhandledRejection', onUnhandledRejection);
  cluster = await startPostgresCluster();
  const url = new URL((await createTestDatabase(cluster.url)).url);
  url.password = PASSWORD;
  databaseUrl = url.toString();
  connector = await LocalConnector.start();
  bot = await startHttpBot({ DATABASE_URL: databaseUrl });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await connector?.close();
  await cluster?.destroy();
  realProcess.removeListener('uncaughtException', onUncaughtException);
  realProcess.removeListener('unhandledRejection', onUnhandledRejection);
}, 60_000);

async function health(): Promise<number> {
  return (await fetch(`${bot.url}/healthz`)).status;
}

interface Chat {
  t: Strings;
  chat: HttpConversation;
  address: string;
  domain: string;
}

const people = [
  { language: 'en', locale: 'en-US', askSignup: 'I want to sign up for Power BI', address: 'sara@contoso.example', domain: 'contoso.example' },
  { language: 'nl', locale: 'nl-NL', askSignup: 'ik wil me aanmelden voor Power BI', address: 'daan@bakkerij.example', domain: 'bakkerij.example' },
] as const;

describe('the database going away mid-conversation', () => {
  it('asks to try again in a moment while it is down, keeps running, and continues the conversation once it is back', async () => {
    // Two conversations get going: each bot asks for the address to sign up with.
    const chats: Chat[] = [];
    for (const { language, locale, askSignup, address, domain } of people) {
      const t = stringsFor(language);
      const chat = conversation(bot, connector, { locale, userId: `user-${language}` });
      expect(cardText(await chat.say(askSignup))).toContain(t.signup.askAddress);
      chats.push({ t, chat, address, domain });
    }
    expect(await health()).toBe(200);

    // A transaction holds a connection of its own when the database stops (between two of its statements).
    const held = new Database(databaseUrl);
    let letGo!: () => void;
    const outageSeen = new Promise<void>((resolve) => (letGo = resolve));
    let begun!: () => void;
    const inTransaction = new Promise<void>((resolve) => (begun = resolve));
    const holding = held.withConnection(async (client) => {
      await client.query('BEGIN');
      begun();
      await outageSeen;
      return client.query('SELECT 1');
    });
    await inTransaction;

    await cluster.stop();
    try {
      for (const { t, chat, address } of chats) {
        // Twice: the server is still there after the first one. say() also expects HTTP 200 for each.
        // In the chat's own language: the bot answers in the language a message is written in.
        for (const text of t.common.locale.startsWith('nl') ? ['wat ik nu ook typ', 'en nog een keer'] : ['whatever I type now', 'and again']) {
          const replies = await chat.say(text);
          expect(replies.map((reply) => reply.text)).toEqual([t.common.storeUnavailable]);
        }
        expect(await health()).toBe(503);

        // A card button (Action.Execute): the same answer as the invoke response, no 5xx and no error details.
        const pressed = await chat.execute(VERBS.submitAddress, { email: address });
        expect(pressed.status).toBe(200);
        expect(pressed.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t.common.storeUnavailable });
        expect(pressed.replies.map((reply) => reply.text)).toEqual([t.common.storeUnavailable]);
      }

      // The transaction's next statement fails as "try again later" too, and nothing crashed meanwhile.
      letGo();
      await expect(holding).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      letGo();
      await holding.catch(() => undefined);
      await held.close();
      await cluster.start();
    }

    expect(await health()).toBe(200);
    // The dialog state was kept: the address typed now continues each signup where it was.
    for (const { t, chat, address, domain } of chats) {
      const preview = await chat.say(address);
      expect(cardText(preview)).toContain(t.signup.previewTitle);
      expect(cardText(preview)).toContain(domain);
    }
    expect(crashes).toEqual([]);
  }, 60_000);

  it('refuses to start while the database is down, naming host:port/database and never the password', async () => {
    await cluster.stop();
    try {
      const started = Date.now();
      const failure = await startApp(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl }), createLogger('silent')).then(
        async (app) => {
          await app.close();
          throw new Error('the bot started without its database');
        },
        (error: unknown) => error as Error,
      );
      // A refused connection fails at once: no waiting for the connect timeout.
      expect(Date.now() - started).toBeLessThan(4000);
      const { hostname, port, pathname } = new URL(databaseUrl);
      expect(failure.message).toContain(`${hostname}:${port}${pathname}`);
      expect(failure.message).toMatch(/not reachable/);
      for (let error: unknown = failure; error instanceof Error; error = error.cause) {
        expect(`${error.message}\n${error.stack ?? ''}`).not.toContain(PASSWORD);
      }
    } finally {
      await cluster.start();
    }
    expect(crashes).toEqual([]);
  }, 30_000);
});
