import type { FastifyInstance } from 'fastify';
import { jsonBoundsProblem } from '../../domain/json-bounds.js';
import { SkillPassError } from '../../domain/errors.js';

/**
 * Every application/json body is read within bounds: its size by fastify's body limit (413
 * `body-too-large`), its nesting by ../../domain/json-bounds.ts on the text, before it is
 * parsed and before schema validation, JSON-LD or a proof worker walk it (400 `too-deep`).
 * Within bounds it is fastify's own parser, unchanged: secure-json-parse refusing
 * `__proto__` and `constructor.prototype` keys (400 `malformed-json`).
 */
export function registerBoundedJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    // the size is fastify's (route body limits differ); the depth is ours
    const problem = jsonBoundsProblem(body as string, { maxLength: Number.POSITIVE_INFINITY });
    if (problem) { done(new SkillPassError(problem.code, problem.message, { limit: problem.limit }), undefined); return; }
    parse(req, body as string, done);
  });
}
