import pg from 'pg';
import { SkillPassError } from '../../domain/errors.js';
import type { AuditRepository, Repositories, Store } from '../../services/ports.js';
import type { Row } from '../sql/row-mappers.js';
import { sharedRepositories, type SqlExec } from '../sql/shared-repositories.js';
import { registryRepositories } from '../sql/registry-repositories.js';
import { recognitionRepository } from '../sql/recognition-repository.js';
import { outcomeRepository } from '../sql/outcome-repository.js';
import { statisticsRepository } from '../sql/statistics-repository.js';
import { walletRepository } from '../sql/wallet-repository.js';
import { presentationRequestRepository } from '../sql/presentation-request-repository.js';
import { auditRepository, INSERT_AUDIT, LAST_AUDIT, nextAudit } from '../sql/audit-repository.js';
import {
  bitsInChunks,
  byteOf,
  statusBit,
  statusListRepository,
  type EngineStatusBits,
} from '../sql/status-repositories.js';
import { migratePostgres } from './pg-migrate.js';

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
const numbered = (sql: string): string => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

/**
 * PostgreSQL text cannot hold a NUL character (SQLite's can): a parameter with one failed the
 * whole query (22021, a 500). Nothing stored here contains one, so a read with one finds
 * nothing, as it does on SQLite; a write with one is refused as bad input. Request JSON with a
 * NUL never gets this far (src/domain/json-bounds.ts); a path segment or a JWT header's kid can.
 */
const holdsNul = (params: readonly unknown[]): boolean =>
  params.some((p) => typeof p === 'string' && p.includes('\u0000'));
const nulRefused = () =>
  new SkillPassError('validation-failed', 'Text with a NUL character (U+0000) cannot be stored.');

function repositories(
  db: Queryable,
  inTransaction: <T>(fn: (q: Queryable) => Promise<T>) => Promise<T>,
): Repositories {
  const all = async (sql: string, params: unknown[] = []): Promise<Row[]> =>
    holdsNul(params) ? [] : ((await db.query(numbered(sql), params)).rows as Row[]);
  const one = async (sql: string, params: unknown[] = []): Promise<Row | undefined> =>
    (await all(sql, params))[0];
  const run = async (sql: string, params: unknown[] = []): Promise<number> => {
    if (holdsNul(params)) throw nulRefused();
    return (await db.query(numbered(sql), params)).rowCount ?? 0;
  };
  const ex: SqlExec = {
    engine: 'postgres',
    all,
    run,
    atomically: (steps) =>
      inTransaction(async (tx) => {
        for (const x of steps) {
          if (holdsNul(x.params)) throw nulRefused();
          await tx.query(numbered(x.sql), x.params);
        }
      }),
  };
  // the one byte of each list that holds the bit (get_byte is 0-based), not the whole list; one query for all of a certificate's bits
  const bits: EngineStatusBits['bits'] = (lookups) =>
    bitsInChunks(
      lookups,
      async (chunk) =>
        (
          await all(
            `SELECT q.n, CASE WHEN q.idx < l.size THEN get_byte(l.bits, q.pos) ELSE 0 END AS byte, l.purpose, l.spoke, s.did AS issuer, l.version, l.size
      FROM (VALUES ${chunk.map(() => '(?::int, ?::text, ?::int, ?::int)').join(', ')}) AS q(n, id, idx, pos) JOIN status_lists l ON l.id = q.id JOIN spokes s ON s.slug = l.spoke`,
            chunk.flatMap((l, n) => [n, l.id, l.index, byteOf(l.index)]),
          )
        ).map((r) => ({ ...r, n: Number(r.n) }) as Row & { n: number }),
      (r, index) => statusBit(r, Number(r.byte), index),
    );
  const setBit: EngineStatusBits['setBit'] = async (id, index, value) => {
    if (!Number.isInteger(index) || index < 0)
      throw new RangeError(`status index ${index} is outside the list`);
    // set_bit numbers bits from the least significant within each byte; the spec's index 0 is the most significant
    const r = await one(
      'UPDATE status_lists SET bits = set_bit(bits, ?, ?), version = version + 1 WHERE id = ? AND ? < size RETURNING version',
      [(index >> 3) * 8 + (7 - (index & 7)), value ? 1 : 0, id, index],
    );
    if (!r) throw new RangeError(`no status list ${id} with index ${index}`);
    return Number(r.version);
  };
  // under a transaction-scoped advisory lock: two appends never read the same last entry (no fork)
  const appendAudit: AuditRepository['append'] = (content) =>
    inTransaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
      const { entry, params } = nextAudit((await tx.query(LAST_AUDIT)).rows[0] as Row | undefined, content);
      await tx.query(numbered(INSERT_AUDIT), params);
      return entry;
    });

  return {
    ...sharedRepositories(ex),
    ...registryRepositories(ex),
    audit: auditRepository(ex, appendAudit),
    statusLists: statusListRepository(ex, { bits, setBit }),
    recognition: recognitionRepository(ex),
    outcomes: outcomeRepository(ex),
    statistics: statisticsRepository(ex),
    wallets: walletRepository(ex),
    presentationRequests: presentationRequestRepository(ex),
  };
}

export async function openPostgresStore(
  connectionString: string,
  poolSize = 10,
): Promise<Store & { pool: pg.Pool }> {
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
    engine: 'postgres',
    pool,
    repos,
    transaction: (fn) => poolTransaction((client) => fn(repositories(client, (step) => step(client)))),
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}
