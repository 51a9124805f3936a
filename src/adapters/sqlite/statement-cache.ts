import type Database from 'better-sqlite3';
import { BoundedMap } from '../../domain/bounded-map.js';

/**
 * Prepared statements by SQL text: preparing is a measurable part of a short query (bench/).
 * Bounded (../../domain/bounded-map.ts): most texts are fixed, but some are built per call (a
 * cohort's row inserts, one text per chunk length up to 400 rows of placeholders; a search over
 * however many centres a token sees), and each prepared statement holds its compiled program in
 * native memory for as long as it is cached. A statement dropped here is prepared again when next
 * used (and freed by the collector).
 */
export const MAX_STATEMENTS = 256;

export class StatementCache {
  private readonly statements: BoundedMap<string, Database.Statement>;
  constructor(
    private readonly db: Database.Database,
    max = MAX_STATEMENTS,
  ) {
    this.statements = new BoundedMap(max);
  }

  get(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  get size(): number {
    return this.statements.size;
  }
}
