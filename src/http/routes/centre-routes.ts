import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf } from '../plugins/auth.js';
import type { TokenRequest } from '../schema-types.generated.js';
import { ref } from '../schemas.js';
import { listCertificates } from '../../services/issuance/certificate-list.js';
import { createToken, listTokens, revokeToken } from '../../services/access/token-admin.js';
import { CENTRE_SCRIPT, renderCentrePage } from '../pages/centre-page.js';
import { negotiateLang, translator } from '../pages/i18n.js';

/** Certificate listing for centres and authorities, token administration, and the centre's web page. */
export function centreRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { q?: string; limit?: number; offset?: number } }>(
      '/certificates',
      {
        schema: {
          tags: ['certificates'],
          summary:
            "List and search certificates: a centre its own, an authority its country's centres', an admin all (newest first)",
          security: [{ bearer: [] }],
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              q: { type: 'string', maxLength: 200 },
              limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
              offset: { type: 'string', pattern: '^[0-9]{1,7}$' },
            },
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return listCertificates(ctx, actor, {
          ...(req.query.q ? { q: req.query.q } : {}),
          ...(req.query.limit ? { limit: Number(req.query.limit) } : {}),
          ...(req.query.offset ? { offset: Number(req.query.offset) } : {}),
        });
      },
    );

    app.post<{ Body: TokenRequest }>(
      '/tokens',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['tokens'],
          summary: 'Create a token for a role (admin); shown once, stored as a hash, expires',
          security: [{ bearer: [] }],
          body: ref('TokenRequest'),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return reply.code(201).send(await createToken(ctx, actor, req.body));
      },
    );
    app.get(
      '/tokens',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['tokens'],
          summary: 'Every token without its secret (admin)',
          security: [{ bearer: [] }],
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return { tokens: await listTokens(ctx, actor) };
      },
    );
    app.delete<{ Params: { id: string } }>(
      '/tokens/:id',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['tokens'],
          summary: 'Revoke a token (admin)',
          security: [{ bearer: [] }],
          params: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return revokeToken(ctx, actor, req.params.id);
      },
    );

    app.get<{ Querystring: { lang?: string | string[] } }>(
      '/centre',
      { schema: { tags: ['pages'], hide: true } },
      async (req, reply) => {
        const tr = translator(negotiateLang(req.query.lang, req.headers['accept-language']));
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('content-language', tr.lang)
          .header('vary', 'accept-language')
          .send(renderCentrePage('/centre.js', tr));
      },
    );
    app.get('/centre.js', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(CENTRE_SCRIPT),
    );
  };
}
