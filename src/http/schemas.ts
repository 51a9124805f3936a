import { readdirSync, readFileSync } from 'node:fs';

/**
 * The JSON Schemas in schemas/ are the single source for request validation (fastify/ajv),
 * the OpenAPI document (@fastify/swagger) and the TypeScript types
 * (scripts/generate-schema-types.ts writes src/http/schema-types.generated.ts).
 */
export const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);

export interface JsonSchema {
  $id: string;
  [k: string]: unknown;
}

export function loadSchemas(): JsonSchema[] {
  return readdirSync(SCHEMAS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(new URL(f, SCHEMAS_DIR), 'utf8')) as JsonSchema);
}

/** A reference to a shared schema by its $id, for route definitions. */
export const ref = (id: string): { $ref: string } => ({ $ref: `${id}#` });
