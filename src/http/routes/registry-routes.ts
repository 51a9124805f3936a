import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { actorOf } from '../plugins/auth.js';
import { ref } from '../schemas.js';
import type { AccreditationRequest, QualificationRequest, SpokeRequest } from '../schema-types.generated.js';
import { createQualification, createSpoke, describeQualification, describeSpoke, grantAccreditation } from '../../services/registry-service.js';
import { SkillPassError } from '../../domain/errors.js';

const slugParams = { type: 'object', properties: { slug: { type: 'string', maxLength: 64 } }, required: ['slug'] } as const;

export function registryRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    const { repos } = ctx.store;

    app.get('/registry/frameworks', { schema: { tags: ['registry'], summary: 'The AQRF and national frameworks with their referencing' } }, async () => ({
      aqrf: { id: 'AQRF', levels: await repos.frameworks.listAqrfLevels() },
      frameworks: await repos.frameworks.list(),
    }));

    app.get<{ Params: { id: string } }>('/registry/frameworks/:id', { schema: { tags: ['registry'] } }, async (req) => {
      const framework = await repos.frameworks.get(req.params.id);
      if (!framework) throw new SkillPassError('not-found', `No framework ${req.params.id}.`);
      return framework.id === 'AQRF' ? { ...framework, levels: await repos.frameworks.listAqrfLevels() } : framework;
    });

    app.get<{ Params: { level: string } }>('/registry/frameworks/AQRF/levels/:level', { schema: { tags: ['registry'], summary: 'One AQRF level (the IRI credentials align to)' } }, async (req) => {
      const level = (await repos.frameworks.listAqrfLevels()).find((l) => String(l.level) === req.params.level);
      if (!level) throw new SkillPassError('not-found', `No AQRF level ${req.params.level}.`);
      return level;
    });

    app.get('/registry/qualifications', { schema: { tags: ['registry'] } }, async () => {
      const frameworks = new Map((await repos.frameworks.list()).map((f) => [f.id, f]));
      return { qualifications: await Promise.all((await repos.qualifications.list()).map((q) => describeQualification(ctx, q, frameworks.get(q.framework)))) };
    });

    app.get<{ Params: { code: string } }>('/registry/qualifications/:code', { schema: { tags: ['registry'] } }, async (req) => {
      const q = await repos.qualifications.get(req.params.code);
      if (!q) throw new SkillPassError('not-found', `No qualification ${req.params.code}.`);
      return describeQualification(ctx, q);
    });

    app.post<{ Body: QualificationRequest }>('/registry/qualifications', {
      config: { roles: ['admin'] }, schema: { tags: ['registry'], summary: 'Add a qualification (admin)', security: [{ bearer: [] }], body: ref('QualificationRequest') },
    }, async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(await createQualification(ctx, actor, req.body));
    });

    app.get('/registry/spokes', { schema: { tags: ['registry'] } }, async () => ({ spokes: await repos.spokes.list() }));

    app.post<{ Body: SpokeRequest }>('/registry/spokes', {
      config: { roles: ['admin'] }, schema: { tags: ['registry'], summary: 'Register a testing centre (admin); the token is shown once', security: [{ bearer: [] }], body: ref('SpokeRequest') },
    }, async (req, reply) => {
      const actor = actorOf(req);
      const { spoke, token, key } = await createSpoke(ctx, actor, req.body);
      return reply.code(201).send({ slug: spoke.slug, did: spoke.did, name: spoke.name, country: spoke.country, token, key });
    });

    app.get<{ Params: { slug: string } }>('/registry/spokes/:slug', { schema: { tags: ['registry'], params: slugParams } }, async (req) => describeSpoke(ctx, req.params.slug));

    app.post<{ Params: { slug: string }; Body: AccreditationRequest }>('/registry/spokes/:slug/accreditations', {
      config: { roles: ['admin'] }, schema: { tags: ['registry'], summary: 'Accredit a testing centre (admin)', security: [{ bearer: [] }], params: slugParams, body: ref('AccreditationRequest') },
    }, async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(await grantAccreditation(ctx, actor, req.params.slug, req.body));
    });
  };
}
