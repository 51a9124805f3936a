import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The layering rules of docs/architecture.md ("Layers"), checked on the source itself. */
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}
const imports = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);

describe('architecture', () => {
  it('only the typed wrapper imports the @digitalbazaar packages', () => {
    const offenders = files(SRC).filter((f) => !/adapters\/crypto\/digitalbazaar(-contexts)?\.ts$/.test(f))
      .filter((f) => imports(f).some((i) => i.startsWith('@digitalbazaar/') || i.startsWith('@digitalcredentials/')));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('only the typed Ed25519 module imports sodium-native (its types are declared once, for it)', () => {
    const offenders = files(SRC).filter((f) => !/adapters\/crypto\/ed25519\.ts$/.test(f)).filter((f) => imports(f).includes('sodium-native'));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
    expect(imports(join(SRC, 'adapters/crypto/ed25519.ts'))).toContain('sodium-native');
  });

  it('src/domain is pure: no I/O, no framework, no other layer', () => {
    const forbidden = /^(fastify|@fastify\/|better-sqlite3|pg$|node:fs|node:net|node:http|node:child_process|jose|jsonld|qrcode)|\/(adapters|services|http|cli)\//;
    const offenders = files(join(SRC, 'domain')).flatMap((f) => imports(f).filter((i) => forbidden.test(i)).map((i) => `${relative(SRC, f)} -> ${i}`));
    expect(offenders).toEqual([]);
  });

  it('services do not reach into http or cli; http routes do not import SQL adapters', () => {
    const bad = [
      ...files(join(SRC, 'services')).flatMap((f) => imports(f).filter((i) => /\/(http|cli)\/|better-sqlite3|^pg$/.test(i)).map((i) => `${relative(SRC, f)} -> ${i}`)),
      ...files(join(SRC, 'http')).flatMap((f) => imports(f).filter((i) => /adapters\/(sqlite|postgres)|better-sqlite3|^pg$/.test(i)).map((i) => `${relative(SRC, f)} -> ${i}`)),
    ];
    expect(bad).toEqual([]);
  });

  it('one error hierarchy: the domain names codes and whose fault they are; HTTP statuses live in the HTTP layer, one for every code', async () => {
    const { ERROR_CATALOGUE } = await import('../../src/domain/errors.js');
    const { PROBLEM_STATUS } = await import('../../src/http/plugins/problem-status.js');
    expect(Object.values(ERROR_CATALOGUE).every((e) => !('status' in e))).toBe(true);
    expect(Object.keys(PROBLEM_STATUS).sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    for (const [code, { fault }] of Object.entries(ERROR_CATALOGUE)) expect(PROBLEM_STATUS[code as keyof typeof PROBLEM_STATUS] >= 500, code).toBe(fault === 'service');
    // no other Error class for what a caller must answer: the proof pool's "queue full" is a SkillPassError ('overloaded')
    const extraErrors = files(SRC).filter((f) => /class \w+Error extends Error/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f)).sort();
    expect(extraErrors).toEqual(['adapters/contexts/document-loader.ts', 'adapters/csv/csv-input.ts', 'cli/certify.ts', 'config.ts', 'domain/errors.ts']);
  });
});
