/**
 * A fresh, empty PostgreSQL database per test, on the server named by TEST_DATABASE_URL (jest's globalSetup,
 * test/postgresGlobalSetup.mjs, starts a throwaway one unless it is set already). Call `usePostgresDatabase`
 * inside a describe block and read `db.url` in the tests: it is replaced before each test, so read it through
 * the returned object rather than copying it out at describe time. Close your connections before the test
 * ends; the database is dropped afterwards (any connection still open is cut).
 */
import { afterEach, beforeEach } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestDatabase {
  /** Connection string of the new database. */
  url: string;
  /** Its name, `t_` and random hex. */
  name: string;
  /** Cuts the connections to the database and drops it. Safe to call more than once. */
  drop(): Promise<void>;
}

function serverUrl(baseUrl?: string): string {
  const url = baseUrl ?? process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'No PostgreSQL server for the test database: TEST_DATABASE_URL is not set. Run the tests through jest ' +
        '(its globalSetup test/postgresGlobalSetup.mjs starts a throwaway server) or set ' +
        'TEST_DATABASE_URL=postgres://USER@HOST:PORT/postgres to a server where databases may be created.',
    );
  }
  return url;
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(url).host;
    throw new Error(`Could not connect to the PostgreSQL test server at ${where}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the test server (TEST_DATABASE_URL, or `baseUrl` when given). */
export async function createTestDatabase(baseUrl?: string): Promise<TestDatabase> {
  const server = serverUrl(baseUrl);
  const name = `t_${randomBytes(8).toString('hex')}`;
  await onServer(server, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    name,
    drop() {
      dropped ??= onServer(server, async (client) => {
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        // DROP DATABASE waits a few seconds for the terminated backends to go.
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
      return dropped;
    },
  };
}

/** Registers the hooks that give each test its own empty database; read `url` in the tests. */
export function usePostgresDatabase(): { url: string } {
  // Filled in by beforeEach; the tests only read it once that has run.
  const db = { url: '' };
  let current: TestDatabase | undefined;

  beforeEach(async () => {
    current = await createTestDatabase();
    db.url = current.url;
  });

  afterEach(async () => {
    const database = current;
    current = undefined;
    await database?.drop();
  });

  return db;
}
