import { readdirSync, readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * Applies the shared SQL migrations (src/adapters/sql-migrations) to PostgreSQL, each in
 * its own transaction, under an advisory lock so replicas starting together migrate once.
 */
const MIGRATIONS_DIR = new URL('../sql-migrations/', import.meta.url);
const MIGRATION_LOCK = 72_010_001;

export const toPostgresSql = (sql: string): string => sql.replace(/\bBLOB\b/g, 'BYTEA');

export async function migratePostgres(pool: pg.Pool): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const done = new Set(
      (await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name),
    );
    for (const name of readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      if (done.has(name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(toPostgresSql(readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8')));
        await client.query('INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)', [
          name,
          new Date().toISOString(),
        ]);
        await client.query('COMMIT');
        applied.push(name);
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
