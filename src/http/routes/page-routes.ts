import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { loadCertificate, verifyWithHub } from '../../services/verification-service.js';
import { renderVerifyPage } from '../pages/verify-page.js';
import { isSkillPassError } from '../../domain/errors.js';

/** GET /v/:id: the page a certificate's QR code opens. */
export function pageRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    app.get<{ Params: { id: string } }>('/v/:id', { schema: { tags: ['pages'], hide: true } }, async (req, reply) => {
      try {
        const result = await verifyWithHub(ctx, await loadCertificate(ctx, req.params.id));
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderVerifyPage(result));
      } catch (err) {
        if (isSkillPassError(err) && err.code === 'not-found') {
          return reply.code(404).type('text/html; charset=utf-8').send(renderVerifyPage({
            outcome: 'invalid', verifiedAt: new Date().toISOString(),
            checks: [{ id: 'well-formed', outcome: 'invalid', code: 'unknown-certificate', message: 'This hub has no certificate with this number.' }],
          }));
        }
        throw err;
      }
    });
  };
}
