import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJWK, jwtVerify } from 'jose';
import { Openid4vpClient } from '@openid4vc/openid4vp';
import { setGlobalConfig, type Jwk } from '@openid4vc/oauth2';
import { DcqlQuery } from 'dcql';
import { createHash } from 'node:crypto';
import { startTestHub, issue, bearer, ADMIN_TOKEN, type TestHub } from '../helpers/test-hub.js';
import { freePort } from '../helpers/server-process.js';
import { presentSdJwt, sdJwtVcOf, walletKey, SKILLPASS_VCT } from '../helpers/wallet-credentials.js';

/**
 * Issue 17, items 4 and 5, end to end over a real port: an employer asks for a certificate, and
 * an independent OpenID4VP client (@openid4vc/openid4vp, the OpenWallet Foundation's) acting
 * as the worker's wallet resolves the request from the QR code's URI (verifying the signed
 * request object against the hub's DID document, fetched over HTTP), selects the credential
 * with the dcql library, presents an SD-JWT VC (made and presented with @sd-jwt/sd-jwt-vc,
 * disclosing only what was asked) by direct_post, and the employer reads the verified result.
 * Then the certificate is revoked, and a new request answers revoked.
 */
describe('a wallet answers an employer over OpenID4VP', () => {
  let hub: TestHub;
  let base: string;
  let employer: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // the hub's clock at the real time: the wallet library judges the request object's iat/exp by it
    hub = await startTestHub(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), {
      SKILLPASS_PUBLIC_URL: base,
    });
    await hub.app.listen({ host: '127.0.0.1', port });
    // a loopback hub is http: the wallet library refuses http URLs unless told
    setGlobalConfig({ allowInsecureUrls: true });
    const res = await fetch(`${base}/tokens`, {
      method: 'POST',
      headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'employer', label: 'Siam Build Co.', country: 'TH', expiresInDays: 30 }),
    });
    expect(res.status).toBe(201);
    employer = ((await res.json()) as { token: string }).token;
  });
  afterAll(async () => {
    setGlobalConfig({ allowInsecureUrls: false });
    await hub?.close();
  });

  /** The wallet's side: the library's callbacks, with did:web resolved over HTTP as any wallet would. */
  const wallet = new Openid4vpClient({
    callbacks: {
      fetch,
      hash: (data, alg) => createHash(alg.replace('-', '')).update(data).digest(),
      verifyJwt: async (signer, jwt) => {
        if (signer.method !== 'did') return { verified: false };
        const [did] = signer.didUrl.split('#') as [string];
        const host = decodeURIComponent(did.slice('did:web:'.length).split(':')[0]!);
        const doc = (await (await fetch(`http://${host}/.well-known/did.json`)).json()) as {
          verificationMethod: { id: string; publicKeyJwk?: Jwk }[];
        };
        const method = doc.verificationMethod.find((m) => m.id === signer.didUrl && m.publicKeyJwk);
        if (!method?.publicKeyJwk) return { verified: false };
        try {
          await jwtVerify(jwt.compact, await importJWK(method.publicKeyJwk as never, 'EdDSA'));
          return { verified: true, signerJwk: method.publicKeyJwk };
        } catch {
          return { verified: false };
        }
      },
      signJwt: async () => {
        throw new Error('direct_post is not signed');
      },
      encryptJwe: async () => {
        throw new Error('direct_post is not encrypted');
      },
      decryptJwe: async () => {
        throw new Error('the request is not encrypted');
      },
    },
  });

  const ask = async () => {
    const res = await fetch(`${base}/presentation-requests`, {
      method: 'POST',
      headers: { ...bearer(employer), 'content-type': 'application/json' },
      body: JSON.stringify({
        qualification: 'TH-BRICK-1',
        purpose: 'Hiring a bricklayer',
        claims: ['assessment'],
      }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; requestUri: string; qr: string; page: string; status: string };
  };
  const read = async (id: string) =>
    (await (await fetch(`${base}/presentation-requests/${id}`, { headers: bearer(employer) })).json()) as {
      status: string;
      result?: {
        outcome: string;
        checks: { id: string; code?: string }[];
        credential: Record<string, unknown>;
        presentation: { disclosed: string[]; withheld: string[]; challengeChecked: boolean };
      };
    };

  /** The whole wallet turn: scan, resolve, select with DCQL, present, post. */
  async function answer(requestUri: string, sdJwtVc: string, holder: Awaited<ReturnType<typeof walletKey>>) {
    const parsed = wallet.parseOpenid4vpAuthorizationRequest({ authorizationRequest: requestUri });
    const resolved = await wallet.resolveOpenId4vpAuthorizationRequest({
      authorizationRequestPayload: parsed.params,
    });
    expect(resolved.client.prefix).toBe('decentralized_identifier');
    const request = resolved.authorizationRequestPayload as {
      client_id: string;
      nonce: string;
      response_uri: string;
    };
    // the wallet matches what it holds against the query (the dcql library)
    const query = DcqlQuery.parse(resolved.dcql!.query as DcqlQuery.Input);
    DcqlQuery.validate(query);
    const claims = JSON.parse(Buffer.from(sdJwtVc.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const held = {
      credential_format: 'dc+sd-jwt' as const,
      vct: SKILLPASS_VCT,
      claims: { ...claims, assessment: {}, birthdate: '', identifier: [] },
      cryptographic_holder_binding: true,
    };
    const matched = DcqlQuery.query(query, [held as never]);
    expect(matched.can_be_satisfied).toBe(true);
    // disclose exactly the disclosable claims the query names
    const asked = query.credentials[0]!.claims!.map((c) => (c as { path: string[] }).path[0]!);
    const disclose = asked.filter((n) => ['birthdate', 'identifier', 'assessment'].includes(n));
    const presentation = await presentSdJwt(hub, sdJwtVc, holder, {
      disclose,
      aud: request.client_id,
      nonce: request.nonce,
      iat: Math.floor(Date.now() / 1000),
    });
    const response = await wallet.createOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: resolved.authorizationRequestPayload,
      authorizationResponsePayload: { vp_token: { [query.credentials[0]!.id]: [presentation] } },
    });
    const submitted = await wallet.submitOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: resolved.authorizationRequestPayload as { response_uri: string },
      authorizationResponsePayload: response.authorizationResponsePayload,
    });
    return submitted.response;
  }

  it('the employer sees the verified certificate with only the claims asked for; after revocation, revoked', async () => {
    const holder = await walletKey();
    const issued = await issue(hub);
    const vc = await sdJwtVcOf(hub, issued, holder);

    const first = await ask();
    expect(first.requestUri).toMatch(/^openid4vp:\/\/\?client_id=decentralized_identifier%3Adid%3Aweb%3A/);
    expect(first.qr).toContain('<svg');
    expect((await read(first.id)).status).toBe('pending');
    const posted = await answer(first.requestUri, vc, holder);
    expect(posted.status).toBe(200);
    const done = await read(first.id);
    expect(done.status).toBe('answered');
    expect(done.result?.outcome).toBe('valid');
    expect(done.result?.credential).toMatchObject({ holderName: 'Sok Dara', qualification: 'TH-BRICK-1' });
    expect(done.result?.presentation).toMatchObject({
      disclosed: ['assessment'],
      withheld: ['birthdate', 'identifier'],
      challengeChecked: true,
    });
    // the employer's page shows the verdict (its key is in the page URL only)
    const page = await fetch(first.page, { headers: { 'accept-language': 'th' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-state="valid"');
    expect(html).toContain('lang="th"');

    const revoked = await fetch(`${base}/credentials/status`, {
      method: 'POST',
      headers: { ...bearer(hub.tokens.khNtti), 'content-type': 'application/json' },
      body: JSON.stringify({
        credentialId: issued.id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        status: true,
      }),
    });
    expect(revoked.status).toBe(200);
    const second = await ask();
    expect((await answer(second.requestUri, vc, holder)).status).toBe(200);
    const after = await read(second.id);
    expect(after.result?.outcome).toBe('invalid');
    expect(after.result?.checks.find((c) => c.id === 'status')?.code).toBe('revoked');
  });
});
