/**
 * The PostgreSQL test helpers: a fresh database per test on the run's server (TEST_DATABASE_URL from jest's
 * globalSetup), and a dedicated cluster that can be stopped and started again with its data kept.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgresCluster.js';
import { createTestDatabase, usePostgresDatabase } from '../helpers/postgresDatabase.js';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const userTables = (client: pg.Client) =>
  client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");

describe('createTestDatabase', () => {
  it('creates an empty database a pg Client can use, and drops it again', async () => {
    expect(process.env.TEST_DATABASE_URL).toMatch(/^postgres:\/\//);
    const db = await createTestDatabase();
    try {
      await withClient(db.url, async (client) => {
        const current = await client.query('SELECT current_database() AS name');
        expect(current.rows[0].name).toBe(db.name);
        expect((await userTables(client)).rows[0].n).toBe(0);
        await client.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
        await client.query("INSERT INTO notes (body) VALUES ('één')");
        expect((await client.query('SELECT upper(body) AS body FROM notes')).rows).toEqual([{ body: 'ÉÉN' }]);
      });
    } finally {
      await db.drop();
    }
    const exists = await withClient(process.env.TEST_DATABASE_URL!, (client) =>
      client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name]),
    );
    expect(exists.rowCount).toBe(0);
  });

  it('drops a database that still has open connections', async () => {
    const db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => {}); // the drop cuts this connection
    await client.connect();
    await db.drop();
    await expect(client.query('SELECT 1')).rejects.toThrow();
    await client.end().catch(() => {});
  });
});

describe('usePostgresDatabase', () => {
  const db = usePostgresDatabase();
  const seen: string[] = [];

  it.each([1, 2])('gives test %i its own empty database', async () => {
    expect(seen).not.toContain(db.url);
    seen.push(db.url);
    await withClient(db.url, async (client) => {
      expect((await userTables(client)).rows[0].n).toBe(0);
      await client.query('CREATE TABLE t (x int)');
    });
  });
});

describe('startPostgresCluster', () => {
  let cluster: PostgresCluster;

  beforeAll(async () => {
    cluster = await startPostgresCluster();
  }, 60_000);

  afterAll(async () => {
    await cluster?.destroy();
  });

  it('stops (connections then fail) and starts again on the same port with its data kept', async () => {
    expect(cluster.url).toBe(`postgres://postgres@127.0.0.1:${cluster.port}/postgres`);
    await withClient(cluster.url, async (client) => {
      await client.query('CREATE TABLE kept (value text)');
      await client.query("INSERT INTO kept VALUES ('still here')");
    });

    await cluster.stop();
    await expect(withClient(cluster.url, (client) => client.query('SELECT 1'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await cluster.stop(); // stopping a stopped server is fine

    await cluster.start();
    const rows = await withClient(cluster.url, (client) => client.query('SELECT value FROM kept'));
    expect(rows.rows).toEqual([{ value: 'still here' }]);
  });
});
