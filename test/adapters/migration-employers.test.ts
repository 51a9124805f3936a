import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';

/** A hub with placements from before migration 012: each employer token becomes an employer that keeps them. */
describe('migration 012 (employers)', () => {
  it("gives every employer token its own employer, and each placement its token's (or a deleted token's) employer", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillpass-migrate-'));
    try {
      const file = join(dir, 'old.sqlite');
      const migrations = new URL('../../src/adapters/sql-migrations/', import.meta.url);
      const old = new Database(file);
      old.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      for (const name of readdirSync(migrations)
        .filter((f) => f.endsWith('.sql') && f < '012')
        .sort()) {
        old.exec(readFileSync(new URL(name, migrations), 'utf8'));
        old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(name, '2026-01-01T00:00:00Z');
      }
      const at = '2026-01-01T00:00:00Z';
      old
        .prepare('INSERT INTO spokes (slug, did, name, country, created_at) VALUES (?, ?, ?, ?, ?)')
        .run('kh-a', 'did:web:h:spokes:kh-a', 'A', 'KH', at);
      old
        .prepare(
          "INSERT INTO certificates (id, spoke, qualification, format, serialized, issued_at, valid_until) VALUES ('urn:uuid:c1', 'kh-a', 'TH-BRICK-1', 'di', '{}', ?, '2029-01-01T00:00:00Z')",
        )
        .run(at);
      const token = old.prepare(
        'INSERT INTO tokens (id, hash, role, spoke, label, created_at, expires_at, revoked_at, country) VALUES (?, ?, ?, NULL, ?, ?, NULL, NULL, ?)',
      );
      token.run('t-siam', 'h1', 'employer', 'Siam Build', at, 'TH');
      token.run('t-ministry', 'h2', 'authority', 'TH ministry', at, 'TH');
      const placement = old.prepare(
        "INSERT INTO placements (id, employer_token, certificate_id, destination, isco08, start_date, wage_amount, wage_currency, contract_type, recorded_at) VALUES (?, ?, 'urn:uuid:c1', 'TH', '7112', ?, '12000', 'THB', 'permanent', ?)",
      );
      placement.run('p1', 't-siam', '2026-02-01', at);
      placement.run('p2', 't-deleted', '2026-03-01', '2026-03-02T00:00:00Z');
      old.close();

      const store = openSqliteStore(file);
      try {
        const { outcomes, tokens } = store.repos;
        expect((await tokens.findByHash('h1'))?.employerId).toBe('t-siam');
        expect((await tokens.findByHash('h2'))?.employerId).toBeUndefined();
        expect(await outcomes.employer('t-siam')).toEqual({
          id: 't-siam',
          label: 'Siam Build',
          country: 'TH',
          createdAt: at,
        });
        expect(await outcomes.employer('t-deleted')).toMatchObject({ country: 'TH' });
        expect((await outcomes.placementsOf('t-siam', { limit: 10, offset: 0 })).map((p) => p.id)).toEqual([
          'p1',
        ]);
        expect((await outcomes.placement('p2'))?.employer).toBe('t-deleted');
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
