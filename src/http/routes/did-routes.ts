import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import { spokeDid } from '../../domain/did-document.js';
import { SkillPassError } from '../../domain/errors.js';
import {
  SKILLPASS_CONTEXT_V1_URL,
  SKILLPASS_HOLDER_CONTEXT_PATH,
  SKILLPASS_HOLDER_CONTEXT_V1_URL,
  skillpassRecognitionContextUrl,
} from '../../domain/contexts.js';

/**
 * did:web documents (path style: did:web:host:spokes:slug -> /spokes/slug/did.json) and the
 * hub's own JSON-LD context, served at the URL its credentials name.
 */
export function didRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    // the documents the hub bundles (ctx.contexts, ../../adapters/contexts/bundled-contexts.ts), served as they are
    const skillpassContext = ctx.contexts.get(SKILLPASS_CONTEXT_V1_URL);
    const recognitionContext = ctx.contexts.get(skillpassRecognitionContextUrl(ctx.publicUrl));
    const holderContext = ctx.contexts.get(SKILLPASS_HOLDER_CONTEXT_V1_URL);
    const send = async (did: string) => {
      const doc = await ctx.resolver.dereference(did);
      if (!doc) throw new SkillPassError('unknown-did', `No DID document for ${did}.`);
      return doc;
    };
    app.get('/.well-known/did.json', { schema: { tags: ['did'] } }, async (_req, reply) =>
      reply.type('application/did+ld+json').send(await send(ctx.hubDid)),
    );
    app.get<{ Params: { slug: string } }>(
      '/spokes/:slug/did.json',
      { schema: { tags: ['did'] } },
      async (req, reply) =>
        reply
          .type('application/did+ld+json')
          .header('cache-control', 'public, max-age=300')
          .send(await send(spokeDid(ctx.hubDid, req.params.slug))),
    );
    app.get(
      '/contexts/skillpass/v1.jsonld',
      { schema: { tags: ['did'], summary: "The hub's JSON-LD context (immutable)" } },
      async (_req, reply) =>
        reply
          .type('application/ld+json')
          .header('cache-control', 'public, max-age=31536000, immutable')
          .send(skillpassContext),
    );
    app.get(
      '/contexts/skillpass/recognition-v1.jsonld',
      { schema: { tags: ['did', 'recognition'], summary: 'The terms of recognition receipts (immutable)' } },
      async (_req, reply) =>
        reply
          .type('application/ld+json')
          .header('cache-control', 'public, max-age=31536000, immutable')
          .send(recognitionContext),
    );
    app.get(
      SKILLPASS_HOLDER_CONTEXT_PATH,
      {
        schema: {
          tags: ['did'],
          summary: "The term of the holder's name in Latin letters, nameLatin (immutable)",
        },
      },
      async (_req, reply) =>
        reply
          .type('application/ld+json')
          .header('cache-control', 'public, max-age=31536000, immutable')
          .send(holderContext),
    );
  };
}
