import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';

/** A hub created before migration 006 keeps its keys' order: the migration numbers them as they were listed. */
describe('migration 006 (key sequence)', () => {
  it('numbers existing keys by (validFrom, id) per centre, and new keys follow them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillpass-migrate-'));
    try {
      const file = join(dir, 'old.sqlite');
      const migrations = new URL('../../src/adapters/sql-migrations/', import.meta.url);
      const old = new Database(file);
      old.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      for (const name of readdirSync(migrations)
        .filter((f) => f.endsWith('.sql') && f < '006')
        .sort()) {
        old.exec(readFileSync(new URL(name, migrations), 'utf8'));
        old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(name, '2026-01-01T00:00:00Z');
      }
      for (const slug of ['kh-a', 'kh-b'])
        old
          .prepare('INSERT INTO spokes (slug, did, name, country, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(slug, `did:web:h:spokes:${slug}`, slug, 'KH', '2026-01-01T00:00:00Z');
      const key = old.prepare(
        'INSERT INTO spoke_keys (id, spoke, public_key_multibase, valid_from, valid_until, compromised_from, encrypted_secret) VALUES (?, ?, ?, ?, ?, NULL, ?)',
      );
      // inserted out of order; two keys of kh-a share a second (whole seconds only, before this change)
      key.run('did:web:h:spokes:kh-a#key-3', 'kh-a', 'z3', '2026-03-01T10:00:00Z', null, 's');
      key.run(
        'did:web:h:spokes:kh-a#key-1',
        'kh-a',
        'z1',
        '2026-01-01T00:00:00Z',
        '2026-02-01T00:00:00Z',
        's',
      );
      key.run('did:web:h:spokes:kh-b#key-1', 'kh-b', 'zb', '2026-01-01T00:00:00Z', null, 's');
      key.run(
        'did:web:h:spokes:kh-a#key-2',
        'kh-a',
        'z2',
        '2026-02-01T00:00:00Z',
        '2026-03-01T10:00:00Z',
        's',
      );
      old.close();

      const store = openSqliteStore(file);
      try {
        const seqs = store.db.prepare('SELECT id, seq FROM spoke_keys ORDER BY id').all();
        expect(seqs).toEqual([
          { id: 'did:web:h:spokes:kh-a#key-1', seq: 1 },
          { id: 'did:web:h:spokes:kh-a#key-2', seq: 2 },
          { id: 'did:web:h:spokes:kh-a#key-3', seq: 3 },
          { id: 'did:web:h:spokes:kh-b#key-1', seq: 1 },
        ]);
        await store.repos.spokes.insertKey({
          id: 'did:web:h:spokes:kh-a#key-4',
          spoke: 'kh-a',
          publicKeyMultibase: 'z4',
          validFrom: '2026-03-01T10:00:00.250Z',
          validUntil: null,
          compromisedFrom: null,
          encryptedSecret: 's',
        });
        expect((await store.repos.spokes.keys('kh-a')).map((k) => k.id.split('#')[1])).toEqual([
          'key-1',
          'key-2',
          'key-3',
          'key-4',
        ]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
