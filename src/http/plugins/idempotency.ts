import { PROBLEM_STATUS } from './problem-status.js';
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HubContext } from '../../services/hub-context.js';
import type { Repositories } from '../../services/ports.js';
import type { Principal } from '../../services/access/tokens.js';
import { idempotencyKeys } from '../../services/access/idempotency-keys.js';
import { isSkillPassError, SkillPassError } from '../../domain/errors.js';
import { problemBody } from './problem-errors.js';

/**
 * `Idempotency-Key` for the issuing endpoints (POST /certificates, /credentials/issue,
 * /batches, /batches/:id/commit). The key is claimed (a unique database row per token and
 * key) before any work, so of concurrent requests with one key only one runs; the others wait
 * for its answer. The answer (status, headers, body) is recorded in the same unit of work as
 * what it reports whenever the use case offers one (`save`), so a crash can never leave work
 * done without its answer. A repeat gets the first answer again, with `Idempotent-Replayed:
 * true`; the same key with another method, path or body is 422 `idempotency-key-reused`.
 * A refusal (4xx) is an answer too; an unexpected failure (5xx) frees the key for a retry.
 */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
export type SaveAnswer = (tx: Repositories, answer: Answer) => Promise<void>;

/**
 * Keys are remembered this long, then forgotten: a repeat after that is a new request (the
 * retention the IETF Idempotency-Key draft asks a server to publish; README "Idempotency-Key").
 */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Forgets the keys past their retention; run at start-up and every hour (src/http/app.ts). */
export const purgeExpiredKeys = (ctx: Pick<HubContext, 'store'>, nowMs = Date.now()): Promise<number> =>
  idempotencyKeys(ctx).purge(new Date(nowMs - IDEMPOTENCY_RETENTION_MS).toISOString());

/** a claim older than this whose owner never answered was abandoned (its process died): it is taken over */
const STALE_MS = 30_000;
/** how long a repeat waits for the first request's answer before a 409 */
const WAIT_MS = 15_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

const stored = (a: Answer): { status: number; headers: Record<string, string>; body: string } => ({
  status: a.status,
  headers: {
    'content-type':
      a.status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
    ...a.headers,
  },
  body: JSON.stringify(a.body),
});

export function fingerprintOf(req: FastifyRequest): string {
  const body = Buffer.isBuffer(req.body)
    ? req.body
    : Buffer.from(req.body === undefined ? '' : JSON.stringify(req.body));
  return createHash('sha256')
    .update(`${req.method} ${req.url.split('?')[0]}\n`)
    .update(body)
    .digest('hex');
}

export function idempotency(ctx: HubContext) {
  const keys = idempotencyKeys(ctx);
  return async function idempotentReply(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Principal,
    work: (save: SaveAnswer) => Promise<Answer>,
  ): Promise<FastifyReply> {
    const header = req.headers['idempotency-key'];
    const send = (a: ReturnType<typeof stored>, replayed: boolean) =>
      reply
        .code(a.status)
        .headers({ ...a.headers, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) })
        .send(a.body);
    if (header === undefined) {
      const answer = await work(async () => undefined);
      return send(stored(answer), false);
    }
    const key = Array.isArray(header) ? (header[0] ?? '') : header;
    if (!KEY.test(key))
      throw new SkillPassError(
        'validation-failed',
        'Idempotency-Key must be 1 to 255 visible ASCII characters.',
        { field: 'Idempotency-Key' },
      );
    const scope = { tokenId: actor.tokenId, key, fingerprint: fingerprintOf(req) };
    const owner = randomUUID();
    const started = Date.now();
    for (;;) {
      if (await keys.claim(scope, owner, new Date().toISOString())) break;
      const existing = await keys.get(scope.tokenId, key);
      if (!existing) continue; // freed in between: claim it again
      if (existing.fingerprint !== scope.fingerprint) {
        throw new SkillPassError(
          'idempotency-key-reused',
          'This Idempotency-Key was already used with a different request (method, path or body); use a new key for a new request.',
        );
      }
      if (existing.state === 'done')
        return send(
          { status: existing.status!, headers: existing.headers ?? {}, body: existing.body ?? '' },
          true,
        );
      if (Date.now() - Date.parse(existing.createdAt) > STALE_MS) {
        if (await keys.takeOver(scope.tokenId, key, existing.owner, owner, new Date().toISOString())) break;
        continue;
      }
      if (Date.now() - started > WAIT_MS) {
        reply.header('retry-after', '2');
        throw new SkillPassError(
          'idempotency-key-in-flight',
          'The first request with this Idempotency-Key is still being processed; retry shortly.',
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    let saved = false;
    const complete = async (tx: Repositories | undefined, answer: Answer) => {
      if (!(await keys.complete(scope.tokenId, key, owner, stored(answer), tx))) {
        throw new SkillPassError(
          'idempotency-key-in-flight',
          'Another request took this Idempotency-Key over.',
        );
      }
      saved = true;
    };
    const save: SaveAnswer = (tx, answer) => complete(tx, answer);
    try {
      const answer = await work(save);
      if (!saved) await complete(undefined, answer);
      return send(stored(answer), false);
    } catch (e) {
      // both are no-ops when the work's unit of work already recorded an answer
      if (isSkillPassError(e) && e.byRequest && e.code !== 'idempotency-key-in-flight') {
        await keys.complete(
          scope.tokenId,
          key,
          owner,
          stored({
            status: PROBLEM_STATUS[e.code],
            body: problemBody(e.code, e.message, e.details ? { details: e.details } : {}),
          }),
        );
      } else {
        await keys.release(scope.tokenId, key, owner);
      }
      throw e;
    }
  };
}
export type IdempotentReply = ReturnType<typeof idempotency>;
