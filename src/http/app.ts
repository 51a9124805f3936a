import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import swagger from '@fastify/swagger';
import type { HubContext } from '../services/hub-context.js';
import { loadSchemas } from './schemas.js';
import { registerProblemErrors, sendProblem } from './plugins/problem-errors.js';
import { optionalAuthenticator, registerAuthentication } from './plugins/auth.js';
import { registerBoundedJsonBodies } from './plugins/json-body.js';
import { clientErrorHandler, frameworkErrors, registerUrlLimit } from './plugins/request-limits.js';
import { registerOverloadGuard, type OverloadOptions } from './plugins/overload-guard.js';
import { registryRoutes } from './routes/registry-routes.js';
import { certificateRoutes } from './routes/certificate-routes.js';
import { verificationRoutes } from './routes/verification-routes.js';
import { vcApiRoutes } from './routes/vc-api-routes.js';
import { didRoutes } from './routes/did-routes.js';
import { pageRoutes } from './routes/page-routes.js';
import { assetRoutes } from './routes/asset-routes.js';
import { scanRoutes } from './routes/scan-routes.js';
import { lifecycleRoutes } from './routes/lifecycle-routes.js';
import { batchRoutes } from './routes/batch-routes.js';
import { centreRoutes } from './routes/centre-routes.js';
import { idempotency, purgeExpiredKeys } from './plugins/idempotency.js';
import { registerRateLimits } from './plugins/rate-limits.js';
import { registerPageSecurity } from './plugins/page-security.js';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from '../config.js';
import { BatchRunner } from '../services/cohorts/batch-runner.js';
import { recognitionPageRoutes, recognitionRoutes } from './routes/recognition-routes.js';
import { placementRoutes } from './routes/placement-routes.js';
import { statisticsRoutes } from './routes/statistics-routes.js';
import { programmePageRoutes } from './routes/programme-page-routes.js';
import { surveyRoutes } from './routes/survey-routes.js';
import { walletIssuanceRoutes } from './routes/wallet-issuance-routes.js';
import { presentationRoutes } from './routes/presentation-routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    batchRunner: BatchRunner;
    /** every route as declared (method, url, schema, config): what the route-wide tests enumerate */
    routeTable: readonly DeclaredRoute[];
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  schema: RouteOptions['schema'];
  config: RouteOptions['config'];
}

export interface AppOptions {
  ctx: HubContext;
  bodyLimitBytes?: number;
  /** overload threshold: beyond it requests get 503 + Retry-After (./plugins/overload-guard.ts) */
  pressure?: OverloadOptions;
  logger?: boolean | { level: string };
  /** cohort uploads (POST /batches) may be larger than other bodies */
  batchBodyLimitBytes?: number;
  rateLimits?: RateLimitSettings;
}

/**
 * The one app factory: the server, the CLI and every HTTP test build the app here
 * (after fastify/demo). Routes are thin; the use cases live in src/services.
 */
