/**
 * The connection pool to PostgreSQL (DATABASE_URL), and the one place where the driver's errors are sorted:
 * "the database is not there right now" becomes a StoreUnavailableError, anything else stays what it is.
 * @remarks The pool reconnects by itself: a query after the database came back simply gets a new
 * connection. An idle connection that the server closes only emits an event, which is logged; without a
 * listener it would crash the process.
 */
import pg from 'pg';
import { StoreUnavailableError, StoreWriteFailedError } from '../../services/ports/storeUnavailable.js';

export type Row = Record<string, unknown>;

/** A table row that keeps its record whole, as JSON text. */
export type DataRow = { data: string };

export function firstRecord<T>(rows: readonly DataRow[]): T | undefined {
  const row = rows[0];
  return row ? (JSON.parse(row.data) as T) : undefined;
}

export function allRecords<T>(rows: readonly DataRow[]): T[] {
  return rows.map((row) => JSON.parse(row.data) as T);
}

/** Runs SQL on one connection: the pool, or the client of a transaction. */
export interface Queryable {
  query<R extends Row = Row>(text: string, values?: readonly unknown[]): Promise<R[]>;
}

export interface DatabaseOptions {
  /** Told about connections that failed while idle (the database restarted); they are replaced on demand. */
  onIdleError?: (error: Error) => void;
  /** Connections per process; several instances share the server's max_connections. */
  maxConnections?: number;
}

/** How long a request waits for a connection before the user is told to try again. */
const CONNECT_TIMEOUT_MS = 5000;
/** A statement running longer than this is stuck (a lock never released): it fails instead of hanging a turn. */
const STATEMENT_TIMEOUT_MS = 15_000;

export class Database implements Queryable {
  private readonly pool: pg.Pool;

  constructor(url: string, options: DatabaseOptions = {}) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
      application_name: 'teams-admin-helpdesk-bot',
    });
    this.pool.on('error', (error) => options.onIdleError?.(error));
  }

  async query<R extends Row = Row>(text: string, values?: readonly unknown[]): Promise<R[]> {
    try {
      const result = await this.pool.query<R>(text, values as unknown[] | undefined);
      return result.rows;
    } catch (error) {
      throw classify(error);
    }
  }

  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it
   * throws (and the error passed on).
   */
  transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    return this.withConnection((client) => inTransaction(client, () => work(client)));
  }

  /**
   * Runs `work` on a connection of its own, kept for its whole duration: for transactions, and for
   * session-level advisory locks, which belong to a connection. A connection that failed on the way is
   * closed rather than returned to the pool (closing it is also what frees a lock it held).
   */
  async withConnection<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw classify(error);
    }
    let broken: Error | undefined;
    // While a connection is checked out the pool does not listen for its errors: one the server ends between
    // two statements (a restart during a transaction) would emit an unhandled 'error' and crash the process.
    // It is noted instead; the next statement fails as "not queryable", and the connection is closed.
    const onError = (error: Error) => {
      broken ??= error;
    };
    client.on('error', onError);
    try {
      return await work({
        query: async <R extends Row>(text: string, values?: readonly unknown[]) => {
          try {
            return (await client.query<R>(text, values as unknown[] | undefined)).rows;
          } catch (error) {
            if (isConnectionFailure(error)) broken = error as Error;
            throw classify(error);
          }
        },
      });
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** Runs `work` between BEGIN and COMMIT on `client`; rolls back and passes the error on when it throws. */
export async function inTransaction<T>(client: Queryable, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A broken connection cannot roll back, and need not: the server ends its transaction with it.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** SQLSTATE classes and codes that mean "the server is not reachable or is going away", not "your SQL is wrong". */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection error/i, /not queryable/i, /Connection ended/i];

export function isConnectionFailure(error: unknown): boolean {
  // Read by shape, not `instanceof Error`: socket errors (ECONNREFUSED) are made by Node itself, in another
  // realm than this module when it runs in a vm (jest), where instanceof would call them "not an error".
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Codes that mean "busy, try again": a statement that waited past the statement timeout (for a lock held by a
 * long import, say), a lock not available, a deadlock the server broke. The user is asked to try again in a
 * moment, as when the database is away, and keeps their conversation; the connection itself is fine.
 */
const BUSY_CODES = new Set(['57014', '55P03', '40P01']);

/** Codes that mean "the server could not keep it": disk full (53100), out of memory (53200), an I/O error (58030). */
const NOT_SAVED_CODES = new Set(['53100', '53200', '58030']);

function classify(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && NOT_SAVED_CODES.has(code)) {
    return new StoreWriteFailedError(`the database could not keep the change: ${(error as Error).message}`, { cause: error });
  }
  if (typeof code === 'string' && BUSY_CODES.has(code)) {
    return new StoreUnavailableError(`the database is busy: ${(error as Error).message}`, { cause: error });
  }
  if (!isConnectionFailure(error)) return error;
  return new StoreUnavailableError(`the database is not reachable: ${(error as Error).message}`, { cause: error });
}
