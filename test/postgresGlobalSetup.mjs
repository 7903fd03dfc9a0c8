// jest globalSetup: the PostgreSQL tests need a server. A TEST_DATABASE_URL that is already set is used as it
// is (its server must allow CREATE DATABASE); otherwise a throwaway cluster is started here and its URL put in
// process.env.TEST_DATABASE_URL, which the test workers inherit (they are started after this has run).
// postgresGlobalTeardown.mjs destroys it. The PostgreSQL tests are not optional: without a server we fail.
import { POSTGRES_INSTALL_HINT, postgresAvailable, reapStaleClusters, startPostgresCluster } from './postgresCluster.mjs';

export default async function postgresGlobalSetup() {
  if (process.env.TEST_DATABASE_URL) return;
  if (!postgresAvailable()) {
    throw new Error(
      `The PostgreSQL tests need a PostgreSQL server, and none was found: ${POSTGRES_INSTALL_HINT}, ` +
        'or set TEST_DATABASE_URL=postgres://USER@HOST:PORT/postgres to a server where databases may be created.',
    );
  }
  await reapStaleClusters();
  const cluster = await startPostgresCluster();
  // globalSetup and globalTeardown run in the same context: this is how the teardown finds the cluster.
  globalThis.__helpdeskPostgresCluster = cluster;
  process.env.TEST_DATABASE_URL = cluster.url;
}