export async function buildApp({
  ctx,
  bodyLimitBytes = 256 * 1024,
  logger = false,
  pressure,
  batchBodyLimitBytes = 8 * 1024 * 1024,
  rateLimits = DEFAULT_RATE_LIMITS,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      logger === false
        ? false
        : { ...(typeof logger === 'object' ? logger : {}), redact: ['req.headers.authorization'] },
    bodyLimit: bodyLimitBytes,
    // never rewrite what was sent: a signed credential is verified exactly as received
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false },
    },
    trustProxy: false,
    // what the router and Node's parser refuse is problem+json too (./plugins/request-limits.ts)
    frameworkErrors,
    clientErrorHandler,
  });
  registerProblemErrors(app);
  // every HTML page gets its Content-Security-Policy here, whichever route sends it
  registerPageSecurity(app);
  registerUrlLimit(app);
  // JSON bodies are bounded in depth before anything parses or walks them (./plugins/json-body.ts)
  registerBoundedJsonBodies(app);
  // JSON only: a text/plain body is a 415, not a string that fails validation later
  app.removeContentTypeParser('text/plain');
  if (pressure) registerOverloadGuard(app, pressure);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'SkillPass',
        version: '0.1.0',
        description:
          'Skill certificates as W3C Verifiable Credentials, with a hub registry of accredited testing centres and AQRF levels.',
      },
      servers: [{ url: ctx.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  for (const schema of loadSchemas()) app.addSchema(schema);

  const idempotent = idempotency(ctx);
  // cohorts committing in the background; on start-up (listening) the server resumes those left committing
  const runner = new BatchRunner(ctx, { warn: (message) => app.log.warn(message) });
  app.decorate('batchRunner', runner);
  app.addHook('onListen', async () => {
    await runner.resumeAll(ctx.store.engine === 'sqlite');
  });
  app.addHook('onClose', async () => {
    await runner.stop();
  });
  // Idempotency-Key answers are kept for their retention period, then forgotten (operational time: the wall clock)
  const purge = () => {
    purgeExpiredKeys(ctx).catch((err: unknown) =>
      app.log.warn(`purging expired idempotency keys failed: ${(err as Error).message}`),
    );
  };
  const purgeTimer = setInterval(purge, 60 * 60 * 1000).unref();
  app.addHook('onListen', async () => {
    purge();
  });
  app.addHook('onClose', async () => {
    clearInterval(purgeTimer);
  });
  const routeTable: DeclaredRoute[] = [];
  app.addHook('onRoute', (r: RouteOptions) => {
    for (const method of Array.isArray(r.method) ? r.method : [r.method])
      routeTable.push({ method, url: r.url, schema: r.schema, config: r.config });
  });
  app.decorate('routeTable', routeTable);
  registerRateLimits(app, rateLimits);
  // after the rate limits (which still count unauthenticated requests), before every route
  registerAuthentication(app, ctx);
  // liveness (the process answers) vs readiness (the database answers): an orchestrator routes around a replica that lost its database
  app.get('/health', { schema: { tags: ['ops'], summary: 'Liveness: the process is up' } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/ready',
    { schema: { tags: ['ops'], summary: 'Readiness: the database answers' } },
    async (_req, reply) => {
      try {
        await Promise.race([
          ctx.store.ping(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
        ]);
        return { status: 'ready', database: ctx.store.engine };
      } catch {
        return sendProblem(
          reply.header('retry-after', '5'),
          'database-unavailable',
          `The ${ctx.store.engine} database does not answer.`,
        );
      }
    },
  );
  app.get('/docs', { schema: { tags: ['ops'], summary: 'This OpenAPI document' } }, async () =>
    app.swagger(),
  );
  app.get('/', { schema: { hide: true } }, async () => ({
    service: 'SkillPass hub',
    did: ctx.hubDid,
    docs: `${ctx.publicUrl}/docs`,
  }));
  await app.register(registryRoutes(ctx));
  await app.register(certificateRoutes(ctx, idempotent));
  await app.register(batchRoutes(ctx, { idempotent, runner, batchBodyLimitBytes }));
  await app.register(centreRoutes(ctx));
  await app.register(verificationRoutes(ctx));
  await app.register(vcApiRoutes(ctx, idempotent));
  await app.register(didRoutes(ctx));
  await app.register(pageRoutes(ctx));
  await app.register(surveyRoutes(ctx));
  await app.register(assetRoutes());
  await app.register(scanRoutes(ctx));
  await app.register(lifecycleRoutes(ctx));
  await app.register(recognitionRoutes(ctx, optionalAuthenticator(ctx)));
  await app.register(recognitionPageRoutes(ctx));
  await app.register(placementRoutes(ctx, idempotent));
  await app.register(statisticsRoutes(ctx));
  await app.register(programmePageRoutes(ctx));
  await app.register(walletIssuanceRoutes(ctx));
  await app.register(presentationRoutes(ctx));
  return app;
}
