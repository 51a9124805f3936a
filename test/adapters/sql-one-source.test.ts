import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * One SQL source (issue 18): the repositories are written once in src/adapters/sql/ for both
 * engines; an engine's store keeps only what truly differs (reading and setting one bit of a
 * status list's BLOB, the audit append's lock, transactions). Checked on the source itself.
 */
const ADAPTERS = fileURLToPath(new URL('../../src/adapters/', import.meta.url));
const ENGINE_STORES = ['sqlite/sqlite-store.ts', 'postgres/pg-store.ts'];
const source = (file: string) => readFileSync(ADAPTERS + file, 'utf8');

/** every table the migrations create */
const tables = new Set(
  readdirSync(ADAPTERS + 'sql-migrations')
    .filter((f) => f.endsWith('.sql'))
    .flatMap((f) =>
      [...source(`sql-migrations/${f}`).matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/gi)].map((m) =>
        m[1]!.toLowerCase(),
      ),
    ),
);
/** the tables a file's SQL reads from, inserts into or updates */
const tablesNamed = (text: string) =>
  [...new Set([...text.matchAll(/\b(?:FROM|INTO|UPDATE)\s+(\w+)/gi)].map((m) => m[1]!.toLowerCase()))]
    .filter((t) => tables.has(t))
    .sort();
/** the string literals of a file that are SQL statements on a table (a ping's SELECT 1 names none) */
const sqlLiterals = (text: string) =>
  [...text.matchAll(/'([^'\n]*)'|`([^`]*)`/g)]
    .map((m) => (m[1] ?? m[2])!.replace(/\s+/g, ' ').trim())
    .filter((s) => /^(WITH|SELECT|INSERT|UPDATE|DELETE)\b/i.test(s) && /\b(FROM|INTO|UPDATE)\s+\w+/i.test(s));

describe('one SQL source for both engines', () => {
  it('the engine stores name no table but status_lists, whose one-bit read and write differ per engine', () => {
    expect(tables.has('frameworks') && tables.has('spoke_keys') && tables.has('accreditation_events')).toBe(
      true,
    );
    for (const file of ENGINE_STORES) expect(tablesNamed(source(file)), file).toEqual(['status_lists']);
  });

  it('no SQL statement is written in both engine stores', () => {
    const [sqlite, pg] = ENGINE_STORES.map((f) => sqlLiterals(source(f)));
    expect(sqlite!.length).toBeGreaterThan(0);
    expect(pg!.length).toBeGreaterThan(0);
    expect(sqlite!.filter((s) => pg!.includes(s))).toEqual([]);
  });
});
