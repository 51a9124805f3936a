import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandIn, compiledIsCurrent } from '../helpers/service-command.js';
import { DIGEST_FILE, sourceDigest } from '../../scripts/source-digest.mjs';

/**
 * The tests run the compiled service only while dist/ was built from the checkout's sources: an
 * edit after the build (a source, a schema, a data file) sends them back to the sources.
 */
describe('the service the tests start', () => {
  const root = mkdtempSync(join(tmpdir(), 'skillpass-digest-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('src/cli/main.ts', 'export {};');
  write('schemas/A.json', '{}');
  write('data/i18n/en.json', '{}');
  write('data/runtime/state.json', '1');
  write('dist/src/cli/main.js', 'export {};');
  const build = () => writeFileSync(join(root, 'dist', DIGEST_FILE), `${sourceDigest(root)}\n`);

  it('is the compiled one right after a build, and node runs it directly', () => {
    build();
    expect(compiledIsCurrent(root, {})).toBe(true);
    expect(commandIn(root, true, ['serve'])).toEqual([
      process.execPath,
      [join(root, 'dist/src/cli/main.js'), 'serve'],
    ]);
    expect(compiledIsCurrent(root, { SKILLPASS_TEST_FROM_SOURCE: '1' })).toBe(false);
  });

  it('is the sources after any source, schema or data edit, and again compiled after the next build', () => {
    for (const [path, text] of [
      ['src/cli/main.ts', 'export const x = 1;'],
      ['schemas/A.json', '{"type":"object"}'],
      ['data/i18n/en.json', '{"a":"b"}'],
      ['src/new-file.ts', ''],
    ] as const) {
      build();
      write(path, text);
      expect(compiledIsCurrent(root, {}), path).toBe(false);
      expect(commandIn(root, false, ['serve'])[1]).toEqual(['--import', 'tsx', 'src/cli/main.ts', 'serve']);
    }
    build();
    expect(compiledIsCurrent(root, {})).toBe(true);
  });

  it('ignores local state (data/runtime) and needs a stamp at all', () => {
    build();
    write('data/runtime/state.json', '2');
    expect(compiledIsCurrent(root, {})).toBe(true);
    rmSync(join(root, 'dist', DIGEST_FILE));
    expect(compiledIsCurrent(root, {})).toBe(false);
  });
});
