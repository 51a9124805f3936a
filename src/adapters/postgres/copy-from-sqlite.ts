import Database from 'better-sqlite3';
import pg from 'pg';
import { existsSync } from 'node:fs';
import { migratePostgres } from './pg-migrate.js';
import { verifyChain } from '../../domain/audit-chain.js';
import { toAudit, type Row } from '../sql/row-mappers.js';

/**
 * Copies an existing SQLite hub into an empty PostgreSQL database, in one transaction:
 * every table, in foreign-key order, verbatim. Refuses a target that already holds data;
 * afterwards compares row counts table by table and re-verifies the audit chain there.
 */
export interface CopyReport {
  tables: { name: string; rows: number }[];
  auditEntries: number;
}

function tablesInDependencyOrder(db: Database.Database): string[] {
  const names = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const deps = new Map(
    names.map((n) => [
      n,
      (db.prepare(`PRAGMA foreign_key_list(${n})`).all() as { table: string }[])
        .map((f) => f.table)
        .filter((t) => t !== n),
    ]),
  );
  const ordered: string[] = [];
  const visit = (n: string) => {
    if (ordered.includes(n)) return;
    for (const d of deps.get(n) ?? []) visit(d);
    ordered.push(n);
  };
  names.forEach(visit);
  return ordered;
}

export async function copySqliteToPostgres(sqliteFile: string, databaseUrl: string): Promise<CopyReport> {
  if (!existsSync(sqliteFile)) throw new Error(`no SQLite database at ${sqliteFile}`);
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await migratePostgres(pool);
    const client = await pool.connect();
    const tables = tablesInDependencyOrder(source);
    try {
      await client.query('BEGIN');
      for (const table of ['spokes', 'qualifications', 'frameworks', 'certificates', 'audit_log']) {
        const n = Number((await client.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
        if (n > 0)
          throw new Error(
            `the target database is not empty (${table} has ${n} rows): refusing to copy into it`,
          );
      }
      await client.query('DELETE FROM meta'); // migrations seed it; the source's values replace it
      for (const table of tables) {
        const rows = source.prepare(`SELECT * FROM ${table}`).all() as Row[];
        for (const row of rows) {
          const cols = Object.keys(row);
          await client.query(
            `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
            cols.map((c) => row[c]),
          );
        }
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
    const report: CopyReport = { tables: [], auditEntries: 0 };
    for (const table of tables) {
      const expected = Number(source.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
      const copied = Number((await pool.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
      if (copied !== expected)
        throw new Error(`${table}: ${expected} rows in SQLite but ${copied} in PostgreSQL`);
      report.tables.push({ name: table, rows: copied });
    }
    const audit = (await pool.query('SELECT * FROM audit_log ORDER BY seq')).rows.map((r: Row) => toAudit(r));
    const chain = verifyChain(audit);
    if (!chain.ok)
      throw new Error(`the copied audit chain is broken at entry ${chain.brokenAt}: ${chain.reason}`);
    report.auditEntries = audit.length;
    return report;
  } finally {
    source.close();
    await pool.end();
  }
}
