import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { SkillPassError } from '../../domain/errors.js';
import { BoundedMap } from '../../domain/bounded-map.js';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from '../../config.js';

/**
 * Rate limits on the issuing and verification endpoints, in memory per process (fixed
 * windows): issuing per token (its hash is the key) and per client address, verifying per
 * client address. Over a limit: 429 problem+json `rate-limited` with Retry-After. 0 turns a
 * limit off. Configured by environment (README "Rate limits").
 *
 * Not @fastify/rate-limit: its in-memory store hands every concurrent request the same
 * counter object, so a burst of N concurrent requests all read the count after the N-th and a
 * burst within the limit is refused whole (seen with 4 concurrent requests and a limit of 3).
 * Counting here is synchronous, so each request gets its own count.
 */
export class FixedWindowCounter {
  // bounded in two generations (a flood of new addresses is when the limiter must stay cheap):
  // a key not seen while capacity/2 others arrived is forgotten, and its count starts again
  private readonly windows: BoundedMap<string, { start: number; count: number }>;
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    capacity = 50_000,
  ) {
    this.windows = new BoundedMap(capacity);
  }

  /** counts one request for `key`; how many seconds to wait when it is over the limit, else 0 */
  hit(key: string, now = Date.now()): { over: boolean; retryAfterSeconds: number; remaining: number } {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) this.windows.set(key, (w = { start: now, count: 0 }));
    w.count++;
    return {
      over: w.count > this.max,
      retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)),
      remaining: Math.max(0, this.max - w.count),
    };
  }

  /** how many keys are held (at most the capacity) */
  get size(): number {
    return this.windows.size;
  }
}
export type { RateLimitSettings };
export { DEFAULT_RATE_LIMITS };

const ISSUING = new Set([
  'POST /certificates',
  'POST /credentials/issue',
  'POST /batches',
  'POST /batches/:id/commit',
]);
const VERIFYING = new Set([
  'POST /verifications',
  'POST /credentials/verify',
  'POST /presentations/verify',
  // reading a QR code out of an uploaded PDF costs more than a verification
  'POST /scan/pdf',
  'POST /v',
  'GET /v/:id',
  'POST /recognition/check',
  'POST /recognition',
  // the wallet endpoints anyone may call (each nonce is a row until it expires): README "Certificates in a wallet"
  'POST /oauth/token',
  'POST /openid4vci/nonce',
  'POST /openid4vci/credential',
  // a wallet's OpenID4VP answer is verified like any presentation
  'POST /presentation-requests/:id/response',
]);

// the worker survey: no account, so each client address is held to a human pace
const SURVEY = new Set(['GET /t/:code', 'POST /t/:code']);

const bearerKey = (req: FastifyRequest): string | undefined => {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1] ? `token:${createHash('sha256').update(m[1]).digest('hex')}` : undefined;
};

/** Hooks the limits onto the limited routes as they are declared (call before the routes). */
export function registerRateLimits(app: FastifyInstance, s: RateLimitSettings): void {
  const limiter = (max: number, what: string, key: (req: FastifyRequest) => string | undefined) =>
    max <= 0 ? undefined : { what, key, max, counter: new FixedWindowCounter(max, s.windowMs) };
  const address = (req: FastifyRequest) => `ip:${req.ip}`;
  const issuing = [
    limiter(s.issuePerToken, 'this token', bearerKey),
    limiter(s.issuePerAddress, 'this address', address),
  ].filter((l) => l !== undefined);
  const verifying = [limiter(s.verifyPerAddress, 'this address', address)].filter((l) => l !== undefined);
  const surveying = [
    limiter(s.surveyPerAddress ?? DEFAULT_RATE_LIMITS.surveyPerAddress!, 'this address', address),
  ].filter((l) => l !== undefined);

  const hookFor =
    (limits: NonNullable<ReturnType<typeof limiter>>[]) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      for (const l of limits) {
        const key = l.key(req);
        if (!key) continue;
        const r = l.counter.hit(key);
        if (!r.over) continue;
        reply
          .header('retry-after', String(r.retryAfterSeconds))
          .header('ratelimit-limit', String(l.max))
          .header('ratelimit-remaining', '0')
          .header('ratelimit-reset', String(r.retryAfterSeconds));
        throw new SkillPassError(
          'rate-limited',
          `Too many requests from ${l.what}: at most ${l.max} in ${Math.round(s.windowMs / 1000)} s. Retry after ${r.retryAfterSeconds} s.`,
          { retryAfterSeconds: r.retryAfterSeconds },
        );
      }
    };
  const issueHook = issuing.length ? hookFor(issuing) : undefined;
  const verifyHook = verifying.length ? hookFor(verifying) : undefined;
  const surveyHook = surveying.length ? hookFor(surveying) : undefined;
  app.addHook('onRoute', (route: RouteOptions) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
      const id = `${method} ${route.url}`;
      const hook = ISSUING.has(id)
        ? issueHook
        : VERIFYING.has(id)
          ? verifyHook
          : SURVEY.has(id)
            ? surveyHook
            : undefined;
      if (!hook) continue;
      const existing = route.onRequest;
      route.onRequest = existing ? [...(Array.isArray(existing) ? existing : [existing]), hook] : [hook];
    }
  });
}
