import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader, decodeJwt, importJWK, jwtVerify } from 'jose';
import { startTestHub, bearer, type TestHub } from '../../helpers/test-hub.js';
import { authenticateCaller, type Principal } from '../../../src/services/access/tokens.js';
import {
  clientIdOf,
  createPresentationRequest,
  readPresentationRequest,
  requestForPage,
  requestObject,
} from '../../../src/services/presentations/presentation-requests.js';

/** The employer's OpenID4VP requests as use cases (the wallet's side end to end: test/e2e/wallet-presentation.test.ts). */
describe('presentation requests', () => {
  let hub: TestHub;
  let employer: Principal;
  let other: Principal;
  const principal = async (label: string) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/tokens',
      headers: bearer(hub.tokens.admin),
      payload: { role: 'employer', label, country: 'TH', expiresInDays: 30 },
    });
    return authenticateCaller(hub.ctx, `Bearer ${(res.json() as { token: string }).token}`);
  };
  beforeAll(async () => {
    hub = await startTestHub();
    employer = await principal('Siam Build Co.');
    other = await principal('Bangkok Homes');
  });
  afterAll(async () => hub?.close());

  it('only employers ask, for a registered qualification, and only for claims the certificate may disclose', async () => {
    const centre = await authenticateCaller(hub.ctx, `Bearer ${hub.tokens.khNtti}`);
    await expect(
      createPresentationRequest(hub.ctx, centre, { qualification: 'TH-BRICK-1' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      createPresentationRequest(hub.ctx, employer, { qualification: 'XX-NONE-1' }),
    ).rejects.toMatchObject({
      code: 'unknown-qualification',
    });
    await expect(
      createPresentationRequest(hub.ctx, employer, { qualification: 'TH-BRICK-1', claims: ['passport'] }),
    ).rejects.toMatchObject({ code: 'validation-failed' });
  });

  it("the request object is signed by the hub's DID key and carries the DCQL query, nonce, state and response URI", async () => {
    const created = await createPresentationRequest(hub.ctx, employer, {
      qualification: 'TH-BRICK-1',
      claims: ['birthdate'],
    });
    const jwt = await requestObject(hub.ctx, created.id);
    const header = decodeProtectedHeader(jwt);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'oauth-authz-req+jwt' });
    expect(String(header.kid).startsWith(`${hub.ctx.hubDid}#`)).toBe(true);
    const method = (await hub.ctx.resolver.dereference(String(header.kid))) as {
      publicKeyJwk: Record<string, unknown>;
    };
    await jwtVerify(jwt, await importJWK(method.publicKeyJwk as never, 'EdDSA'), {
      currentDate: hub.clock.now(),
    });
    const claims = decodeJwt(jwt);
    expect(claims).toMatchObject({
      client_id: clientIdOf(hub.ctx),
      response_type: 'vp_token',
      response_mode: 'direct_post',
      response_uri: `${hub.ctx.publicUrl}/presentation-requests/${created.id}/response`,
      state: created.id,
    });
    expect(typeof claims.nonce).toBe('string');
    expect(JSON.stringify(claims.dcql_query)).toContain('"values":["TH-BRICK-1"]');
    expect(JSON.stringify(claims.dcql_query)).toContain('"path":["birthdate"]');
    // every request has its own nonce
    const again = decodeJwt(
      await requestObject(
        hub.ctx,
        (await createPresentationRequest(hub.ctx, employer, { qualification: 'TH-BRICK-1' })).id,
      ),
    );
    expect(again.nonce).not.toBe(claims.nonce);
  });

  it('an employer reads only its own requests; the page needs its key', async () => {
    const created = await createPresentationRequest(hub.ctx, employer, { qualification: 'TH-BRICK-1' });
    expect((await readPresentationRequest(hub.ctx, employer, created.id)).status).toBe('pending');
    await expect(readPresentationRequest(hub.ctx, other, created.id)).rejects.toMatchObject({
      code: 'not-found',
    });
    const key = new URL(created.page).searchParams.get('key')!;
    expect(await requestForPage(hub.ctx, created.id, key)).toBeDefined();
    expect(await requestForPage(hub.ctx, created.id, `${key}x`)).toBeUndefined();
  });

  it('an expired request gives no request object; after the retention it is gone, deleted when the next one is made', async () => {
    const created = await createPresentationRequest(hub.ctx, employer, { qualification: 'TH-BRICK-1' });
    const start = hub.clock.now().toISOString();
    try {
      hub.clock.set(new Date(Date.parse(start) + 11 * 60_000).toISOString());
      await expect(requestObject(hub.ctx, created.id)).rejects.toMatchObject({
        details: { oauthError: 'invalid_request' },
      });
      expect((await readPresentationRequest(hub.ctx, employer, created.id)).status).toBe('expired');
      hub.clock.set(new Date(Date.parse(start) + 71 * 60_000).toISOString());
      await createPresentationRequest(hub.ctx, employer, { qualification: 'TH-BRICK-1' });
      expect(await hub.ctx.store.repos.presentationRequests.get(created.id)).toBeUndefined();
    } finally {
      hub.clock.set(start);
    }
  });
});
