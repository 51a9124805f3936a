import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { SkillPassError } from '../../domain/errors.js';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from '../../config.js';

/**
 * Rate limits on the issuing and verification endpoints (@fastify/rate-limit, in memory per
 * process): issuing per token (its hash is the key) and per client address, verifying per
 * client address. Over a limit: 429 problem+json `rate-limited` with Retry-After. 0 turns a
 * limit off. Configured by environment (README "Rate limits").
 */
export type { RateLimitSettings };
export { DEFAULT_RATE_LIMITS };

const ISSUING = new Set(['POST /certificates', 'POST /credentials/issue', 'POST /batches', 'POST /batches/:id/commit']);
const VERIFYING = new Set(['POST /verifications', 'POST /credentials/verify', 'POST /presentations/verify', 'POST /v', 'GET /v/:id']);

const bearerKey = (req: FastifyRequest): string | undefined => {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1] ? `token:${createHash('sha256').update(m[1]).digest('hex')}` : undefined;
};

type Check = (req: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded: boolean; max: number; remaining: number; ttlInSeconds: number }>;

/** Registers the limiter and hooks it onto the limited routes as they are declared (call before the routes). */
export async function registerRateLimits(app: FastifyInstance, s: RateLimitSettings): Promise<void> {
  await app.register(rateLimit, { global: false });
  const limiter = (max: number, what: string, key: (req: FastifyRequest) => string | undefined) => {
    if (max <= 0) return undefined;
    const check = app.createRateLimit({ max, timeWindow: s.windowMs, keyGenerator: (req) => key(req) ?? '' }) as unknown as Check;
    return { what, key, check };
  };
  const address = (req: FastifyRequest) => `ip:${req.ip}`;
  const issuing = [limiter(s.issuePerToken, 'this token', bearerKey), limiter(s.issuePerAddress, 'this address', address)].filter((l) => l !== undefined);
  const verifying = [limiter(s.verifyPerAddress, 'this address', address)].filter((l) => l !== undefined);

  const hookFor = (limits: NonNullable<ReturnType<typeof limiter>>[]) => async (req: FastifyRequest, reply: FastifyReply) => {
    for (const l of limits) {
      if (!l.key(req)) continue;
      const r = await l.check(req);
      if (r.isAllowed || !r.isExceeded) continue;
      reply.header('retry-after', String(r.ttlInSeconds)).header('ratelimit-limit', String(r.max)).header('ratelimit-remaining', '0').header('ratelimit-reset', String(r.ttlInSeconds));
      throw new SkillPassError('rate-limited', `Too many requests from ${l.what}: at most ${r.max} in ${Math.round(s.windowMs / 1000)} s. Retry after ${r.ttlInSeconds} s.`, { retryAfterSeconds: r.ttlInSeconds });
    }
  };
  const issueHook = issuing.length ? hookFor(issuing) : undefined;
  const verifyHook = verifying.length ? hookFor(verifying) : undefined;
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      const id = `${method} ${route.url}`;
      const hook = ISSUING.has(id) ? issueHook : VERIFYING.has(id) ? verifyHook : undefined;
      if (!hook) continue;
      const existing = route.onRequest;
      route.onRequest = existing ? [...(Array.isArray(existing) ? existing : [existing]), hook] : [hook];
    }
  });
}
