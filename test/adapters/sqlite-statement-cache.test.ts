import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { MAX_STATEMENTS, StatementCache } from '../../src/adapters/sqlite/statement-cache.js';

/** Prepared statements hold native memory: the SQLite store keeps a bounded number (bounded memory, issue 18). */
describe('StatementCache', () => {
  it('never holds more than its bound however many distinct SQL texts arrive, and keeps a statement in use', () => {
    const db = new Database(':memory:');
    const cache = new StatementCache(db);
    const hot = cache.get('SELECT 1');
    // texts built per call, as a cohort's row inserts are (one per chunk length)
    for (let n = 1; n <= MAX_STATEMENTS * 4; n++) {
      cache.get(`SELECT ${Array.from({ length: (n % 400) + 1 }, () => '?').join(', ')} WHERE ${n} > 0`);
      expect(cache.get('SELECT 1')).toBe(hot);
      expect(cache.size).toBeLessThanOrEqual(MAX_STATEMENTS);
    }
    expect(cache.size).toBeGreaterThanOrEqual(MAX_STATEMENTS / 2);
    db.close();
  });

  it('hands back the same prepared statement for the same text', () => {
    const db = new Database(':memory:');
    const cache = new StatementCache(db);
    expect(cache.get('SELECT 2')).toBe(cache.get('SELECT 2'));
    expect(cache.get('SELECT 2').pluck().get()).toBe(2);
    db.close();
  });
});
