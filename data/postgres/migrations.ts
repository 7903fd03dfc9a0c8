/**
 * Schema migrations: the numbered SQL files in data/postgres/migrations, applied in order, each once,
 * each in its own transaction, recorded in `schema_migrations`.
 * @remarks Every instance migrates at start-up. A session advisory lock makes instances that start at
 * the same moment take turns: the first applies what is missing, the others then find nothing to do.
 */
import { readdirSync } from 'node:fs';
import { projectFile, readProjectText } from '../../lib/projectFiles.js';
import { inTransaction, type Database } from './database.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The advisory lock key for migrations (any fixed number the application does not use for something else). */
const MIGRATION_LOCK = 741_852_001;
const FOLDER = ['data', 'postgres', 'migrations'];

/** The migrations that ship with this version, by number; `0001_initial.sql` is version 1. */
export function bundledMigrations(): Migration[] {
  const files = readdirSync(projectFile(...FOLDER)).filter((name) => name.endsWith('.sql'));
  const migrations = files.map((file) => {
    const match = /^(\d+)_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match) throw new Error(`bundledMigrations(): "${file}" is not named NNNN_name.sql`);
    return { version: Number(match[1]), name: match[2]!, sql: readProjectText(...FOLDER, file) };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`bundledMigrations(): expected migration ${index + 1}, found ${migration.version} (${migration.name})`);
  });
  return migrations;
}

export interface MigrationReport {
  applied: Migration[];
  /** The schema version after the run. */
  version: number;
}

export async function migrate(database: Database, migrations: readonly Migration[] = bundledMigrations()): Promise<MigrationReport> {
  return database.withConnection(async (connection) => {
    await connection.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await connection.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = new Set((await connection.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version));
      const newest = Math.max(0, ...done);
      const known = migrations.length;
      if (newest > known) {
        throw new Error(`the database schema is at version ${newest}, newer than this version of the bot knows (${known}); run the newer version`);
      }
      const applied: Migration[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        await inTransaction(connection, async () => {
          await connection.query(migration.sql);
          await connection.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        });
        applied.push(migration);
      }
      return { applied, version: Math.max(newest, ...applied.map((migration) => migration.version)) };
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  });
}
