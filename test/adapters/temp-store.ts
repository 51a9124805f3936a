import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';

export type SqliteStore = ReturnType<typeof openSqliteStore>;

/** A real SQLite file in a fresh temp folder; `cleanup` closes every store opened on it and removes the folder. */
export function tempStore() {
  const dir = mkdtempSync(join(tmpdir(), 'skillpass-unit-'));
  const file = join(dir, 'db', 'skillpass.sqlite');
  const opened: SqliteStore[] = [];
  const open = (): SqliteStore => {
    const s = openSqliteStore(file);
    opened.push(s);
    return s;
  };
  return {
    dir,
    file,
    open,
    async cleanup() {
      for (const s of opened) if (s.db.open) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
