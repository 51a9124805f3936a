import type { HubContext } from '../hub-context.js';
import type { IdempotencyRecord, Repositories } from '../ports.js';

/**
 * The stored `Idempotency-Key` claims (one row per token and key) behind the HTTP layer's
 * idempotent replies (src/http/plugins/idempotency.ts, which holds the protocol).
 */
export interface KeyScope {
  tokenId: string;
  key: string;
  fingerprint: string;
}
export type StoredAnswer = { status: number; headers: Record<string, string>; body: string };

export function idempotencyKeys(ctx: Pick<HubContext, 'store'>) {
  const repo = () => ctx.store.repos.idempotency;
  return {
    /** true when this call claimed the key (a pending claim by `owner`) */
    claim: (scope: KeyScope, owner: string, createdAt: string): Promise<boolean> =>
      repo().claim({ ...scope, owner, createdAt }),
    get: (tokenId: string, key: string): Promise<IdempotencyRecord | undefined> => repo().get(tokenId, key),
    takeOver: (
      tokenId: string,
      key: string,
      staleOwner: string,
      owner: string,
      now: string,
    ): Promise<boolean> => repo().takeOver(tokenId, key, staleOwner, owner, now),
    /** pending -> done with the answer, only for the claim's owner; in the unit of work `tx` when the use case offers one */
    complete: (
      tokenId: string,
      key: string,
      owner: string,
      answer: StoredAnswer,
      tx?: Pick<Repositories, 'idempotency'>,
    ): Promise<boolean> => (tx ?? ctx.store.repos).idempotency.complete(tokenId, key, owner, answer),
    release: (tokenId: string, key: string, owner: string): Promise<void> =>
      repo().release(tokenId, key, owner),
    /** forgets every key claimed before `before`; how many went */
    purge: (before: string): Promise<number> => repo().purge(before),
  };
}
