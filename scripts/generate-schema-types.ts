/**
 * Writes src/http/schema-types.generated.ts from schemas/*.json, so the TypeScript
 * types never drift from what requests are validated against. Run: npm run gen:types.
 * `--check` exits non-zero when the file is out of date (the test suite runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';
import { loadSchemas } from '../src/http/schemas.js';

const OUT = new URL('../src/http/schema-types.generated.ts', import.meta.url);

/** Rewrites `{"$ref": "Name#"}` to a local definition, so one bundle compiles at once. */
function localRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(localRefs);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.endsWith('#')
          ? `#/definitions/${v.slice(0, -1)}`
          : localRefs(v),
      ]),
    );
  }
  return value;
}

export async function generate(): Promise<string> {
  const schemas = loadSchemas();
  const definitions = Object.fromEntries(
    schemas.map(({ $id, ...rest }) => [$id, localRefs({ ...rest, title: $id })]),
  );
  const bundle = {
    title: 'SchemaTypes',
    type: 'object',
    additionalProperties: false,
    definitions,
    properties: Object.fromEntries(schemas.map((s) => [s.$id, { $ref: `#/definitions/${s.$id}` }])),
  };
  const ts = await compile(bundle as never, 'SchemaTypes', {
    bannerComment:
      '/* Generated from schemas/*.json by scripts/generate-schema-types.ts. Do not edit: run npm run gen:types. */',
    unreachableDefinitions: true,
    additionalProperties: false,
    format: true,
    style: { singleQuote: true, printWidth: 120 },
  });
  return ts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ts = await generate();
  if (process.argv.includes('--check')) {
    if (readFileSync(OUT, 'utf8') !== ts) {
      console.error('src/http/schema-types.generated.ts is out of date: run npm run gen:types');
      process.exit(1);
    }
  } else {
    writeFileSync(OUT, ts);
    console.log('wrote', OUT.pathname);
  }
}
