/**
 * Throwaway PostgreSQL servers for tests that need one of their own (to stop and start it, say). Most tests
 * only need a database: see postgresDatabase.ts, which uses the server jest's globalSetup started.
 * The implementation is plain JavaScript in ../postgresCluster.mjs so that globalSetup can load it too.
 */
export { findPostgresBinDir, postgresAvailable, startPostgresCluster } from '../postgresCluster.mjs';
export type { PostgresCluster, StartPostgresClusterOptions } from '../postgresCluster.mjs';
