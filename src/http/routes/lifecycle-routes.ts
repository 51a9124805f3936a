import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf } from '../plugins/auth.js';
import { ref } from '../schemas.js';
import type {
  AccreditationChangeRequest,
  KeyChangeRequest,
  StatusChangeRequest,
} from '../schema-types.generated.js';
import { changeStatus, signedStatusList } from '../../services/issuance/status-lists.js';
import { changeAccreditation } from '../../services/registry/accreditation-lifecycle.js';
import { markKeyCompromised, rotateKey } from '../../services/registry/key-lifecycle.js';
import { signedTrustList } from '../../services/registry/trust-list.js';
import { SkillPassError } from '../../domain/errors.js';

/** Certificate status, accreditation history, key rotation and the signed trust list. */
export function lifecycleRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    app.get<{ Params: { id: string } }>(
      '/status-lists/:id',
      { schema: { tags: ['lifecycle'], summary: 'A signed BitstringStatusListCredential (cacheable)' } },
      async (req, reply) => {
        const { credential, version } = await signedStatusList(ctx, req.params.id);
        const etag = `"${req.params.id}-v${version}"`;
        reply.header('etag', etag).header('cache-control', 'public, max-age=60, stale-if-error=86400');
        if (req.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.type('application/vc+ld+json').send(credential);
      },
    );

    app.post<{ Body: StatusChangeRequest }>(
      '/credentials/status',
      {
        config: { roles: ['issuer', 'admin'] },
        schema: {
          tags: ['lifecycle', 'vc-api'],
          summary:
            "Revoke, suspend or reinstate a certificate (its centre's token, or the admin's with a reason)",
          security: [{ bearer: [] }],
          body: ref('StatusChangeRequest'),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return changeStatus(ctx, actor, {
          credentialId: req.body.credentialId,
          purpose: req.body.credentialStatus.statusPurpose,
          status: req.body.status,
          ...(req.body.reason ? { reason: req.body.reason } : {}),
        });
      },
    );

    app.post<{ Params: { slug: string; id: string }; Body: AccreditationChangeRequest }>(
      '/registry/spokes/:slug/accreditations/:id/changes',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['lifecycle', 'registry'],
          summary: 'Suspend, reinstate, amend or withdraw an accreditation from a date (admin)',
          security: [{ bearer: [] }],
          body: ref('AccreditationChangeRequest'),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return reply
          .code(201)
          .send(await changeAccreditation(ctx, actor, req.params.slug, req.params.id, req.body));
      },
    );

    app.post<{ Params: { slug: string }; Body: KeyChangeRequest }>(
      '/registry/spokes/:slug/keys/rotate',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['lifecycle', 'registry'],
          summary: "Rotate a centre's signing key (admin)",
          security: [{ bearer: [] }],
          body: ref('KeyChangeRequest'),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return reply.code(201).send(await rotateKey(ctx, actor, req.params.slug, req.body?.reason));
      },
    );

    app.post<{ Params: { slug: string }; Body: KeyChangeRequest }>(
      '/registry/spokes/:slug/keys/compromised',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['lifecycle', 'registry'],
          summary: 'Mark a centre key compromised from an instant (admin)',
          security: [{ bearer: [] }],
          body: ref('KeyChangeRequest'),
        },
      },
      async (req) => {
        const actor = actorOf(req);
        if (!req.body.key || !req.body.from || !req.body.reason)
          throw new SkillPassError('validation-failed', 'key, from and reason are required.', {
            field: 'key',
          });
        return markKeyCompromised(ctx, actor, req.params.slug, req.body.key, req.body.from, req.body.reason);
      },
    );

    app.get(
      '/registry/trust-list',
      {
        schema: {
          tags: ['lifecycle', 'registry'],
          summary: 'The hub-signed trust list (compact JWS, EdDSA)',
        },
      },
      async (req, reply) => {
        const { jws, trustList } = await signedTrustList(ctx);
        reply.header('cache-control', 'public, max-age=300');
        if ((req.query as Record<string, string>).format === 'json') return { jws, trustList };
        return reply.type('application/jwt').send(jws);
      },
    );
  };
}
