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
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map(
    (m) => m[1]!,
  );
/** every module a file names: static imports and re-exports (type-only ones too), bare `import '...'` and dynamic `import('...')` */
const modules = (file: string): string[] =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /(?:^\s*(?:import|export)\s[^'"]*?from\s+|^\s*import\s+|\bimport\(\s*)['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1]!);
/** `layer`'s files that name a module under src/adapters */
const adapterImports = (layer: string): string[] =>
  files(join(SRC, layer)).flatMap((f) =>
    modules(f)
      .filter((i) => /(^|\/)adapters\//.test(i))
      .map((i) => `${relative(SRC, f)} -> ${i}`),
  );
/** the repositories of the storage port (the `Repositories` interface in services/ports.ts) */
const repositoryNames = (): string[] => {
  const block =
    /export interface Repositories \{([^}]*)\}/.exec(
      readFileSync(join(SRC, 'services/ports.ts'), 'utf8'),
    )?.[1] ?? '';
  return [...block.matchAll(/^\s*(\w+):/gm)].map((m) => m[1]!);
};

describe('architecture', () => {
  it('only the typed wrapper imports the @digitalbazaar packages', () => {
    const offenders = files(SRC)
      .filter((f) => !/adapters\/crypto\/suites\/digitalbazaar(-contexts)?\.ts$/.test(f))
      .filter((f) =>
        imports(f).some((i) => i.startsWith('@digitalbazaar/') || i.startsWith('@digitalcredentials/')),
      );
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('only the typed Ed25519 module imports sodium-native (its types are declared once, for it)', () => {
    const offenders = files(SRC)
      .filter((f) => !/adapters\/crypto\/keys\/ed25519\.ts$/.test(f))
      .filter((f) => imports(f).includes('sodium-native'));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
    expect(imports(join(SRC, 'adapters/crypto/keys/ed25519.ts'))).toContain('sodium-native');
  });

  it('src/domain is pure: no I/O, no framework, no other layer', () => {
    const forbidden =
      /^(fastify|@fastify\/|better-sqlite3|pg$|node:fs|node:net|node:http|node:child_process|jose|jsonld|qrcode)|\/(adapters|services|http|cli)\//;
    const offenders = files(join(SRC, 'domain')).flatMap((f) =>
      imports(f)
        .filter((i) => forbidden.test(i))
        .map((i) => `${relative(SRC, f)} -> ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('services do not reach into http or cli; http routes do not import SQL adapters', () => {
    const bad = [
      ...files(join(SRC, 'services')).flatMap((f) =>
        imports(f)
          .filter((i) => /\/(http|cli)\/|better-sqlite3|^pg$/.test(i))
          .map((i) => `${relative(SRC, f)} -> ${i}`),
      ),
      ...files(join(SRC, 'http')).flatMap((f) =>
        imports(f)
          .filter((i) => /adapters\/(sqlite|postgres)|better-sqlite3|^pg$/.test(i))
          .map((i) => `${relative(SRC, f)} -> ${i}`),
      ),
    ];
    expect(bad).toEqual([]);
  });

  // the dependency rule (docs/architecture.md, "Layers"): http and cli call services, services call
  // the domain; adapters are reached only through the ports the wiring (src/wiring.ts) hands over
  it('services import no adapter (type-only imports included): they get ports', () => {
    expect(files(join(SRC, 'services')).length).toBeGreaterThan(10);
    expect(adapterImports('services')).toEqual([]);
  });

  it('http imports no adapter (type-only imports included): it gets ports through the hub context', () => {
    expect(files(join(SRC, 'http')).length).toBeGreaterThan(10);
    expect(adapterImports('http')).toEqual([]);
    // the scan sees an arrow where there is one: the wiring is where adapters are chosen
    expect(modules(join(SRC, 'wiring.ts')).filter((i) => i.startsWith('./adapters/')).length).toBeGreaterThan(
      5,
    );
  });

  it("cli commands import no adapter: only src/cli/main.ts, the command line's composition root (like src/wiring.ts), picks one", () => {
    const commands = files(join(SRC, 'cli')).filter((f) => !f.endsWith('/cli/main.ts'));
    expect(commands.map((f) => relative(SRC, f))).toContain('cli/certify.ts');
    expect(adapterImports('cli').filter((line) => !line.startsWith('cli/main.ts'))).toEqual([]);
  });

  it('http reads no repository: route handlers, pages and plugins call services', () => {
    const names = repositoryNames();
    expect(names).toEqual(expect.arrayContaining(['certificates', 'frameworks', 'idempotency', 'tokens']));
    // `ctx.store.repos...`, `const { repos } = ctx.store`, a unit of work, or a repository reached through one (`tx.idempotency.complete`)
    const forbidden = new RegExp(
      `\\brepos\\b|\\bstore\\.transaction\\b|\\b(?:tx|repos)\\??\\.(?:${names.join('|')})\\b`,
    );
    const offenders = files(join(SRC, 'http')).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (forbidden.test(line) ? [`${relative(SRC, f)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('one error hierarchy: the domain names codes and whose fault they are; HTTP statuses live in the HTTP layer, one for every code', async () => {
    const { ERROR_CATALOGUE } = await import('../../src/domain/errors.js');
    const { PROBLEM_STATUS } = await import('../../src/http/plugins/problem-status.js');
    expect(Object.values(ERROR_CATALOGUE).every((e) => !('status' in e))).toBe(true);
    expect(Object.keys(PROBLEM_STATUS).sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    for (const [code, { fault }] of Object.entries(ERROR_CATALOGUE))
      expect(PROBLEM_STATUS[code as keyof typeof PROBLEM_STATUS] >= 500, code).toBe(fault === 'service');
    // no other Error class for what a caller must answer: the proof pool's "queue full" is a SkillPassError ('overloaded')
    const extraErrors = files(SRC)
      .filter((f) => /class \w+Error extends Error/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f))
      .sort();
    expect(extraErrors).toEqual([
      'adapters/contexts/document-loader.ts',
      'adapters/csv/csv-input.ts',
      'cli/certify.ts',
      'config.ts',
      'domain/errors.ts',
    ]);
  });
});
