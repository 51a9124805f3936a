import type Database from 'better-sqlite3';
import type { AuditEntryContent } from '../../domain/audit-chain.js';
import type { Repositories, Store } from '../../services/ports.js';
import { openDatabase } from './open-database.js';
import { StatementCache } from './statement-cache.js';
import { setBit } from '../../domain/bitstring.js';
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
  STATUS_LIST_BY_ID,
  statusBit,
  statusListRepository,
  type EngineStatusBits,
} from '../sql/status-repositories.js';

type DB = Database.Database;

function repositories(db: DB): Repositories {
  // prepared once per SQL text (a bounded cache)
  const statements = new StatementCache(db);
  const q = (sql: string) => statements.get(sql);
  // multi-statement steps run in one (nested: savepoint) transaction
  const steps = db.transaction((list: { sql: string; params: unknown[] }[]) => {
    for (const x of list) q(x.sql).run(...x.params);
  });
  const ex: SqlExec = {
    engine: 'sqlite',
    // a cached statement keeps its pluck mode: rows here are always whole
    all: async (sql, params = []) =>
      q(sql)
        .pluck(false)
        .all(...params) as Row[],
    run: async (sql, params = []) => q(sql).run(...params).changes,
    atomically: async (list) => {
      steps(list);
    },
  };

  // the one byte of each list that holds the bit (substr of the blob, 1-based), not the whole list; one statement for all of a certificate's bits
  const bits: EngineStatusBits['bits'] = (lookups) =>
    bitsInChunks(
      lookups,
      async (chunk) =>
        q(`WITH q(n, id, pos) AS (VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')})
      SELECT q.n AS n, substr(l.bits, q.pos, 1) AS byte, l.purpose, l.spoke, s.did AS issuer, l.version, l.size
      FROM q JOIN status_lists l ON l.id = q.id JOIN spokes s ON s.slug = l.spoke`).all(
          ...chunk.flatMap((l, n) => [n, l.id, byteOf(l.index) + 1]),
        ) as (Row & { n: number })[],
      (r, index) => statusBit(r, (r.byte as Buffer)[0] ?? 0, index),
    );
  // read-modify-write of one bit in one synchronous step: concurrent changes never lose an update
  const setStatusBit = db.transaction((id: string, index: number, value: boolean): number => {
    const row = q(STATUS_LIST_BY_ID).pluck(false).get(id) as Row | undefined;
    if (!row) throw new Error(`no status list ${id}`);
    const bits = new Uint8Array(row.bits as Buffer);
    setBit(bits, index, value);
    return Number(
      q('UPDATE status_lists SET bits = ?, version = version + 1 WHERE id = ? RETURNING version')
        .pluck()
        .get(Buffer.from(bits), id),
    );
  });
  // one synchronous step, so two appends can never read the same last entry (no fork)
  const appendAudit = db.transaction((content: Omit<AuditEntryContent, 'seq'>) => {
    const { entry, params } = nextAudit(q(LAST_AUDIT).pluck(false).get() as Row | undefined, content);
    q(INSERT_AUDIT).run(...params);
    return entry;
  });

  return {
    ...sharedRepositories(ex),
    ...registryRepositories(ex),
    audit: auditRepository(ex, async (content) => appendAudit(content)),
    statusLists: statusListRepository(ex, {
      bits,
      setBit: async (id, index, value) => setStatusBit(id, index, value),
    }),
    recognition: recognitionRepository(ex),
    outcomes: outcomeRepository(ex),
    statistics: statisticsRepository(ex),
    wallets: walletRepository(ex),
    presentationRequests: presentationRequestRepository(ex),
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
  return {
    engine: 'sqlite',
    db,
    repos,
    transaction,
    ping: async () => {
      db.prepare('SELECT 1').get();
    },
    close: async () => {
      await tail;
      db.close();
    },
  };
}
