import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';

/** A hub created before migration 005 keeps its fill counts: the migration counts what was handed out. */
describe('migration 005 (status list fill counts)', () => {
  it('counts the indexes an existing database already handed out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillpass-migrate-'));
    try {
      const file = join(dir, 'old.sqlite');
      const migrations = new URL('../../src/adapters/sql-migrations/', import.meta.url);
      const old = new Database(file);
      old.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      for (const name of readdirSync(migrations)
        .filter((f) => f.endsWith('.sql') && f < '005')
        .sort()) {
        old.exec(readFileSync(new URL(name, migrations), 'utf8'));
        old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(name, '2026-01-01T00:00:00Z');
      }
      old
        .prepare(
          "INSERT INTO spokes (slug, did, name, country, created_at) VALUES ('kh-a', 'did:web:h:spokes:kh-a', 'A', 'KH', '2026-01-01T00:00:00Z')",
        )
        .run();
      for (const n of [1, 2]) {
        for (const purpose of ['revocation', 'suspension']) {
          old
            .prepare(
              'INSERT INTO status_lists (id, spoke, list_number, purpose, size, bits, version, created_at) VALUES (?, ?, ?, ?, 16, ?, 1, ?)',
            )
            .run(`kh-a-${n}-${purpose}`, 'kh-a', n, purpose, Buffer.alloc(2), '2026-01-01T00:00:00Z');
        }
      }
      const allocate = old.prepare(
        'INSERT INTO status_allocations (spoke, list_number, idx, certificate_id) VALUES (?, ?, ?, ?)',
      );
      for (let i = 0; i < 12; i++) allocate.run('kh-a', 1, i, `c1-${i}`);
      for (let i = 0; i < 5; i++) allocate.run('kh-a', 2, i, `c2-${i}`);
      old.close();

      const store = openSqliteStore(file);
      try {
        expect(await store.repos.statusLists.openList('kh-a')).toEqual({
          listNumber: 2,
          allocated: 5,
          size: 16,
        });
        const counts = store.db.prepare('SELECT id, allocated FROM status_lists ORDER BY id').all();
        expect(counts).toEqual([
          { id: 'kh-a-1-revocation', allocated: 12 },
          { id: 'kh-a-1-suspension', allocated: 0 },
          { id: 'kh-a-2-revocation', allocated: 5 },
          { id: 'kh-a-2-suspension', allocated: 0 },
        ]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
