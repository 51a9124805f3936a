import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf } from '../plugins/auth.js';
import { ref } from '../schemas.js';
import type { AccreditationRequest, QualificationRequest, SpokeRequest } from '../schema-types.generated.js';
import {
  createQualification,
  createSpoke,
  describeSpoke,
  grantAccreditation,
} from '../../services/registry/registry-service.js';
import {
  allSpokes,
  findAqrfLevel,
  findFramework,
  findQualificationView,
  frameworkRegistry,
  qualificationViews,
} from '../../services/registry/registry-queries.js';

const slugParams = {
  type: 'object',
  properties: { slug: { type: 'string', maxLength: 64 } },
  required: ['slug'],
} as const;

export function registryRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    app.get(
      '/registry/frameworks',
      { schema: { tags: ['registry'], summary: 'The AQRF and national frameworks with their referencing' } },
      async () => frameworkRegistry(ctx),
    );

    app.get<{ Params: { id: string } }>(
      '/registry/frameworks/:id',
      { schema: { tags: ['registry'] } },
      async (req) => findFramework(ctx, req.params.id),
    );

    app.get<{ Params: { level: string } }>(
      '/registry/frameworks/AQRF/levels/:level',
      { schema: { tags: ['registry'], summary: 'One AQRF level (the IRI credentials align to)' } },
      async (req) => findAqrfLevel(ctx, req.params.level),
    );

    app.get('/registry/qualifications', { schema: { tags: ['registry'] } }, async () => ({
      qualifications: await qualificationViews(ctx),
    }));

    app.get<{ Params: { code: string } }>(
      '/registry/qualifications/:code',
      { schema: { tags: ['registry'] } },
      async (req) => findQualificationView(ctx, req.params.code),
    );

    app.post<{ Body: QualificationRequest }>(
      '/registry/qualifications',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['registry'],
          summary: 'Add a qualification (admin)',
          security: [{ bearer: [] }],
          body: ref('QualificationRequest'),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return reply.code(201).send(await createQualification(ctx, actor, req.body));
      },
    );

    app.get('/registry/spokes', { schema: { tags: ['registry'] } }, async () => ({
      spokes: await allSpokes(ctx),
    }));

    app.post<{ Body: SpokeRequest }>(
      '/registry/spokes',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['registry'],
          summary: 'Register a testing centre (admin); the token is shown once',
          security: [{ bearer: [] }],
          body: ref('SpokeRequest'),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const { spoke, token, key } = await createSpoke(ctx, actor, req.body);
        return reply
          .code(201)
          .send({ slug: spoke.slug, did: spoke.did, name: spoke.name, country: spoke.country, token, key });
      },
    );

    app.get<{ Params: { slug: string } }>(
      '/registry/spokes/:slug',
      { schema: { tags: ['registry'], params: slugParams } },
      async (req) => describeSpoke(ctx, req.params.slug),
    );

    app.post<{ Params: { slug: string }; Body: AccreditationRequest }>(
      '/registry/spokes/:slug/accreditations',
      {
        config: { roles: ['admin'] },
        schema: {
          tags: ['registry'],
          summary: 'Accredit a testing centre (admin)',
          security: [{ bearer: [] }],
          params: slugParams,
          body: ref('AccreditationRequest'),
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return reply.code(201).send(await grantAccreditation(ctx, actor, req.params.slug, req.body));
      },
    );
  };
}
