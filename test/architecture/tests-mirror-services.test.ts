import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * test/services mirrors src/services (the architecture issue "tests mirror src/ for services too"):
 * every service module that exports a function (its rules) has its own test file beside the
 * others of its group, test/services/<group>/<module>.test.ts, calling it directly on real
 * SQLite (test/helpers/test-hub.ts). Modules that export only types (the ports) have none.
 * A new service module without a test fails here; so does a test left behind by a rename.
 */
const SERVICES = fileURLToPath(new URL('../../src/services/', import.meta.url));
const TESTS = fileURLToPath(new URL('../services/', import.meta.url));

/**
 * Service modules tested elsewhere, each with where: `<group>/<module>` -> the tests that cover it.
 * Empty: every service module has its own test. An entry here needs a reason a direct test
 * cannot give (e.g. a module only a running server exercises), and the place that covers it.
 */
const COVERED_ELSEWHERE: Record<string, string> = {};

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

/** a function or class among the module's exports (a `function`, a `class`, or a `const` arrow function) */
const exportsAFunction = (source: string): boolean =>
  /^export\s+(?:async\s+)?function\b|^export\s+class\b|^export\s+const\s+\w+\s*(?::[^=\n]+)?=\s*(?:async\s*)?(?:\(|<|\w+\s*=>)/m.test(
    source,
  );

/** `<group>/<module>` (or `<module>` for the top-level files) for each service module with rules */
const modulesWithRules = (): string[] =>
  files(SERVICES, '.ts')
    .filter((f) => exportsAFunction(readFileSync(f, 'utf8')))
    .map((f) => relative(SERVICES, f).replace(/\.ts$/, ''))
    .sort();

describe('tests mirror src/services', () => {
  it('recognises the modules that hold rules, and not the type-only ports', () => {
    const modules = modulesWithRules();
    expect(modules).toEqual(
      expect.arrayContaining(['issuance/issue-certificate', 'cohorts/batch-runner', 'hub-context']),
    );
    for (const port of ['ports', 'crypto-ports', 'format-ports']) expect(modules).not.toContain(port);
    expect(exportsAFunction('export const x = async (a: number) => a;')).toBe(true);
    expect(exportsAFunction('export const x = (\n  a: number,\n) => a;')).toBe(true);
    expect(exportsAFunction('export async function f() {}')).toBe(true);
    expect(exportsAFunction('export class Runner {}')).toBe(true);
    expect(
      exportsAFunction('export const LIMIT = 5;\nexport interface A {}\nexport type B = () => void;'),
    ).toBe(false);
  });

  it('every service module that exports a function has test/services/<group>/<module>.test.ts', () => {
    const missing = modulesWithRules().filter(
      (m) => !(m in COVERED_ELSEWHERE) && !existsSync(join(TESTS, `${m}.test.ts`)),
    );
    expect(missing.map((m) => `src/services/${m}.ts has no test/services/${m}.test.ts`)).toEqual([]);
  });

  it('every test under test/services names a service module (moved or renamed together)', () => {
    const orphans = files(TESTS, '.test.ts')
      .map((f) => relative(TESTS, f).replace(/\.test\.ts$/, ''))
      .filter((m) => !existsSync(join(SERVICES, `${m}.ts`)));
    expect(orphans.map((m) => `test/services/${m}.test.ts: no src/services/${m}.ts`)).toEqual([]);
  });

  it('the allow-list holds only modules that exist and have no test of their own, each saying where it is covered', () => {
    for (const [m, where] of Object.entries(COVERED_ELSEWHERE)) {
      expect(existsSync(join(SERVICES, `${m}.ts`)), m).toBe(true);
      expect(
        existsSync(join(TESTS, `${m}.test.ts`)),
        `${m} has its own test now: drop it from the list`,
      ).toBe(false);
      expect(where.trim(), m).not.toBe('');
    }
  });
});
