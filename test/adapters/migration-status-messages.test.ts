import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { allocateStatus, statusOf } from '../../src/services/status-lists.js';
import { setBit } from '../../src/domain/bitstring.js';

/**
 * Migration 007 on a hub that issued certificates before it (revocation/suspension pairs of one
 * bit per entry): every row is carried as it was, read as a pair with its bits, and no pair takes
 * new certificates. (PostgreSQL runs the same file: every postgres-project hub migrates through it.)
 */
describe('migration 007 (one status entry: message lists)', () => {
  it('carries the old pairs, their bits, allocations and counts; the next certificate opens a message list after them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillpass-migrate-'));
    try {
      const file = join(dir, 'old.sqlite');
      const migrations = new URL('../../src/adapters/sql-migrations/', import.meta.url);
      const old = new Database(file);
      old.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      for (const name of readdirSync(migrations).filter((f) => f.endsWith('.sql') && f < '007').sort()) {
        old.exec(readFileSync(new URL(name, migrations), 'utf8'));
        old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(name, '2026-01-01T00:00:00Z');
      }
      old.prepare("INSERT INTO spokes (slug, did, name, country, created_at) VALUES ('kh-a', 'did:web:h:spokes:kh-a', 'A', 'KH', '2026-01-01T00:00:00Z')").run();
      // as the code before 007 wrote them: pair 1 (certificate c-1 revoked, c-2 suspended) and pair 2
      for (const n of [1, 2]) {
        for (const purpose of ['revocation', 'suspension']) {
          const bits = Buffer.alloc(2);
          if (n === 1 && purpose === 'revocation') setBit(bits, 3, true);
          if (n === 1 && purpose === 'suspension') setBit(bits, 9, true);
          old.prepare('INSERT INTO status_lists (id, spoke, list_number, purpose, size, bits, version, created_at) VALUES (?, ?, ?, ?, 16, ?, 4, ?)')
            .run(`kh-a-${n}-${purpose}`, 'kh-a', n, purpose, bits, '2026-01-01T00:00:00Z');
        }
      }
      const allocate = old.prepare('INSERT INTO status_allocations (spoke, list_number, idx, certificate_id) VALUES (?, ?, ?, ?)');
      allocate.run('kh-a', 1, 3, 'c-1');
      allocate.run('kh-a', 1, 9, 'c-2');
      allocate.run('kh-a', 2, 5, 'c-3');
      old.prepare("UPDATE status_lists SET allocated = 2 WHERE id = 'kh-a-1-revocation'").run();
      old.prepare("UPDATE status_lists SET allocated = 1 WHERE id = 'kh-a-2-revocation'").run();
      const before = old.prepare('SELECT id, bits, version, allocated FROM status_lists ORDER BY id').all();
      old.close();

      const store = openSqliteStore(file);
      try {
        const { repos } = store;
        expect(store.db.prepare('SELECT id, bits, version, allocated FROM status_lists ORDER BY id').all()).toEqual(before);
        expect(store.db.prepare('SELECT DISTINCT status_size FROM status_lists').pluck().all()).toEqual([1]);
        expect(await repos.statusLists.listIds('kh-a', 1)).toEqual({ form: 'pair', revocation: 'kh-a-1-revocation', suspension: 'kh-a-1-suspension' });
        const of = async (id: string) => statusOf(repos, (await repos.statusLists.allocationFor(id))!);
        expect(await of('c-1')).toMatchObject({ revoked: true, suspended: false });
        expect(await of('c-2')).toMatchObject({ revoked: false, suspended: true });
        expect(await of('c-3')).toMatchObject({ revoked: false, suspended: false });
        expect(await repos.statusLists.openList('kh-a')).toBeUndefined();
        const fresh = await store.transaction((tx) => allocateStatus(tx, 'https://h', 'kh-a', 'c-new', '2026-11-20T10:00:00Z', 16));
        expect(fresh.allocation.listNumber).toBe(3);
        expect(fresh.entries).toMatchObject({ statusPurpose: 'message', statusSize: 2, statusListCredential: 'https://h/status-lists/kh-a-3-status' });
        expect(await repos.statusLists.get('kh-a-3-status')).toMatchObject({ purpose: 'message', statusSize: 2, size: 16, bits: new Uint8Array(4) });
        // an old pair's index handed out again (an interrupted cohort row resuming) gives the old two entries
        const resumed = await store.transaction((tx) => allocateStatus(tx, 'https://h', 'kh-a', 'c-3', '2026-11-20T10:00:00Z', 16));
        expect((resumed.entries as Record<string, unknown>[]).map((e) => e.statusListCredential)).toEqual(['https://h/status-lists/kh-a-2-revocation', 'https://h/status-lists/kh-a-2-suspension']);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
