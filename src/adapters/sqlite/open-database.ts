import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, restrictMode } from '../fs/private-files.js';

type DB = Database.Database;

/** The database file's companions in WAL mode (and a rollback journal, should one be left). */
const companions = (file: string): string[] => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

/**
 * Opens (creating if needed) the SQLite file in WAL mode and applies pending migrations in order.
 * The folder is 0700 and the files 0600 (../fs/private-files.ts): the file is created 0600
 * before SQLite opens it, because SQLite gives the -wal and -shm files it creates later the
 * database file's permissions; files left more open by earlier versions are tightened.
 */
export function openDatabase(file: string): DB {
  if (file !== ':memory:') {
    ensurePrivateDir(dirname(file));
    ensurePrivateFile(file);
    for (const f of companions(file)) restrictMode(f, 0o600);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // durable across process crashes in WAL mode
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  if (file !== ':memory:') for (const f of companions(file)) restrictMode(f, 0o600);
  return db;
}

const MIGRATIONS_DIR = new URL('../sql-migrations/', import.meta.url);

export function migrate(db: DB): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT name FROM schema_migrations').pluck().all() as string[]);
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  for (const name of files) {
    if (applied.has(name)) continue;
    const sql = readFileSync(new URL(name, MIGRATIONS_DIR), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(
        name,
        new Date().toISOString(),
      );
    }).immediate();
  }
}
