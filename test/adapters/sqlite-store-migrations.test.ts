import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempStore } from './temp-store.js';

let t: ReturnType<typeof tempStore>;
afterEach(async () => {
  await t.cleanup();
});

/** The migration files shipped with the adapter, in the order they must apply. */
const migrationFiles = readdirSync(new URL('../../src/adapters/sql-migrations/', import.meta.url))
  .filter((f) => f.endsWith('.sql'))
  .sort();

const tables = (db: ReturnType<typeof t.open>['db']) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('openSqliteStore: schema', () => {
  it('creates the database file (and its folder) and applies the migrations', () => {
    t = tempStore();
    const store = t.open();
    expect(existsSync(t.file)).toBe(true);
    expect(migrationFiles[0]).toBe('001_registry.sql');
    expect(store.db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all()).toEqual(
      migrationFiles,
    );
    expect(tables(store.db)).toEqual(
      expect.arrayContaining([
        'accreditations',
        'aqrf_levels',
        'audit_log',
        'certificates',
        'frameworks',
        'qualifications',
        'secrets',
        'spoke_keys',
        'spokes',
        'tokens',
      ]),
    );
  });

  it('does not re-apply migrations on reopen and keeps the data', async () => {
    t = tempStore();
    const first = t.open();
    await first.repos.secrets.put('k', 'v');
    const applied = () =>
      first.db.prepare('SELECT name, applied_at FROM schema_migrations ORDER BY name').all();
    const before = applied();
    await first.close();

    const second = t.open();
    expect(second.db.prepare('SELECT name, applied_at FROM schema_migrations ORDER BY name').all()).toEqual(
      before,
    );
    expect(before).toHaveLength(migrationFiles.length);
    expect(await second.repos.secrets.get('k')).toBe('v');
  });

  it('runs in WAL journal mode', () => {
    t = tempStore();
    const store = t.open();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('enforces foreign keys: a key for an unknown centre is refused', async () => {
    t = tempStore();
    const store = t.open();
    await expect(
      store.repos.spokes.insertKey({
        id: 'did:web:hub.example:spokes:ghost#key-1',
        spoke: 'ghost',
        publicKeyMultibase: 'z6Mk',
        validFrom: '2025-01-01T00:00:00Z',
        validUntil: null,
        compromisedFrom: null,
        encryptedSecret: 'v1.a.b.c',
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});
