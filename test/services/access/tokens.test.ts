import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticate,
  authenticateCaller,
  hashToken,
  newToken,
} from '../../../src/services/access/tokens.js';
import { ADMIN_TOKEN, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { rejects } from '../../helpers/service-calls.js';

/** Bearer tokens (src/services/access/tokens.ts): who a header authenticates as, and when it no longer does. */
describe('tokens', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  const now = '2026-11-20T10:00:00Z';

  it('stores only the SHA-256 hash of a new token, never the token', () => {
    const { token, record } = newToken('issuer', 'kh-ntti', 'label', now);
    expect(token).toMatch(/^sp_issuer_[A-Za-z0-9_-]{32}$/);
    expect(record.hash).toBe(hashToken(token));
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(record)).not.toContain(token);
    expect(newToken('issuer', 'kh-ntti', 'label', now).token).not.toBe(token);
  });

  it('authenticates a Bearer header (any case of the scheme) as the token it names, with its role, centre and country', async () => {
    const repos = hub.ctx.store.repos;
    expect(await authenticate(repos, `Bearer ${hub.tokens.khNtti}`, now)).toMatchObject({
      role: 'issuer',
      spoke: 'kh-ntti',
    });
    expect(await authenticate(repos, `bearer   ${ADMIN_TOKEN}  `, now)).toMatchObject({
      role: 'admin',
      spoke: null,
    });
    const { token, record } = newToken('authority', null, 'authority:VN', now);
    await repos.tokens.insert({ ...record, country: 'VN' });
    expect(await authenticate(repos, `Bearer ${token}`, now)).toEqual({
      tokenId: record.id,
      role: 'authority',
      spoke: null,
      country: 'VN',
    });
  });

  it('refuses a missing or malformed header, an unknown token, a revoked one and an expired one (at its expiry instant)', async () => {
    const repos = hub.ctx.store.repos;
    for (const header of [undefined, '', 'Basic abc', `Bearer`, `Token ${ADMIN_TOKEN}`, `Bearer a b`])
      await rejects(authenticate(repos, header, now), 'unauthenticated');
    await rejects(authenticate(repos, 'Bearer sp_admin_unknown', now), 'unauthenticated');

    const revoked = newToken('admin', null, 'revoked', now);
    await repos.tokens.insert(revoked.record);
    expect((await authenticate(repos, `Bearer ${revoked.token}`, now)).tokenId).toBe(revoked.record.id);
    await repos.tokens.revoke(revoked.record.id, now);
    await rejects(authenticate(repos, `Bearer ${revoked.token}`, now), 'unauthenticated');

    const expiring = newToken('admin', null, 'expiring', now);
    await repos.tokens.insert({ ...expiring.record, expiresAt: '2026-11-21T00:00:00Z' });
    expect((await authenticate(repos, `Bearer ${expiring.token}`, '2026-11-20T23:59:59Z')).role).toBe(
      'admin',
    );
    await rejects(authenticate(repos, `Bearer ${expiring.token}`, '2026-11-21T00:00:00Z'), 'unauthenticated');
  });

  it("authenticateCaller judges expiry by the hub's clock", async () => {
    const repos = hub.ctx.store.repos;
    const { token, record } = newToken('admin', null, 'clocked', now);
    await repos.tokens.insert({ ...record, expiresAt: '2026-12-01T00:00:00Z' });
    expect((await authenticateCaller(hub.ctx, `Bearer ${token}`)).tokenId).toBe(record.id);
    hub.clock.set('2026-12-01T00:00:01Z');
    try {
      await rejects(authenticateCaller(hub.ctx, `Bearer ${token}`), 'unauthenticated');
    } finally {
      hub.clock.set(now);
    }
  });
});
