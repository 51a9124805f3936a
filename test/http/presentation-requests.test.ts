import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startTestHub, issue, bearer, brickRequest, type TestHub } from '../helpers/test-hub.js';
import { buildApp } from '../../src/http/app.js';
import { presentSdJwt, sdJwtVcOf, walletKey, type WalletKey } from '../helpers/wallet-credentials.js';

/**
 * OpenID4VP for employers (issue 17, items 4 and 6; README "Asking a worker's wallet for a
 * certificate (OpenID4VP)"), the hostile answers: each refused with an OAuth error, nothing
 * recorded, the request still open for the real wallet. The wallet library's own run:
 * test/e2e/wallet-presentation.test.ts.
 */
describe('presentation requests over HTTP', () => {
  let hub: TestHub;
  let employer: string;
  let otherEmployer: string;
  let holder: WalletKey;
  let vc: string;
  const token = async (label: string) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/tokens',
      headers: bearer(hub.tokens.admin),
      payload: { role: 'employer', label, country: 'TH', expiresInDays: 30 },
    });
    return (res.json() as { token: string }).token;
  };
  const ask = async (body: Record<string, unknown> = { qualification: 'TH-BRICK-1' }, as = employer) =>
    hub.app.inject({ method: 'POST', url: '/presentation-requests', headers: bearer(as), payload: body });
  const open = async () => {
    const res = await ask();
    expect(res.statusCode).toBe(201);
    const created = res.json() as { id: string; page: string };
    const object = await hub.app.inject({ url: `/presentation-requests/${created.id}/request-object` });
    expect(object.statusCode).toBe(200);
    expect(object.headers['content-type']).toContain('application/oauth-authz-req+jwt');
    const claims = decodeJwt(object.body) as { nonce: string; client_id: string; state: string };
    return { ...created, ...claims };
  };
  const respond = (id: string, form: Record<string, string>) =>
    hub.app.inject({
      method: 'POST',
      url: `/presentation-requests/${id}/response`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
  const vpToken = (presentation: unknown) => JSON.stringify({ skillpass_certificate: [presentation] });
  const status = async (id: string) =>
    (
      (await hub.app.inject({ url: `/presentation-requests/${id}`, headers: bearer(employer) })).json() as {
        status: string;
      }
    ).status;
  const refused = (res: { statusCode: number; json: () => unknown }, error = 'invalid_request') => {
    expect(res.statusCode, JSON.stringify(res.json())).toBe(400);
    expect(res.json()).toMatchObject({ error, error_description: expect.any(String) });
  };

  beforeAll(async () => {
    hub = await startTestHub();
    employer = await token('Siam Build Co.');
    otherEmployer = await token('Bangkok Homes');
    holder = await walletKey();
    vc = await sdJwtVcOf(hub, await issue(hub), holder);
  });
  afterAll(async () => hub?.close());

  it('only an employer token asks, for a qualification of the registry', async () => {
    expect((await ask(undefined, hub.tokens.khNtti)).statusCode).toBe(403);
    expect(
      (await hub.app.inject({ method: 'POST', url: '/presentation-requests', payload: {} })).statusCode,
    ).toBe(401);
    expect((await ask({ qualification: 'XX-NONE-1' })).json()).toMatchObject({
      code: 'unknown-qualification',
    });
    expect((await ask({ qualification: 'TH-BRICK-1', claims: ['identifier'] })).statusCode).toBe(400);
  });

  it('the right answer is taken once: a replay of it is refused, and the result stays', async () => {
    const r = await open();
    const form = {
      state: r.state,
      vp_token: vpToken(await presentSdJwt(hub, vc, holder, { aud: r.client_id, nonce: r.nonce })),
    };
    const first = await respond(r.id, form);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({});
    expect(await status(r.id)).toBe('answered');
    refused(await respond(r.id, form));
    const read = (
      await hub.app.inject({ url: `/presentation-requests/${r.id}`, headers: bearer(employer) })
    ).json() as {
      result: { outcome: string };
    };
    expect(read.result.outcome).toBe('valid');
    // another employer does not see it
    expect(
      (await hub.app.inject({ url: `/presentation-requests/${r.id}`, headers: bearer(otherEmployer) }))
        .statusCode,
    ).toBe(404);
  });

  it('a presentation for another verifier or another request is refused; the request stays open', async () => {
    const r = await open();
    refused(
      await respond(r.id, {
        state: r.state,
        vp_token: vpToken(
          await presentSdJwt(hub, vc, holder, { aud: 'https://other.example', nonce: r.nonce }),
        ),
      }),
    );
    refused(
      await respond(r.id, {
        state: r.state,
        vp_token: vpToken(await presentSdJwt(hub, vc, holder, { aud: r.client_id, nonce: 'another' })),
      }),
    );
    refused(
      await respond(r.id, {
        state: r.state,
        vp_token: vpToken(await presentSdJwt(hub, vc, holder, { kb: false })),
      }),
    );
    expect(await status(r.id)).toBe('pending');
  });

  it('a certificate of another qualification than asked for, or without a claim asked for, is refused', async () => {
    const asking = await ask({ qualification: 'TH-BRICK-1', claims: ['assessment'] });
    const withClaim = asking.json() as { id: string };
    const claims = decodeJwt(
      (await hub.app.inject({ url: `/presentation-requests/${withClaim.id}/request-object` })).body,
    ) as { nonce: string; client_id: string };
    const silent = await presentSdJwt(hub, vc, holder, { aud: claims.client_id, nonce: claims.nonce });
    refused(await respond(withClaim.id, { state: withClaim.id, vp_token: vpToken(silent) }));
    expect(await status(withClaim.id)).toBe('pending');
    const r = await open();
    const sewing = await sdJwtVcOf(
      hub,
      await issue(hub, brickRequest({ qualification: 'KH-SEW-2' })),
      holder,
    );
    refused(
      await respond(r.id, {
        state: r.state,
        vp_token: vpToken(await presentSdJwt(hub, sewing, holder, { aud: r.client_id, nonce: r.nonce })),
      }),
    );
    expect(await status(r.id)).toBe('pending');
  });

  it('a malformed answer (state, vp_token shape, another format) is an OAuth error', async () => {
    const r = await open();
    const good = await presentSdJwt(hub, vc, holder, { aud: r.client_id, nonce: r.nonce });
    refused(await respond(r.id, { state: 'other', vp_token: vpToken(good) }));
    refused(await respond(r.id, { state: r.state }));
    refused(await respond(r.id, { state: r.state, vp_token: 'not json' }));
    refused(await respond(r.id, { state: r.state, vp_token: JSON.stringify([good]) }));
    refused(await respond(r.id, { state: r.state, vp_token: JSON.stringify({ other: [good] }) }));
    refused(
      await respond(r.id, { state: r.state, vp_token: vpToken({ type: ['VerifiablePresentation'] }) }),
      'vp_formats_not_supported',
    );
    const deep = `${'['.repeat(200)}${']'.repeat(200)}`;
    refused(await respond(r.id, { state: r.state, vp_token: deep }));
    expect((await respond('no-such-request-000000', { state: 'x' })).statusCode).toBe(404);
    expect(await status(r.id)).toBe('pending');
  });

  it('an expired request takes no answer and gives no request object', async () => {
    const r = await open();
    const form = {
      state: r.state,
      vp_token: vpToken(await presentSdJwt(hub, vc, holder, { aud: r.client_id, nonce: r.nonce })),
    };
    const start = hub.clock.now().toISOString();
    hub.clock.set(new Date(Date.parse(start) + 11 * 60_000).toISOString());
    try {
      refused(await respond(r.id, form));
      refused(await hub.app.inject({ url: `/presentation-requests/${r.id}/request-object` }));
      expect(await status(r.id)).toBe('expired');
    } finally {
      hub.clock.set(start);
    }
  });

  it("the employer's page needs its key, shows the QR code and polls under the pages' CSP", async () => {
    const r = await open();
    const url = new URL(r.page);
    expect((await hub.app.inject({ url: url.pathname })).statusCode).toBe(404);
    const page = await hub.app.inject({ url: `${url.pathname}${url.search}&lang=km` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<html lang="km"');
    expect(page.body).toContain('data-qr><svg');
    expect(page.body).toMatch(/<script src="\/assets\/request-[0-9a-f]{12}\.js" defer><\/script>/);
    expect(page.body).toContain('href="openid4vp://?client_id=');
    const state = await hub.app.inject({ url: `${url.pathname}/state${url.search}` });
    expect(state.json()).toEqual({ status: 'pending' });
  });

  it("a wallet's answers are rate-limited per address like any verification", async () => {
    const app = await buildApp({
      ctx: hub.ctx,
      rateLimits: { windowMs: 60_000, issuePerToken: 100, issuePerAddress: 100, verifyPerAddress: 2 },
    });
    try {
      const codes = [];
      for (let i = 0; i < 3; i++)
        codes.push(
          (
            await app.inject({
              method: 'POST',
              url: '/presentation-requests/no-such-request-000000/response',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              payload: 'state=x',
              remoteAddress: '10.0.0.7',
            })
          ).statusCode,
        );
      expect(codes).toEqual([404, 404, 429]);
    } finally {
      await app.close();
    }
  });
});
