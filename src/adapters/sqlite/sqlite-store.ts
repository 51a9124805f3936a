import type Database from 'better-sqlite3';
import type { AccreditationEvent, AqrfLevel, Framework, Qualification } from '../../domain/types.js';
import { chainEntry, type AuditEntry } from '../../domain/audit-chain.js';
import { json, publicKey, toAccreditation, toAudit, toKey, toSpoke, toStatusList } from '../sql/row-mappers.js';
import type { Repositories, Store } from '../../services/ports.js';
import { openDatabase } from './open-database.js';
import { sqliteRecognitionRepository } from './sqlite-recognition.js';
import { setBit } from '../../domain/bitstring.js';
import { STATUS_PURPOSES, statusListId } from '../../domain/status-list-credential.js';
import { bitsInChunks, byteOf, COUNT_ALLOCATION, INSERT_KEY, sharedRepositories, statusBit, toStatusPair } from '../sql/shared-repositories.js';

type DB = Database.Database;
type Row = Record<string, unknown>;

function repositories(db: DB): Repositories {
  // prepared once per SQL text: preparing is a measurable part of a short query (bench/)
  const statements = new Map<string, Database.Statement>();
  const q = (sql: string) => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = db.prepare(sql)));
    return st;
  };
  const stmts = {
    lastAudit: q('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1'),
    insertAudit: q('INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES (@seq, @at, @actor, @action, @subject, @details, @prevHash, @hash)'),
    key: q('SELECT * FROM spoke_keys WHERE id = ?'),
    spokeByDid: q('SELECT * FROM spokes WHERE did = ?'),
    statusList: q('SELECT * FROM status_lists WHERE id = ?'),
  };
  // the one byte of each list that holds the bit (substr of the blob, 1-based), not the whole list; one statement for all of a certificate's bits
  const statusBits = (lookups: readonly { id: string; index: number }[]) => bitsInChunks(lookups,
    async (chunk) => q(`WITH q(n, id, pos) AS (VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')})
      SELECT q.n AS n, substr(l.bits, q.pos, 1) AS byte, l.purpose, l.spoke, s.did AS issuer, l.version, l.size
      FROM q JOIN status_lists l ON l.id = q.id JOIN spokes s ON s.slug = l.spoke`)
      .all(...chunk.flatMap((l, n) => [n, l.id, byteOf(l.index) + 1])) as (Row & { n: number })[],
    (r, index) => statusBit(r, (r.byte as Buffer)[0] ?? 0, index));
  // read-modify-write of one bit in one synchronous step: concurrent changes never lose an update
  const setStatusBit = db.transaction((id: string, index: number, value: boolean): number => {
    const row = stmts.statusList.get(id) as Row | undefined;
    if (!row) throw new Error(`no status list ${id}`);
    const bits = new Uint8Array(row.bits as Buffer);
    setBit(bits, index, value);
    return Number(q('UPDATE status_lists SET bits = ?, version = version + 1 WHERE id = ? RETURNING version').pluck().get(Buffer.from(bits), id));
  });
  // one synchronous step, so two appends can never read the same last entry (no fork)
  const appendAudit = db.transaction((content: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>) => {
    const last = stmts.lastAudit.get() as Row | undefined;
    const entry = chainEntry(last ? toAudit(last) : undefined, content);
    stmts.insertAudit.run({ ...entry, details: JSON.stringify(entry.details) });
    return entry;
  });

  // multi-statement steps run in one (nested: savepoint) transaction
  const steps = db.transaction((list: { sql: string; params: unknown[] }[]) => { for (const x of list) q(x.sql).run(...x.params); });
  const shared = sharedRepositories({
    engine: 'sqlite',
    // a cached statement keeps its pluck mode: rows here are always whole
    all: async (sql, params = []) => q(sql).pluck(false).all(...params) as Row[],
    run: async (sql, params = []) => q(sql).run(...params).changes,
    atomically: async (list) => { steps(list); },
  });

  return {
    tokens: shared.tokens,
    certificates: shared.certificates,
    batches: shared.batches,
    idempotency: shared.idempotency,
    identity: shared.identity,
    frameworks: {
      list: async () => (q('SELECT body FROM frameworks ORDER BY id').pluck().all() as string[]).map((b) => json<Framework>(b)),
      get: async (id) => { const b = q('SELECT body FROM frameworks WHERE id = ?').pluck().get(id); return b ? json<Framework>(b) : undefined; },
      put: async (f) => { q('INSERT INTO frameworks (id, body) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body').run(f.id, JSON.stringify(f)); },
      listAqrfLevels: async () => (q('SELECT body FROM aqrf_levels ORDER BY level').pluck().all() as string[]).map((b) => json<AqrfLevel>(b)),
      putAqrfLevel: async (l) => { q('INSERT INTO aqrf_levels (level, body) VALUES (?, ?) ON CONFLICT(level) DO UPDATE SET body = excluded.body').run(l.level, JSON.stringify(l)); },
    },
    qualifications: {
      list: async () => (q('SELECT body FROM qualifications ORDER BY code').pluck().all() as string[]).map((b) => json<Qualification>(b)),
      get: async (code) => { const b = q('SELECT body FROM qualifications WHERE code = ?').pluck().get(code); return b ? json<Qualification>(b) : undefined; },
      insert: async (x) => { q('INSERT INTO qualifications (code, body, created_at) VALUES (?, ?, ?)').run(x.code, JSON.stringify(x), x.createdAt); },
    },
    spokes: {
      list: async () => (q('SELECT * FROM spokes ORDER BY slug').all() as Row[]).map(toSpoke),
      get: async (slug) => { const r = q('SELECT * FROM spokes WHERE slug = ?').get(slug) as Row | undefined; return r ? toSpoke(r) : undefined; },
      getByDid: async (did) => { const r = stmts.spokeByDid.get(did) as Row | undefined; return r ? toSpoke(r) : undefined; },
      insert: async (s) => { q('INSERT INTO spokes (slug, did, name, country, created_at) VALUES (?, ?, ?, ?, ?)').run(s.slug, s.did, s.name, s.country, s.createdAt); },
      keys: async (slug) => (q('SELECT * FROM spoke_keys WHERE spoke = ? ORDER BY seq').all(slug) as Row[]).map((r) => publicKey(toKey(r))),
      key: async (id) => { const r = stmts.key.get(id) as Row | undefined; return r ? publicKey(toKey(r)) : undefined; },
      activeSigningKey: async (slug) => {
        const r = q('SELECT * FROM spoke_keys WHERE spoke = ? AND valid_until IS NULL AND compromised_from IS NULL ORDER BY seq DESC LIMIT 1').get(slug) as Row | undefined;
        return r ? toKey(r) : undefined;
      },
      insertKey: async (k) => {
        q(INSERT_KEY).run(k.id, k.spoke, k.publicKeyMultibase, k.validFrom, k.validUntil, k.compromisedFrom, k.encryptedSecret, k.spoke);
      },
      accreditations: async (slug) => {
        const events = q('SELECT body FROM accreditation_events WHERE accreditation_id = ? ORDER BY seq').pluck();
        return (q('SELECT * FROM accreditations WHERE spoke = ? ORDER BY valid_from, id').all(slug) as Row[])
          .map((r) => ({ ...toAccreditation(r), events: (events.all(r.id) as string[]).map((b) => json<AccreditationEvent>(b)) }));
      },
      appendAccreditationEvent: async (id, e) => {
        const seq = Number(q('SELECT COALESCE(MAX(seq), 0) + 1 FROM accreditation_events WHERE accreditation_id = ?').pluck().get(id));
        q('INSERT INTO accreditation_events (accreditation_id, seq, kind, effective_from, body) VALUES (?, ?, ?, ?, ?)').run(id, seq, e.kind, e.effectiveFrom, JSON.stringify(e));
      },
      updateKey: async (id, change) => {
        if (change.validUntil !== undefined) q('UPDATE spoke_keys SET valid_until = ? WHERE id = ?').run(change.validUntil, id);
        if (change.compromisedFrom !== undefined) q('UPDATE spoke_keys SET compromised_from = ? WHERE id = ?').run(change.compromisedFrom, id);
      },
      // units of work are serialised (openSqliteStore): nothing to lock
      lockKeys: async () => undefined,
      insertAccreditation: async (a) => {
        q('INSERT INTO accreditations (id, spoke, qualifications, valid_from, valid_until, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(a.id, a.spoke, JSON.stringify(a.qualifications), a.validFrom, a.validUntil, a.createdAt);
      },
    },
    audit: {
      append: async (content) => appendAudit(content),
      all: async () => (q('SELECT * FROM audit_log ORDER BY seq').all() as Row[]).map(toAudit),
    },
    statusLists: {
      get: async (id) => { const r = stmts.statusList.get(id) as Row | undefined; return r ? toStatusList(r) : undefined; },
      bits: async (lookups) => statusBits(lookups),
      listIds: async (spoke, n) => toStatusPair(q('SELECT id, purpose FROM status_lists WHERE spoke = ? AND list_number = ?').all(spoke, n) as Row[]),
      openList: async (spoke) => {
        const r = q(`SELECT list_number AS n, size, allocated FROM status_lists WHERE spoke = ? AND purpose = 'revocation' ORDER BY list_number DESC LIMIT 1`).get(spoke) as Row | undefined;
        return r ? { listNumber: Number(r.n), allocated: Number(r.allocated), size: Number(r.size) } : undefined;
      },
      createLists: async (spoke, n, size, now) => {
        const insert = q('INSERT OR IGNORE INTO status_lists (id, spoke, list_number, purpose, size, bits, version, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)');
        for (const purpose of STATUS_PURPOSES) insert.run(statusListId(spoke, n, purpose), spoke, n, purpose, size, Buffer.alloc(size / 8), now);
      },
      tryAllocate: async (a) => {
        if (q('INSERT OR IGNORE INTO status_allocations (spoke, list_number, idx, certificate_id) VALUES (?, ?, ?, ?)').run(a.spoke, a.listNumber, a.index, a.certificateId).changes !== 1) return false;
        q(COUNT_ALLOCATION).run(a.spoke, a.listNumber);
        return true;
      },
      allocationFor: async (id) => {
        const r = q('SELECT * FROM status_allocations WHERE certificate_id = ?').get(id) as Row | undefined;
        return r ? { spoke: String(r.spoke), listNumber: Number(r.list_number), index: Number(r.idx), certificateId: String(r.certificate_id) } : undefined;
      },
      release: shared.releaseStatus,
      setBit: async (id, index, value) => setStatusBit(id, index, value),
      saveSigned: async (id, version, credential) => {
        q('UPDATE status_lists SET signed_version = ?, signed_credential = ? WHERE id = ? AND version = ?').run(version, credential, id, version);
      },
    },
    recognition: sqliteRecognitionRepository(db),
    meta: {
      registryVersion: async () => Number(q("SELECT value FROM meta WHERE name = 'registry_version'").pluck().get()),
      bumpRegistryVersion: async () => Number(q("UPDATE meta SET value = value + 1 WHERE name = 'registry_version' RETURNING value").pluck().get()),
    },
    secrets: {
      get: async (name) => { const v = q('SELECT value FROM secrets WHERE name = ?').pluck().get(name); return v === undefined ? undefined : String(v); },
      put: async (name, value) => { q('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value').run(name, value); },
      putIfAbsent: async (name, value) => q('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT(name) DO NOTHING').run(name, value).changes === 1,
    },
  };
}

/**
 * better-sqlite3 is synchronous and has one connection, so async units of work are
 * serialised in-process (a promise queue) and wrapped in BEGIN IMMEDIATE ... COMMIT,
 * which also locks out other processes on the same file.
 */
export function openSqliteStore(file: string): Store & { db: DB } {
  const db = openDatabase(file);
  const repos = repositories(db);
  let tail: Promise<unknown> = Promise.resolve();
  const transaction: Store['transaction'] = (fn) => {
    const run = tail.then(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(repos);
        db.exec('COMMIT');
        return result;
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };
  return { engine: 'sqlite', db, repos, transaction, ping: async () => { db.prepare('SELECT 1').get(); }, close: async () => { await tail; db.close(); } };
}
