import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_CODES } from '../../src/domain/check-codes.js';
import { ERROR_CATALOGUE } from '../../src/domain/errors.js';
import { checkCodeTable, errorCodeTable } from '../../scripts/code-tables.js';

/**
 * The typed code catalogues (src/domain/check-codes.ts, src/domain/errors.ts), the README's code
 * tables and the translation keys agree: no code the service gives is missing from the README,
 * no listed or translated code is one the service never gives.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const between = (start: string, end: string) =>
  readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end)).trim();
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

describe('the code catalogues', () => {
  it('the README lists exactly the check codes and the error codes (npm run gen:codes)', () => {
    expect(between('<!-- check-codes:start -->', '<!-- check-codes:end -->')).toBe(checkCodeTable());
    expect(between('<!-- error-codes:start -->', '<!-- error-codes:end -->')).toBe(errorCodeTable());
  });

  it('every catalogued check code is one the source gives somewhere (no dead entries)', () => {
    const text = sources(join(ROOT, 'src'))
      .filter((f) => !f.endsWith('check-codes.ts'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = Object.keys(CHECK_CODES).filter((code) => !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('every translated code (code.<code> in data/i18n/) is a catalogued check or error code, in every language', () => {
    const known = new Set([...Object.keys(CHECK_CODES), ...Object.keys(ERROR_CATALOGUE)]);
    for (const file of readdirSync(join(ROOT, 'data/i18n')).filter((f) => f.endsWith('.json'))) {
      const keys = Object.keys(
        JSON.parse(readFileSync(join(ROOT, 'data/i18n', file), 'utf8')) as Record<string, unknown>,
      );
      const stale = keys.filter((k) => k.startsWith('code.') && !known.has(k.slice(5)));
      expect(stale, file).toEqual([]);
    }
  });

  it('a check code names its check (the catalogue is the one source of which check gives it)', () => {
    const checks = new Set([
      'well-formed',
      'proof',
      'issuer',
      'accreditation',
      'level',
      'validity',
      'status',
      'holder-binding',
    ]);
    expect(Object.values(CHECK_CODES).every((c) => checks.has(c.check))).toBe(true);
  });
});
