/** Types for postgresCluster.mjs (plain JavaScript so jest's globalSetup can load it untransformed). */

/** A throwaway PostgreSQL server in its own temporary folder, listening on 127.0.0.1. */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication, no password). */
  readonly url: string;
  readonly port: number;
  /** The cluster's folder: data, server log (`log`) and Unix socket. */
  readonly dataDir: string;
  /** `pg_ctl stop -m fast`: connections are cut, the data is kept. Does nothing when already stopped. */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port. */
  start(): Promise<void>;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

export interface StartPostgresClusterOptions {
  /** The port to listen on; a free one is picked when left out. */
  port?: number;
}

export const POSTGRES_INSTALL_HINT: string;

/** The folder with initdb, pg_ctl and postgres: the highest version under /usr/lib/postgresql, else on PATH. */
export function findPostgresBinDir(): string | undefined;

/** Whether the PostgreSQL server binaries were found. */
export function postgresAvailable(): boolean;

/** Creates (initdb) and starts a new cluster; the error says what failed, with the end of the server log. */
export function startPostgresCluster(options?: StartPostgresClusterOptions): Promise<PostgresCluster>;

/** Stops and removes the clusters of test runs that were killed before their teardown. Best effort. */
export function reapStaleClusters(): Promise<void>;
