import type { FastifyInstance } from 'fastify';
import { jsonBoundsProblem } from '../../domain/json-bounds.js';
import { SkillPassError } from '../../domain/errors.js';

/**
 * Every application/json body is read within bounds: its size by fastify's body limit (413
 * `body-too-large`), its nesting and keys by ../../domain/json-bounds.ts on the text, before
 * it is parsed and before schema validation, JSON-LD or a proof worker walk it (400
 * `too-deep`, 400 `forbidden-key` for `__proto__`, `toString` ...). Within bounds it is
 * fastify's own parser, unchanged (secure-json-parse).
 */
export function registerBoundedJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    // the size is fastify's (route body limits differ); the depth is ours
    const problem = jsonBoundsProblem(body as string, { maxLength: Number.POSITIVE_INFINITY });
    if (problem) {
      done(
        new SkillPassError(
          problem.code,
          problem.message,
          problem.limit !== undefined ? { limit: problem.limit } : undefined,
        ),
        undefined,
      );
      return;
    }
    void parse(req, body as string, done); // callback style: it answers through done, never a promise
  });
}
