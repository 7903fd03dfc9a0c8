/** Opens the store the configuration names: PostgreSQL when DATABASE_URL is set, else the embedded file. */
import type { HelpdeskStore, StoreLocation } from './helpdeskStore.js';
import { openFileStore, type FileStoreOptions } from './file/openFileStore.js';
import { openPostgresStore, type PostgresStoreOptions } from './postgres/postgresStore.js';

/**
 * Opens the configured store. The file is locked for this process (`purpose` says who holds it, in the
 * error another process gets); the database is migrated to this version's schema first.
 */
export async function openHelpdeskStore(location: StoreLocation, purpose: string, options: PostgresStoreOptions & FileStoreOptions = {}): Promise<HelpdeskStore> {
  if (location.databaseUrl) return openPostgresStore(location.databaseUrl, options);
  return openFileStore(location.dbFile, purpose, options);
}
