import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generate } from '../../scripts/generate-schema-types.js';

/** The TypeScript types are generated from schemas/: a schema change without `npm run gen:types` fails here. */
describe('schema types', () => {
  it('src/http/schema-types.generated.ts is what schemas/ generate today', async () => {
    const current = readFileSync(
      new URL('../../src/http/schema-types.generated.ts', import.meta.url),
      'utf8',
    );
    expect(current === (await generate()), 'run npm run gen:types').toBe(true);
  }, 60_000);
});
