import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, listTokens, revokeToken, SCOPES } from '../../../src/services/access/token-admin.js';
import { authenticateCaller } from '../../../src/services/access/tokens.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, KH_ISSUER, audited, authorityOf, rejects } from '../../helpers/service-calls.js';

/** Token administration (src/services/access/token-admin.ts): who may, and what each role's token must name. */
describe('token administration', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  const audit = (action: string) => audited(hub.ctx, action);

  it('only a hub admin manages tokens', async () => {
    const tokens = (await hub.ctx.store.repos.tokens.list()).length;
    for (const actor of [KH_ISSUER, authorityOf('TH')]) {
      await rejects(createToken(hub.ctx, actor, { role: 'admin', label: 'x' }), 'forbidden');
      await rejects(listTokens(hub.ctx, actor), 'forbidden');
      await rejects(revokeToken(hub.ctx, actor, 'any'), 'forbidden');
    }
    expect((await hub.ctx.store.repos.tokens.list()).length).toBe(tokens);
  });

  it('an issuer token names an existing centre, an authority token a country, and no other role either', async () => {
    const create = (input: Parameters<typeof createToken>[2]) => createToken(hub.ctx, ADMIN, input);
    expect((await rejects(create({ role: 'issuer', label: 'x' }), 'validation-failed')).details).toEqual({
      field: 'spoke',
    });
    await rejects(create({ role: 'issuer', label: 'x', spoke: 'nowhere' }), 'not-found');
    expect(
      (await rejects(create({ role: 'admin', label: 'x', spoke: 'kh-ntti' }), 'validation-failed')).details,
    ).toEqual({ field: 'spoke' });
    expect((await rejects(create({ role: 'authority', label: 'x' }), 'validation-failed')).details).toEqual({
      field: 'country',
    });
    expect(
      (
        await rejects(
          create({ role: 'issuer', label: 'x', spoke: 'kh-ntti', country: 'KH' }),
          'validation-failed',
        )
      ).details,
    ).toEqual({ field: 'country' });
    expect(
      (
        await rejects(
          create({ role: 'authority', label: 'x', country: 'TH', spoke: 'kh-ntti' }),
          'validation-failed',
        )
      ).details,
    ).toEqual({ field: 'spoke' });
  });

  it('a new token is shown once, expires after 90 days unless told otherwise, authenticates with its scopes and is audited', async () => {
    const created = await createToken(hub.ctx, ADMIN, {
      role: 'authority',
      label: 'VN ministry',
      country: 'VN',
    });
    expect(created).toMatchObject({
      role: 'authority',
      country: 'VN',
      spoke: null,
      active: true,
      scopes: SCOPES.authority,
      createdAt: '2026-11-20T10:00:00Z',
      expiresAt: '2027-02-18T10:00:00Z',
    });
    expect(created).not.toHaveProperty('hash');
    expect(await authenticateCaller(hub.ctx, `Bearer ${created.token}`)).toEqual({
      tokenId: created.id,
      role: 'authority',
      spoke: null,
      country: 'VN',
    });
    const short = await createToken(hub.ctx, ADMIN, {
      role: 'issuer',
      label: 'short',
      spoke: 'kh-ntti',
      expiresInDays: 1,
    });
    expect(short.expiresAt).toBe('2026-11-21T10:00:00Z');
    const listed = await listTokens(hub.ctx, ADMIN);
    expect(listed.find((t) => t.id === created.id)).toMatchObject({ active: true, country: 'VN' });
    expect(listed.every((t) => !('hash' in t) && !('token' in t))).toBe(true);
    expect((await audit('token.created')).map((e) => e.subject)).toEqual(
      expect.arrayContaining([created.id, short.id]),
    );
    // past its expiry the token is listed as inactive
    hub.clock.set('2026-11-21T10:00:00Z');
    try {
      expect((await listTokens(hub.ctx, ADMIN)).find((t) => t.id === short.id)?.active).toBe(false);
    } finally {
      hub.clock.set('2026-11-20T10:00:00Z');
    }
  });

  it('revokes a token once: it stops authenticating; revoking again is a conflict, an unknown id not found', async () => {
    const created = await createToken(hub.ctx, ADMIN, {
      role: 'issuer',
      label: 'to revoke',
      spoke: 'th-bkk-itc',
    });
    const revoked = await revokeToken(hub.ctx, ADMIN, created.id);
    expect(revoked).toMatchObject({ id: created.id, active: false, revokedAt: '2026-11-20T10:00:00Z' });
    await rejects(authenticateCaller(hub.ctx, `Bearer ${created.token}`), 'unauthenticated');
    await rejects(revokeToken(hub.ctx, ADMIN, created.id), 'conflict');
    await rejects(revokeToken(hub.ctx, ADMIN, 'no-such-token'), 'not-found');
    expect((await audit('token.revoked')).filter((e) => e.subject === created.id)).toHaveLength(1);
  });
});
