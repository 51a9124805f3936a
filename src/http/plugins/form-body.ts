import type { FastifyInstance } from 'fastify';

/**
 * Reads `application/x-www-form-urlencoded` bodies (what a browser's form or a wallet's
 * direct_post sends) into a plain object of strings, in the plugin that calls it only (Fastify
 * scopes a content-type parser to its plugin). A repeated name keeps its last value, as
 * URLSearchParams does; the OAuth token endpoint, which must refuse repeats (RFC 6749 §3.1),
 * has its own parser. `bodyLimit` in bytes; Fastify's default when absent.
 */
export function acceptFormBodies(app: FastifyInstance, bodyLimit?: number): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', ...(bodyLimit !== undefined ? { bodyLimit } : {}) },
    (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
}
