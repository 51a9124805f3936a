import type { FastifyInstance, FastifyReply } from 'fastify';
import { acceptFormBodies } from '../plugins/form-body.js';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf } from '../plugins/auth.js';
import { ref } from '../schemas.js';
import type { PresentationRequestInput } from '../schema-types.generated.js';
import {
  REQUEST_OBJECT_TYPE,
  createPresentationRequest,
  readPresentationRequest,
  receivePresentation,
  requestForPage,
  requestObject,
} from '../../services/presentations/presentation-requests.js';
import { oauthAnswer } from '../../domain/presentations/oauth-error.js';
import { SkillPassError } from '../../domain/errors.js';
import { describeCertificate } from '../../services/verification/certificate-view.js';
import { negotiateLang, translator } from '../pages/i18n.js';
import { renderRequestPage } from '../pages/request-page.js';
import { renderVerifyPage } from '../pages/verify-page.js';

type Query = { lang?: string | string[]; key?: string };

/**
 * OpenID4VP for employers (README "Asking a worker's wallet for a certificate (OpenID4VP)").
 * The employer's endpoints take an employer token and answer problem+json like the rest of the
 * API; the two the wallet calls (the request object, the direct_post response) answer errors in
 * OAuth style, `{error, error_description}` (OpenID4VP 1.0 §8.5), the documented exception.
 * Thin: the use cases are in src/services/presentations, the rules in src/domain/presentations.
 */
export function presentationRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    // direct_post sends application/x-www-form-urlencoded (OpenID4VP 1.0 §8.2); this parser applies to these routes only
    acceptFormBodies(app);
    const oauth = async (reply: FastifyReply, fn: () => Promise<unknown>) => {
      try {
        return await fn();
      } catch (err) {
        const answer = oauthAnswer(err);
        if (!answer) throw err;
        return reply.code(answer.status).header('cache-control', 'no-store').send(answer.body);
      }
    };
    const employerOnly = { roles: ['employer'] as const };
    const idParams = {
      type: 'object',
      properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' } },
      required: ['id'],
    };

    app.post<{ Body: PresentationRequestInput }>(
      '/presentation-requests',
      {
        config: employerOnly,
        schema: {
          tags: ['presentations'],
          summary:
            "Ask a worker's wallet for a certificate of one qualification over OpenID4VP (employer token)",
          security: [{ bearer: [] }],
          body: ref('PresentationRequestInput'),
        },
      },
      async (req, reply) => {
        const created = await createPresentationRequest(ctx, actorOf(req), req.body);
        return reply.code(201).header('location', `/presentation-requests/${created.id}`).send(created);
      },
    );

    app.get<{ Params: { id: string } }>(
      '/presentation-requests/:id',
      {
        config: employerOnly,
        schema: {
          tags: ['presentations'],
          summary:
            "The employer's own request: pending, expired, or answered with the verification result (employer token)",
          security: [{ bearer: [] }],
          params: idParams,
        },
      },
      async (req, reply) =>
        reply
          .header('cache-control', 'no-store')
          .send(await readPresentationRequest(ctx, actorOf(req), req.params.id)),
    );

    app.get<{ Params: { id: string } }>(
      '/presentation-requests/:id/request-object',
      {
        schema: {
          tags: ['presentations'],
          summary: 'The signed OpenID4VP request object the wallet fetches (request_uri)',
        },
      },
      async (req, reply) =>
        oauth(reply, async () => {
          // signed first: a refusal must not go out under the request object's content type
          const jwt = await requestObject(ctx, req.params.id);
          return reply
            .type(`application/${REQUEST_OBJECT_TYPE}`)
            .header('cache-control', 'no-store')
            .send(jwt);
        }),
    );

    app.post<{ Params: { id: string }; Body: unknown }>(
      '/presentation-requests/:id/response',
      {
        schema: {
          tags: ['presentations'],
          summary:
            "The wallet's OpenID4VP answer (response_mode direct_post: vp_token and state, form-encoded)",
          params: idParams,
        },
      },
      async (req, reply) =>
        oauth(reply, async () => {
          const form = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
          return reply
            .header('cache-control', 'no-store')
            .send(await receivePresentation(ctx, req.params.id, form));
        }),
    );

    // the employer's page: the QR code while pending, then the verdict; reachable with the page key only
    const page = async (id: string, query: Query, acceptLanguage: string | undefined) => {
      const found = await requestForPage(ctx, id, typeof query.key === 'string' ? query.key : '');
      return { found, tr: translator(negotiateLang(query.lang, acceptLanguage)) };
    };
    app.get<{ Params: { id: string }; Querystring: Query }>(
      '/request/:id',
      { schema: { tags: ['pages'], hide: true } },
      async (req, reply) => {
        const { found, tr } = await page(req.params.id, req.query, req.headers['accept-language']);
        const html = (body: string, status = 200) =>
          reply
            .code(status)
            .type('text/html; charset=utf-8')
            .header('cache-control', 'no-store')
            .header('content-language', tr.lang)
            .send(body);
        if (!found) throw new SkillPassError('not-found', 'No such request, or its link is incomplete.');
        const { request, walletLink } = found;
        const key = String(req.query.key);
        const switcherPath = `/request/${encodeURIComponent(request.id)}`;
        if (request.result)
          return html(renderVerifyPage(await describeCertificate(ctx, request.result), tr, { switcherPath }));
        return html(
          renderRequestPage(request, tr, {
            qr: await ctx.formats.qr.svg(walletLink),
            walletLink,
            pollPath: `/request/${encodeURIComponent(request.id)}/state?key=${encodeURIComponent(key)}`,
            switcherPath,
            key,
          }),
        );
      },
    );
    app.get<{ Params: { id: string }; Querystring: Query }>(
      '/request/:id/state',
      { schema: { tags: ['presentations'], hide: true } },
      async (req, reply) => {
        const { found } = await page(req.params.id, req.query, undefined);
        if (!found) throw new SkillPassError('not-found', 'No such request, or its link is incomplete.');
        return reply.header('cache-control', 'no-store').send({ status: found.request.status });
      },
    );
  };
}
