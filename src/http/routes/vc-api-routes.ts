import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf } from '../plugins/auth.js';
import type { IdempotentReply } from '../plugins/idempotency.js';
import { ref } from '../schemas.js';
import type { VcIssueRequest, VcVerifyRequest, VpVerifyRequest } from '../schema-types.generated.js';
import { issueViaVcApi } from '../../services/issuance/vc-api-issue.js';
import {
  verifyCredentialViaVcApi,
  verifyPresentationViaVcApi,
} from '../../services/verification/vc-api-verify.js';
import { noteVerification, verifierDestination } from '../../services/outcomes/statistics-events.js';
import type { CredentialInput } from '../../services/verification/verify-credential.js';

/** The W3C VC API endpoints standard clients use (https://w3c-ccg.github.io/vc-api/). */
export function vcApiRoutes(ctx: HubContext, idempotent: IdempotentReply) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: VcIssueRequest }>(
      '/credentials/issue',
      {
        config: { roles: ['issuer'] },
        schema: {
          tags: ['vc-api'],
          summary: 'Sign a credential as this centre (centre token)',
          security: [{ bearer: [] }],
          body: ref('VcIssueRequest'),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return idempotent(req, reply, actor, async (save) => {
          const verifiableCredential = await issueViaVcApi(
            ctx,
            actor,
            req.body.credential,
            req.body.options ?? {},
            (tx, vc) => save(tx, { status: 201, body: { verifiableCredential: vc } }),
          );
          return { status: 201, body: { verifiableCredential } };
        });
      },
    );

    app.post<{ Body: VcVerifyRequest }>(
      '/credentials/verify',
      {
        schema: {
          tags: ['vc-api'],
          summary: '200 when proof, validity and status pass; 422 with the full result otherwise',
          body: ref('VcVerifyRequest'),
        },
      },
      async (req, reply) => {
        const result = await verifyCredentialViaVcApi(
          ctx,
          req.body.verifiableCredential as CredentialInput,
          req.body.options ?? {},
        );
        noteVerification(ctx, result.skillpass, await verifierDestination(ctx, req.headers.authorization));
        return reply.code(result.verified ? 200 : 422).send(result);
      },
    );

    app.post<{ Body: VpVerifyRequest }>(
      '/presentations/verify',
      {
        schema: {
          tags: ['vc-api'],
          summary: 'Verify a presentation and every credential in it',
          body: ref('VpVerifyRequest'),
        },
      },
      async (req, reply) => {
        const result = await verifyPresentationViaVcApi(
          ctx,
          req.body.verifiablePresentation,
          req.body.options ?? {},
        );
        return reply.code(result.verified ? 200 : 422).send(result);
      },
    );
  };
}
