import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../../../src/services/access/idempotency-keys.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';

/** Idempotency-Key claims (src/services/access/idempotency-keys.ts): one claim per token and key, finished only by its owner. */
describe('idempotency keys', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  const answer = { status: 201, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };

  it('a key is claimed once per token: the second claim loses, another token claims the same key for itself', async () => {
    const keys = idempotencyKeys(hub.ctx);
    const scope = { tokenId: 't1', key: 'k-claim', fingerprint: 'f1' };
    expect(await keys.claim(scope, 'owner-a', '2026-11-20T10:00:00Z')).toBe(true);
    expect(await keys.claim({ ...scope, fingerprint: 'f2' }, 'owner-b', '2026-11-20T10:00:01Z')).toBe(false);
    expect(await keys.get('t1', 'k-claim')).toMatchObject({ fingerprint: 'f1', owner: 'owner-a' });
    expect(await keys.claim({ ...scope, tokenId: 't2' }, 'owner-c', '2026-11-20T10:00:00Z')).toBe(true);
    expect(await keys.get('t1', 'nothing')).toBeUndefined();
  });

  it('only the owner completes or releases its claim; a stale claim passes to a new owner once', async () => {
    const keys = idempotencyKeys(hub.ctx);
    const scope = { tokenId: 't1', key: 'k-owner', fingerprint: 'f' };
    await keys.claim(scope, 'owner-a', '2026-11-20T10:00:00Z');
    expect(await keys.complete('t1', 'k-owner', 'owner-b', answer)).toBe(false);
    await keys.release('t1', 'k-owner', 'owner-b');
    expect(await keys.get('t1', 'k-owner')).toBeDefined();
    expect(await keys.takeOver('t1', 'k-owner', 'owner-x', 'owner-b', '2026-11-20T10:01:00Z')).toBe(false);
    expect(await keys.takeOver('t1', 'k-owner', 'owner-a', 'owner-b', '2026-11-20T10:01:00Z')).toBe(true);
    expect(await keys.complete('t1', 'k-owner', 'owner-a', answer)).toBe(false);
    // completed in the caller's unit of work: rolled back with it
    await hub.ctx.store
      .transaction(async (tx) => {
        expect(await keys.complete('t1', 'k-owner', 'owner-b', answer, tx)).toBe(true);
        throw new Error('the use case failed');
      })
      .catch(() => undefined);
    expect((await keys.get('t1', 'k-owner'))?.state).toBe('pending');
    expect(await keys.complete('t1', 'k-owner', 'owner-b', answer)).toBe(true);
    expect(await keys.get('t1', 'k-owner')).toMatchObject({ state: 'done', ...answer });
    // a done claim is no longer pending: it cannot be released
    await keys.release('t1', 'k-owner', 'owner-b');
    expect((await keys.get('t1', 'k-owner'))?.state).toBe('done');

    await keys.claim({ ...scope, key: 'k-release' }, 'owner-a', '2026-11-20T10:00:00Z');
    await keys.release('t1', 'k-release', 'owner-a');
    expect(await keys.get('t1', 'k-release')).toBeUndefined();
  });

  it('purge forgets the keys claimed before the instant, and says how many', async () => {
    const keys = idempotencyKeys(hub.ctx);
    await keys.claim({ tokenId: 'p', key: 'old', fingerprint: 'f' }, 'o', '2026-01-01T00:00:00Z');
    await keys.claim({ tokenId: 'p', key: 'new', fingerprint: 'f' }, 'o', '2026-11-20T00:00:00Z');
    expect(await keys.purge('2026-06-01T00:00:00Z')).toBe(1);
    expect(await keys.get('p', 'old')).toBeUndefined();
    expect(await keys.get('p', 'new')).toBeDefined();
  });
});
