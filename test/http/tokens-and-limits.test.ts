import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { buildApp } from '../../src/http/app.js';

/** Roles and tokens (create, scope, expire, revoke, audit), certificate listing, and rate limits. */
describe('roles and tokens', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const createToken = (body: Record<string, unknown>, token = hub.tokens.admin) =>
    hub.app.inject({ method: 'POST', url: '/tokens', headers: bearer(token), payload: body });

  it('an admin creates tokens for every role, shown once, stored as a hash, with an expiry; the action is audited with the admin token id', async () => {
    const centre = await createToken({ role: 'issuer', spoke: 'kh-ntti', label: 'front desk' });
    expect(centre.statusCode, centre.body).toBe(201);
    const c = centre.json();
    expect(c).toMatchObject({
      role: 'issuer',
      spoke: 'kh-ntti',
      active: true,
      token: expect.stringMatching(/^sp_issuer_/),
      scopes: expect.arrayContaining(['certificates:issue']),
    });
    expect(Date.parse(c.expiresAt) - Date.parse('2026-11-20T10:00:00Z')).toBe(90 * 86_400_000);
    expect(c.hash).toBeUndefined();
    const stored = await hub.ctx.store.repos.tokens.get(c.id);
    expect(stored!.hash).not.toContain(c.token);
    expect(JSON.stringify(await hub.ctx.store.repos.audit.all())).not.toContain(c.token);
    await issue(hub, brickRequest(), c.token);

    const authority = (
      await createToken({ role: 'authority', country: 'KH', label: 'KH ministry', expiresInDays: 30 })
    ).json();
    expect(authority).toMatchObject({ role: 'authority', country: 'KH', spoke: null });
    const adminToken = await hub.ctx.store.repos.tokens.findByHash(
      (await import('../../src/services/access/tokens.js')).hashToken(hub.tokens.admin),
    );
    const audit = (await hub.ctx.store.repos.audit.all()).filter((e) => e.action === 'token.created');
    expect(audit.map((e) => [e.actor, e.subject])).toEqual([
      [adminToken!.id, c.id],
      [adminToken!.id, authority.id],
    ]);

    const list = (await hub.app.inject({ url: '/tokens', headers: bearer(hub.tokens.admin) })).json().tokens;
    expect(list.find((t: any) => t.id === c.id)).toMatchObject({ label: 'front desk' });
    expect(JSON.stringify(list)).not.toMatch(/"hash"/);
  });

  it('bad token requests are precise 4xx; a centre cannot create tokens', async () => {
    expect((await createToken({ role: 'issuer', label: 'x' })).json().code).toBe('validation-failed');
    expect((await createToken({ role: 'authority', label: 'x' })).json().code).toBe('validation-failed');
    expect((await createToken({ role: 'issuer', spoke: 'nope', label: 'x' })).statusCode).toBe(404);
    expect((await createToken({ role: 'admin', label: 'x' }, hub.tokens.khNtti)).statusCode).toBe(403);
  });

  it('revoked and expired tokens stop working at once; revocation is audited', async () => {
    const t = (
      await createToken({ role: 'issuer', spoke: 'kh-ntti', label: 'temp', expiresInDays: 1 })
    ).json();
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/certificates',
          headers: bearer(t.token),
          payload: brickRequest(),
        })
      ).statusCode,
    ).toBe(201);
    const revoked = await hub.app.inject({
      method: 'DELETE',
      url: `/tokens/${t.id}`,
      headers: bearer(hub.tokens.admin),
    });
    expect(revoked.json()).toMatchObject({ id: t.id, active: false, revokedAt: expect.any(String) });
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/certificates',
          headers: bearer(t.token),
          payload: brickRequest(),
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await hub.app.inject({ method: 'DELETE', url: `/tokens/${t.id}`, headers: bearer(hub.tokens.admin) }))
        .statusCode,
    ).toBe(409);
    expect(
      (await hub.ctx.store.repos.audit.all()).some((e) => e.action === 'token.revoked' && e.subject === t.id),
    ).toBe(true);

    const short = (
      await createToken({ role: 'issuer', spoke: 'kh-ntti', label: 'short', expiresInDays: 1 })
    ).json();
    hub.clock.set('2026-11-21T10:00:01Z');
    try {
      expect((await hub.app.inject({ url: '/batches', headers: bearer(short.token) })).statusCode).toBe(401);
    } finally {
      hub.clock.set('2026-11-20T10:00:00Z');
    }
  });

  it("GET /certificates?q=: a centre lists and searches its own, an authority its country's, with the status now", async () => {
    const a = await issue(
      hub,
      brickRequest({ holder: { name: 'Searchable Person', documentNumber: 'P 998877' } }),
    );
    const other = await issue(
      hub,
      brickRequest({ holder: { name: 'Searchable Person', birthDate: '1990-01-01' } }),
      hub.tokens.thBkk,
    );
    await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId: a.id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
        status: true,
      },
    });
    const mine = (
      await hub.app.inject({ url: '/certificates?q=searchable', headers: bearer(hub.tokens.khNtti) })
    ).json();
    expect(mine.items.map((i: any) => [i.id, i.holderName, i.status])).toEqual([
      [a.id, 'Searchable Person', 'suspended'],
    ]);
    expect(
      (await hub.app.inject({ url: '/certificates?q=P998877', headers: bearer(hub.tokens.khNtti) }))
        .json()
        .items.map((i: any) => i.id),
    ).toEqual([a.id]);
    const kh = (await createToken({ role: 'authority', country: 'KH', label: 'kh' })).json();
    const seen = (await hub.app.inject({ url: '/certificates?q=Searchable', headers: bearer(kh.token) }))
      .json()
      .items.map((i: any) => i.id);
    expect(seen).toContain(a.id);
    expect(seen).not.toContain(other.id);
    expect(
      (await hub.app.inject({ url: '/certificates?q=Searchable', headers: bearer(hub.tokens.admin) })).json()
        .items,
    ).toHaveLength(2);
    expect((await hub.app.inject({ url: '/certificates' })).statusCode).toBe(401);
    // authorities may not issue
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/certificates',
          headers: bearer(kh.token),
          payload: brickRequest(),
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('rate limits', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('per token and per address on issuing, per address on verification: 429 problem+json with Retry-After', async () => {
    const app = await buildApp({
      ctx: hub.ctx,
      rateLimits: { windowMs: 60_000, issuePerToken: 3, issuePerAddress: 5, verifyPerAddress: 4 },
    });
    try {
      const certify = (token: string, ip = '10.0.0.1') =>
        app.inject({
          method: 'POST',
          url: '/certificates',
          headers: bearer(token),
          payload: brickRequest(),
          remoteAddress: ip,
        });
      const a = await Promise.all([1, 2, 3, 4].map(() => certify(hub.tokens.khNtti)));
      expect(a.map((r) => r.statusCode)).toEqual([201, 201, 201, 429]);
      const limited = a[3]!;
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.json()).toMatchObject({ status: 429, code: 'rate-limited' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // another token from the same address still has its own budget, until the address limit (5; the refused request was not counted there)
      expect((await certify(hub.tokens.thBkk)).statusCode).toBe(201);
      expect((await certify(hub.tokens.thBkk)).statusCode).toBe(201);
      const byAddress = await certify(hub.tokens.thBkk);
      expect(byAddress.statusCode).toBe(429);
      expect(byAddress.json().detail).toContain('this address');
      // a token's budget follows it to any address
      const elsewhere = await certify(hub.tokens.thBkk, '10.0.0.2');
      expect(elsewhere.statusCode).toBe(429);
      expect(elsewhere.json().detail).toContain('this token');

      const verify = (ip: string) =>
        app.inject({
          method: 'POST',
          url: '/verifications',
          payload: { id: 'urn:uuid:00000000-0000-4000-8000-000000000000' },
          remoteAddress: ip,
        });
      const v = [];
      for (let i = 0; i < 5; i++) v.push((await verify('10.0.0.9')).statusCode);
      expect(v).toEqual([404, 404, 404, 404, 429]); // an unknown id is a 404 answer, counted like any other
      expect((await verify('10.0.0.10')).statusCode).toBe(404);
      // the wallet endpoints anyone may call are limited per address too (each nonce is a row)
      const nonces = [];
      for (let i = 0; i < 5; i++)
        nonces.push(
          (await app.inject({ method: 'POST', url: '/openid4vci/nonce', remoteAddress: '10.0.0.11' }))
            .statusCode,
        );
      expect(nonces).toEqual([200, 200, 200, 200, 429]);
      // what is not limited stays open
      expect((await app.inject({ url: '/health', remoteAddress: '10.0.0.9' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
