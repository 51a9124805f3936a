import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/services/ports.js';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { openPostgresStore } from '../../src/adapters/postgres/pg-store.js';
import { freshPostgresDatabase, testEngine } from './test-database.js';

/** A fresh store on the engine of the current test project (SQLite file, or a new PostgreSQL database). */
export async function openTestStore(): Promise<{ store: Store; close(): Promise<void> }> {
  if (testEngine() === 'postgres') {
    const db = await freshPostgresDatabase();
    const store = await openPostgresStore(db.url, 20);
    return {
      store,
      close: async () => {
        await store.close();
        await db.drop();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'skillpass-store-'));
  const store = openSqliteStore(join(dir, 'test.sqlite'));
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
