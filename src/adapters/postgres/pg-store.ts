import pg from 'pg';
import type { AccreditationEvent, AqrfLevel, Framework, Qualification } from '../../domain/types.js';
import { chainEntry } from '../../domain/audit-chain.js';
import { SkillPassError } from '../../domain/errors.js';
import type { Repositories, Store } from '../../services/ports.js';
import { json, publicKey, toAccreditation, toAudit, toKey, toSpoke, toStatusList, type Row } from '../sql/row-mappers.js';
import { bitsInChunks, byteOf, COUNT_ALLOCATION, INSERT_KEY, sharedRepositories, statusBit, toStatusPair } from '../sql/shared-repositories.js';
import { STATUS_PURPOSES, statusListId } from '../../domain/status-list-credential.js';
import { migratePostgres } from './pg-migrate.js';
import { pgRecognitionRepository } from './pg-recognition.js';

/**
 * The PostgreSQL adapter: the same ports and schema as SQLite, for several replicas behind
 * a load balancer. Correct with concurrent writers on different replicas:
 * - the audit chain is appended under a transaction-scoped advisory lock (no fork);
 * - a status bit is set by one UPDATE with set_bit (no lost update);
 * - status indexes are claimed with INSERT ... ON CONFLICT DO NOTHING (no duplicate);
 * - accreditation events lock their accreditation row (FOR UPDATE) to number themselves.
 */
const AUDIT_LOCK = 72_010_002;

type Queryable = Pick<pg.PoolClient, 'query'>;

/** `?` placeholders (as in the SQLite adapter) to PostgreSQL's `$n`. */
const numbered = (sql: string): string => { let i = 0; return sql.replace(/\?/g, () => `$${++i}`); };

/**
 * PostgreSQL text cannot hold a NUL character (SQLite's can): a parameter with one failed the
 * whole query (22021, a 500). Nothing stored here contains one, so a read with one finds
 * nothing, as it does on SQLite; a write with one is refused as bad input. Request JSON with a
 * NUL never gets this far (src/domain/json-bounds.ts); a path segment or a JWT header's kid can.
 */
const holdsNul = (params: readonly unknown[]): boolean => params.some((p) => typeof p === 'string' && p.includes('\u0000'));
const nulRefused = () => new SkillPassError('validation-failed', 'Text with a NUL character (U+0000) cannot be stored.');

