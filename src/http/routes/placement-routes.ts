import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf } from '../plugins/auth.js';
import type { IdempotentReply } from '../plugins/idempotency.js';
import { ref } from '../schemas.js';
import type { FollowUpRequest, PlacementRequest } from '../schema-types.generated.js';
import { listPlacements, recordPlacement } from '../../services/outcomes/placements.js';
import { answerFollowUp, followUpsDue } from '../../services/outcomes/follow-ups.js';
import type { CredentialInput } from '../../services/verification/verify-credential.js';

/**
 * Placements and tracer follow-ups (README "Placements and follow-ups"). Employer tokens only:
 * every other role, a programme token above all, gets 403 before the body is read
 * (../plugins/auth.ts). Thin: the rules are in src/domain/outcomes, the use cases in
 * src/services/outcomes.
 */
export function placementRoutes(ctx: HubContext, idempotent: IdempotentReply) {
  return async (app: FastifyInstance) => {
    const employerOnly = { roles: ['employer'] as const };
    app.post<{ Body: PlacementRequest }>(
      '/placements',
      {
        config: employerOnly,
        schema: {
          tags: ['outcomes'],
          summary: 'Record a placement of a certified worker who consented to follow-up (employer token)',
          security: [{ bearer: [] }],
          body: ref('PlacementRequest'),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        // Idempotency-Key: the answer is recorded in the placement's own unit of work
        return idempotent(req, reply, actor, async (save) => {
          const answer = (p: { id: string }) => ({
            status: 201,
            body: p,
            headers: { location: `/placements/${p.id}` },
          });
          return answer(
            await recordPlacement(
              ctx,
              actor,
              { ...req.body, certificate: req.body.certificate as CredentialInput },
              (tx, view) => save(tx, answer(view)),
            ),
          );
        });
      },
    );

    app.get<{ Querystring: { limit?: string; offset?: string } }>(
      '/placements',
      {
        config: employerOnly,
        schema: {
          tags: ['outcomes'],
          summary: "The employer token's own placements, with their follow-up marks (employer token)",
          security: [{ bearer: [] }],
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              // query values are text (request validation does not coerce types), as GET /certificates
              limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
              offset: { type: 'string', pattern: '^[0-9]{1,7}$' },
            },
          },
        },
      },
      async (req) =>
        listPlacements(ctx, actorOf(req), {
          ...(req.query.limit ? { limit: Number(req.query.limit) } : {}),
          ...(req.query.offset ? { offset: Number(req.query.offset) } : {}),
        }),
    );

    app.post<{ Params: { id: string }; Body: FollowUpRequest }>(
      '/placements/:id/follow-ups',
      {
        config: employerOnly,
        schema: {
          tags: ['outcomes'],
          summary: "Answer a placement's 3-, 6- or 12-month follow-up, once, when due (employer token)",
          security: [{ bearer: [] }],
          params: {
            type: 'object',
            required: ['id'],
            properties: { id: { type: 'string', maxLength: 100 } },
          },
          body: ref('FollowUpRequest'),
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(
            await answerFollowUp(
              ctx,
              actorOf(req),
              req.params.id,
              req.body as Parameters<typeof answerFollowUp>[3],
            ),
          ),
    );

    app.get(
      '/follow-ups/due',
      {
        config: employerOnly,
        schema: {
          tags: ['outcomes'],
          summary: "Follow-ups due now and not answered for the employer token's placements (employer token)",
          security: [{ bearer: [] }],
        },
      },
      async (req) => followUpsDue(ctx, actorOf(req)),
    );
  };
}