function repositories(db: Queryable, inTransaction: <T>(fn: (q: Queryable) => Promise<T>) => Promise<T>): Repositories {
  const all = async (sql: string, params: unknown[] = []): Promise<Row[]> => (holdsNul(params) ? [] : (await db.query(numbered(sql), params)).rows as Row[]);
  const one = async (sql: string, params: unknown[] = []): Promise<Row | undefined> => (await all(sql, params))[0];
  const run = async (sql: string, params: unknown[] = []): Promise<number> => {
    if (holdsNul(params)) throw nulRefused();
    return (await db.query(numbered(sql), params)).rowCount ?? 0;
  };
  // the one byte of each list that holds the bit (get_byte is 0-based), not the whole list; one query for all of a certificate's bits
  const statusBits = (lookups: readonly { id: string; index: number }[]) => bitsInChunks(lookups,
    async (chunk) => (await all(`SELECT q.n, CASE WHEN q.idx < l.size THEN get_byte(l.bits, q.pos) ELSE 0 END AS byte, l.purpose, l.spoke, s.did AS issuer, l.version, l.size
      FROM (VALUES ${chunk.map(() => '(?::int, ?::text, ?::int, ?::int)').join(', ')}) AS q(n, id, idx, pos) JOIN status_lists l ON l.id = q.id JOIN spokes s ON s.slug = l.spoke`,
    chunk.flatMap((l, n) => [n, l.id, l.index, byteOf(l.index)]))).map((r) => ({ ...r, n: Number(r.n) }) as Row & { n: number }),
    (r, index) => statusBit(r, Number(r.byte), index));
  const bodies = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await all(sql, params)).map((r) => json<T>(r.body));
  const shared = sharedRepositories({
    engine: 'postgres', all, run,
    atomically: (steps) => inTransaction(async (tx) => { for (const x of steps) { if (holdsNul(x.params)) throw nulRefused(); await tx.query(numbered(x.sql), x.params); } }),
  });

  return {
    tokens: shared.tokens,
    certificates: shared.certificates,
    batches: shared.batches,
    idempotency: shared.idempotency,
    identity: shared.identity,
    frameworks: {
      list: () => bodies<Framework>('SELECT body FROM frameworks ORDER BY id'),
      get: async (id) => (await bodies<Framework>('SELECT body FROM frameworks WHERE id = ?', [id]))[0],
      put: async (f) => { await run('INSERT INTO frameworks (id, body) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body', [f.id, JSON.stringify(f)]); },
      listAqrfLevels: () => bodies<AqrfLevel>('SELECT body FROM aqrf_levels ORDER BY level'),
      putAqrfLevel: async (l) => { await run('INSERT INTO aqrf_levels (level, body) VALUES (?, ?) ON CONFLICT (level) DO UPDATE SET body = excluded.body', [l.level, JSON.stringify(l)]); },
    },
    qualifications: {
      list: () => bodies<Qualification>('SELECT body FROM qualifications ORDER BY code'),
      get: async (code) => (await bodies<Qualification>('SELECT body FROM qualifications WHERE code = ?', [code]))[0],
      insert: async (x) => { await run('INSERT INTO qualifications (code, body, created_at) VALUES (?, ?, ?)', [x.code, JSON.stringify(x), x.createdAt]); },
    },
    spokes: {
      list: async () => (await all('SELECT * FROM spokes ORDER BY slug')).map(toSpoke),
      get: async (slug) => { const r = await one('SELECT * FROM spokes WHERE slug = ?', [slug]); return r ? toSpoke(r) : undefined; },
      getByDid: async (did) => { const r = await one('SELECT * FROM spokes WHERE did = ?', [did]); return r ? toSpoke(r) : undefined; },
      insert: async (s) => { await run('INSERT INTO spokes (slug, did, name, country, created_at) VALUES (?, ?, ?, ?, ?)', [s.slug, s.did, s.name, s.country, s.createdAt]); },
      keys: async (slug) => (await all('SELECT * FROM spoke_keys WHERE spoke = ? ORDER BY seq', [slug])).map((r) => publicKey(toKey(r))),
      key: async (id) => { const r = await one('SELECT * FROM spoke_keys WHERE id = ?', [id]); return r ? publicKey(toKey(r)) : undefined; },
      activeSigningKey: async (slug) => {
        const r = await one('SELECT * FROM spoke_keys WHERE spoke = ? AND valid_until IS NULL AND compromised_from IS NULL ORDER BY seq DESC LIMIT 1', [slug]);
        return r ? toKey(r) : undefined;
      },
      insertKey: async (k) => {
        await run(INSERT_KEY, [k.id, k.spoke, k.publicKeyMultibase, k.validFrom, k.validUntil, k.compromisedFrom, k.encryptedSecret, k.spoke]);
      },
      accreditations: async (slug) => {
        const rows = await all('SELECT * FROM accreditations WHERE spoke = ? ORDER BY valid_from, id', [slug]);
        const events = await all('SELECT e.accreditation_id, e.body FROM accreditation_events e JOIN accreditations a ON a.id = e.accreditation_id WHERE a.spoke = ? ORDER BY e.seq', [slug]);
        return rows.map((r) => ({ ...toAccreditation(r), events: events.filter((e) => e.accreditation_id === r.id).map((e) => json<AccreditationEvent>(e.body)) }));
      },
      insertAccreditation: async (a) => {
        await run('INSERT INTO accreditations (id, spoke, qualifications, valid_from, valid_until, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          [a.id, a.spoke, JSON.stringify(a.qualifications), a.validFrom, a.validUntil, a.createdAt]);
      },
      appendAccreditationEvent: (id, e) => inTransaction(async (tx) => {
        await tx.query('SELECT id FROM accreditations WHERE id = $1 FOR UPDATE', [id]);
        const seq = Number((await tx.query('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM accreditation_events WHERE accreditation_id = $1', [id])).rows[0].n);
        await tx.query('INSERT INTO accreditation_events (accreditation_id, seq, kind, effective_from, body) VALUES ($1, $2, $3, $4, $5)', [id, seq, e.kind, e.effectiveFrom, JSON.stringify(e)]);
      }),
      updateKey: async (id, change) => {
        if (change.validUntil !== undefined) await run('UPDATE spoke_keys SET valid_until = ? WHERE id = ?', [change.validUntil, id]);
        if (change.compromisedFrom !== undefined) await run('UPDATE spoke_keys SET compromised_from = ? WHERE id = ?', [change.compromisedFrom, id]);
      },
      // the centre's row: a key change waits for the units of work storing certificates, and they for it (NO KEY: the
      // foreign-key checks of rows referring to the centre, which take KEY SHARE, are not held up)
      lockKeys: async (slug, mode) => { await run(`SELECT slug FROM spokes WHERE slug = ? ${mode === 'update' ? 'FOR NO KEY UPDATE' : 'FOR SHARE'}`, [slug]); },
    },
    audit: {
      append: (content) => inTransaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
        const last = (await tx.query('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0] as Row | undefined;
        const entry = chainEntry(last ? toAudit(last) : undefined, content);
        await tx.query('INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [entry.seq, entry.at, entry.actor, entry.action, entry.subject, JSON.stringify(entry.details), entry.prevHash, entry.hash]);
        return entry;
      }),
      all: async () => (await all('SELECT * FROM audit_log ORDER BY seq')).map(toAudit),
    },
    secrets: {
      get: async (name) => { const r = await one('SELECT value FROM secrets WHERE name = ?', [name]); return r ? String(r.value) : undefined; },
      put: async (name, value) => { await run('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [name, value]); },
      putIfAbsent: async (name, value) => (await run('INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [name, value])) === 1,
    },
    statusLists: {
      get: async (id) => { const r = await one('SELECT * FROM status_lists WHERE id = ?', [id]); return r ? toStatusList(r) : undefined; },
      bits: async (lookups) => statusBits(lookups),
      listIds: async (spoke, n) => toStatusPair(await all('SELECT id, purpose FROM status_lists WHERE spoke = ? AND list_number = ?', [spoke, n])),
      openList: async (spoke) => {
        const r = await one(`SELECT list_number AS n, size, allocated FROM status_lists WHERE spoke = ? AND purpose = 'revocation' ORDER BY list_number DESC LIMIT 1`, [spoke]);
        return r ? { listNumber: Number(r.n), allocated: Number(r.allocated), size: Number(r.size) } : undefined;
      },
      createLists: async (spoke, n, size, now) => {
        for (const purpose of STATUS_PURPOSES) {
          // two replicas may open the same new list at once: the second insert is a no-op
          await run('INSERT INTO status_lists (id, spoke, list_number, purpose, size, bits, version, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT DO NOTHING',
            [statusListId(spoke, n, purpose), spoke, n, purpose, size, Buffer.alloc(size / 8), now]);
        }
      },
      tryAllocate: async (a) => {
        if ((await run('INSERT INTO status_allocations (spoke, list_number, idx, certificate_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
          [a.spoke, a.listNumber, a.index, a.certificateId])) !== 1) return false;
        await run(COUNT_ALLOCATION, [a.spoke, a.listNumber]);
        return true;
      },
      allocationFor: async (id) => {
        const r = await one('SELECT * FROM status_allocations WHERE certificate_id = ?', [id]);
        return r ? { spoke: String(r.spoke), listNumber: Number(r.list_number), index: Number(r.idx), certificateId: String(r.certificate_id) } : undefined;
      },
      release: shared.releaseStatus,
      setBit: async (id, index, value) => {
        if (!Number.isInteger(index) || index < 0) throw new RangeError(`status index ${index} is outside the list`);
        // set_bit numbers bits from the least significant within each byte; the spec's index 0 is the most significant
        const r = await one('UPDATE status_lists SET bits = set_bit(bits, ?, ?), version = version + 1 WHERE id = ? AND ? < size RETURNING version',
          [(index >> 3) * 8 + (7 - (index & 7)), value ? 1 : 0, id, index]);
        if (!r) throw new RangeError(`no status list ${id} with index ${index}`);
        return Number(r.version);
      },
      saveSigned: async (id, version, credential) => {
        await run('UPDATE status_lists SET signed_version = ?, signed_credential = ? WHERE id = ? AND version = ?', [version, credential, id, version]);
      },
    },
    recognition: pgRecognitionRepository(async (sql, params = []) => {
      if (holdsNul(params)) { if (/^\s*insert/i.test(sql)) throw nulRefused(); return { rows: [], rowCount: 0 }; }
      const r = await db.query(numbered(sql), params);
      return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
    }),
    meta: {
      registryVersion: async () => Number((await one("SELECT value FROM meta WHERE name = 'registry_version'"))!.value),
      bumpRegistryVersion: async () => Number((await one("UPDATE meta SET value = value + 1 WHERE name = 'registry_version' RETURNING value"))!.value),
    },
  };
}

export async function openPostgresStore(connectionString: string, poolSize = 10): Promise<Store & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', () => undefined); // an idle client's error surfaces on the next query, and readiness reports it
  await migratePostgres(pool);
  const poolTransaction = async <T>(fn: (q: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  };
  // outside a unit of work, each atomic step gets its own transaction; inside one, it joins it
  const repos = repositories(pool, poolTransaction);
  return {
    engine: 'postgres', pool, repos,
    transaction: (fn) => poolTransaction((client) => fn(repositories(client, (step) => step(client)))),
    ping: async () => { await pool.query('SELECT 1'); },
    close: () => pool.end(),
  };
}
