import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setStatus } from '../helpers/certificates.js';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  bearer,
  brickRequest,
  check,
  issue,
  startTestHub,
  verify,
  type TestHub,
} from '../helpers/test-hub.js';
import { codeOf, credentialCall, joseWallet, nonceCall, redeem, tokenCall } from '../helpers/jose-wallet.js';
import { presentSdJwt, walletKey } from '../helpers/wallet-credentials.js';
import { importJWK, SignJWT, type JWK } from 'jose';
import { cohortCsv, waitForBatch } from '../helpers/cohorts.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * OpenID4VCI issuance over HTTP (README "Certificates in a wallet (OpenID4VCI)"), with a wallet
 * written with jose: the offer in the issuance answer, each refusal of issue 17 item 6 as an OAuth
 * error with nothing issued, and wallet copies that the hub's own verification judges like the
 * certificate (valid, then revoked).
 */
describe('wallet issuance (OpenID4VCI)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  type Offer = { uri: string; link: string; qr: string; pin: string; expiresAt: string };
  const certify = async (body = brickRequest()) => {
    const issued = (await issue(hub, body)) as Awaited<ReturnType<typeof issue>> & { walletOffer: Offer };
    return issued;
  };
  const nowSeconds = () => Math.floor(hub.clock.now().getTime() / 1000);
  const copies = async (id: string) => (await hub.ctx.store.repos.wallets.copiesOf(id)).length;
  const tokenOf = async (offer: Offer) => {
    const res = await redeem(hub, codeOf(offer.uri), offer.pin);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().access_token as string;
  };
  const oauthError = (
    res: { statusCode: number; headers: Record<string, unknown>; json(): any },
    status: number,
    error: string,
  ) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    expect(res.json()).toEqual({ error, error_description: expect.any(String) });
  };

  it('publishes issuer metadata (three configurations, five languages) and authorization server metadata', async () => {
    const meta = (await hub.app.inject({ url: '/.well-known/openid-credential-issuer' })).json();
    expect(meta.credential_issuer).toBe(hub.ctx.publicUrl);
    expect(meta.nonce_endpoint).toBe(`${hub.ctx.publicUrl}/openid4vci/nonce`);
    const configs = meta.credential_configurations_supported;
    expect(Object.values(configs).map((c: any) => c.format)).toEqual(['ldp_vc', 'jwt_vc_json', 'dc+sd-jwt']);
    for (const c of Object.values(configs) as any[]) {
      expect(c.proof_types_supported.jwt.proof_signing_alg_values_supported).toEqual(['EdDSA', 'ES256']);
      expect(c.credential_metadata.display.map((d: any) => d.locale)).toEqual(['en', 'th', 'km', 'lo', 'my']);
    }
    const as = (await hub.app.inject({ url: '/.well-known/oauth-authorization-server' })).json();
    expect(as).toMatchObject({
      issuer: hub.ctx.publicUrl,
      token_endpoint: `${hub.ctx.publicUrl}/oauth/token`,
      grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
    });
  });

  it('the issuance answer carries an offer by value, its QR code and a 6-digit PIN that is not in the offer', async () => {
    const { walletOffer } = await certify();
    expect(walletOffer.pin).toMatch(/^[0-9]{6}$/);
    expect(walletOffer.uri).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
    expect(walletOffer.link).toBe(`${hub.ctx.publicUrl}/wallet/offer?${walletOffer.uri.split('?')[1]}`);
    expect(walletOffer.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(walletOffer.expiresAt).toBe('2026-11-27T10:00:00Z');
    const offer = JSON.parse(new URL(walletOffer.uri).searchParams.get('credential_offer')!);
    expect(offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'].tx_code).toEqual({
      input_mode: 'numeric',
      length: 6,
      description: expect.any(String),
    });
    expect(walletOffer.uri).not.toContain(walletOffer.pin);
    const redirect = await hub.app.inject({
      url: new URL(walletOffer.link).pathname + new URL(walletOffer.link).search,
    });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe(walletOffer.uri);
  });

  it('ldp_vc and jwt_vc_json copies are bound to the wallet DID, verify valid, and are revoked with the certificate', async () => {
    const issued = await certify();
    const wallet = await joseWallet();
    const token = await tokenOf(issued.walletOffer);
    const ask = async (configuration: string) => {
      const proof = await wallet.proof({
        nonce: await nonceCall(hub),
        aud: hub.ctx.publicUrl,
        iat: nowSeconds(),
      });
      const res = await credentialCall(hub, token, {
        credential_configuration_id: configuration,
        proofs: { jwt: [proof] },
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().credentials[0].credential;
    };
    const ldp = await ask('skill-certificate-ldp-vc');
    expect(ldp.credentialSubject.id).toBe(wallet.did);
    expect(ldp.id).not.toBe(issued.id);
    expect(ldp.credentialStatus).toEqual((issued.credential as any).credentialStatus);
    const jwt = (await ask('skill-certificate-jwt-vc-json')) as string;
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
    expect(decodeJwt(jwt)).toMatchObject({ sub: wallet.did, vc: { credentialSubject: { id: wallet.did } } });
    // each configuration once per access token
    const again = await credentialCall(hub, token, {
      credential_configuration_id: 'skill-certificate-ldp-vc',
      proofs: {
        jwt: [await wallet.proof({ nonce: await nonceCall(hub), aud: hub.ctx.publicUrl, iat: nowSeconds() })],
      },
    });
    oauthError(again, 400, 'invalid_credential_request');
    expect(await copies(issued.id)).toBe(2);
    for (const credential of [ldp, jwt]) expect((await verify(hub, { credential })).outcome).toBe('valid');
    const vcApi = await hub.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: ldp },
    });
    expect(vcApi.statusCode, vcApi.body).toBe(200);
    await setStatus(hub, issued.id, 'revocation');
    for (const credential of [ldp, jwt]) {
      const r = await verify(hub, { credential });
      expect(r.outcome).toBe('invalid');
      expect(check(r, 'status')!.code).toBe('revoked');
    }
    // the verification page says since when, from the certificate the copy copies
    const page = await hub.app.inject({
      method: 'POST',
      url: '/v?lang=en',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ credential: jwt }).toString(),
    });
    expect(page.body).toContain('Revoked on November 20, 2026.');
  });

  it('wrong PINs: four are counted, the fifth voids the offer; the right PIN then gets nothing', async () => {
    const { id, walletOffer } = await certify();
    const wrong = walletOffer.pin === '000000' ? '111111' : '000000';
    for (let i = 1; i <= 5; i++) {
      const res = await redeem(hub, codeOf(walletOffer.uri), wrong);
      oauthError(res, 400, 'invalid_grant');
      expect(res.json().error_description).toMatch(i < 5 ? `${5 - i} attempt` : /void/);
    }
    const right = await redeem(hub, codeOf(walletOffer.uri), walletOffer.pin);
    oauthError(right, 400, 'invalid_grant');
    expect(right.json().error_description).toMatch(/voided/);
    const offers = await hub.ctx.store.repos.wallets.offersOf(id);
    expect(offers[0]).toMatchObject({ failedPins: 5, voidedAt: expect.any(String), redeemedAt: null });
    expect(await copies(id)).toBe(0);
  });

  it('a replayed pre-authorized code, an expired offer, a missing PIN and another grant type are refused', async () => {
    const first = await certify();
    await tokenOf(first.walletOffer);
    oauthError(await redeem(hub, codeOf(first.walletOffer.uri), first.walletOffer.pin), 400, 'invalid_grant');
    oauthError(
      await tokenCall(hub, {
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': codeOf(first.walletOffer.uri),
      }),
      400,
      'invalid_request',
    );
    oauthError(
      await tokenCall(hub, { grant_type: 'authorization_code', code: 'x' }),
      400,
      'unsupported_grant_type',
    );
    const late = await certify();
    hub.clock.set('2026-11-27T10:00:00Z');
    try {
      const res = await redeem(hub, codeOf(late.walletOffer.uri), late.walletOffer.pin);
      oauthError(res, 400, 'invalid_grant');
      expect(res.json().error_description).toMatch(/expired/);
    } finally {
      hub.clock.set('2026-11-20T10:00:00Z');
    }
    expect(await copies(late.id)).toBe(0);
  });

  it('key proofs: wrong nonce, reused nonce, wrong audience, stale iat, wrong typ, unknown configuration, no token: each refused, nothing issued', async () => {
    const { id, walletOffer } = await certify();
    const wallet = await joseWallet();
    const token = await tokenOf(walletOffer);
    const aud = hub.ctx.publicUrl;
    const ask = async (proof: string, configuration = 'skill-certificate-ldp-vc', access = token) =>
      credentialCall(hub, access, { credential_configuration_id: configuration, proofs: { jwt: [proof] } });
    oauthError(
      await ask(await wallet.proof({ nonce: 'not-ours', aud, iat: nowSeconds() })),
      400,
      'invalid_nonce',
    );
    oauthError(await ask(await wallet.proof({ aud, iat: nowSeconds() })), 400, 'invalid_nonce');
    oauthError(
      await ask(
        await wallet.proof({ nonce: await nonceCall(hub), aud: 'https://other.example', iat: nowSeconds() }),
      ),
      400,
      'invalid_proof',
    );
    oauthError(
      await ask(await wallet.proof({ nonce: await nonceCall(hub), aud, iat: nowSeconds() - 3600 })),
      400,
      'invalid_proof',
    );
    oauthError(
      await ask(await wallet.proof({ nonce: await nonceCall(hub), aud, iat: nowSeconds(), typ: 'JWT' })),
      400,
      'invalid_proof',
    );
    oauthError(
      await ask(
        await wallet.proof({ nonce: await nonceCall(hub), aud, iat: nowSeconds() }),
        'skill-certificate-mdoc',
      ),
      400,
      'unknown_credential_configuration',
    );
    oauthError(
      await ask(
        await wallet.proof({ nonce: await nonceCall(hub), aud, iat: nowSeconds() }),
        undefined,
        'nope',
      ),
      401,
      'invalid_token',
    );
    // a proof signed by another key than the one it names
    const other = await joseWallet();
    const forged = (await other.proof({ nonce: await nonceCall(hub), aud, iat: nowSeconds() })).split('.');
    const named = (await wallet.proof({ nonce: 'x', aud, iat: nowSeconds() })).split('.')[0];
    oauthError(await ask(`${named}.${forged[1]}.${forged[2]}`), 400, 'invalid_proof');
    expect(await copies(id)).toBe(0);
    // a nonce is accepted once
    const nonce = await nonceCall(hub);
    expect((await ask(await wallet.proof({ nonce, aud, iat: nowSeconds() }))).statusCode).toBe(200);
    oauthError(
      await ask(await wallet.proof({ nonce, aud, iat: nowSeconds() }), 'skill-certificate-jwt-vc-json'),
      400,
      'invalid_nonce',
    );
    expect(await copies(id)).toBe(1);
  });

  it('a suspended certificate gets no wallet copy (credential_request_denied)', async () => {
    const { id, walletOffer } = await certify();
    const token = await tokenOf(walletOffer);
    await setStatus(hub, id, 'suspension');
    const wallet = await joseWallet();
    const res = await credentialCall(hub, token, {
      credential_configuration_id: 'skill-certificate-sd-jwt',
      proofs: {
        jwt: [await wallet.proof({ nonce: await nonceCall(hub), aud: hub.ctx.publicUrl, iat: nowSeconds() })],
      },
    });
    oauthError(res, 400, 'credential_request_denied');
    expect(await copies(id)).toBe(0);
  });

  it("the centre replaces an offer (the old one is void); another centre cannot; a birth date must be the certificate's", async () => {
    const { id, walletOffer } = await certify();
    const path = `/certificates/${id.replace('urn:uuid:', '')}/wallet-offers`;
    const fresh = await hub.app.inject({
      method: 'POST',
      url: path,
      headers: bearer(hub.tokens.khNtti),
      payload: {},
    });
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json().pin).toMatch(/^[0-9]{6}$/);
    oauthError(await redeem(hub, codeOf(walletOffer.uri), walletOffer.pin), 400, 'invalid_grant');
    expect((await redeem(hub, codeOf(fresh.json().uri), fresh.json().pin)).statusCode).toBe(200);
    const other = await hub.app.inject({
      method: 'POST',
      url: path,
      headers: bearer(hub.tokens.thBkk),
      payload: {},
    });
    expect(other.statusCode).toBe(404);
    const wrongBirth = await hub.app.inject({
      method: 'POST',
      url: path,
      headers: bearer(hub.tokens.khNtti),
      payload: { birthDate: '1999-01-01' },
    });
    expect(wrongBirth.statusCode).toBe(400);
    const rightBirth = await hub.app.inject({
      method: 'POST',
      url: path,
      headers: bearer(hub.tokens.khNtti),
      payload: { birthDate: '1995-04-12' },
    });
    expect(rightBirth.statusCode).toBe(201);
  });

  it('serves Token Status Lists that @sd-jwt/jwt-status-list reads: 0 valid, 1 revoked, 2 suspended', async () => {
    const { getListFromStatusListJWT } = await import('@sd-jwt/jwt-status-list');
    const a = await certify();
    const b = await certify();
    const entry = (c: typeof a) => (c.credential as any).credentialStatus;
    const index = (c: typeof a) => Number(entry(c).statusListIndex);
    const listId = entry(a)
      .statusListCredential.split('/')
      .pop()
      .replace(/-revocation$/, '');
    const read = async () => {
      const res = await hub.app.inject({ url: `/token-status-lists/${listId}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/statuslist\+jwt/);
      expect(decodeJwt(res.body)).toMatchObject({
        sub: `${hub.ctx.publicUrl}/token-status-lists/${listId}`,
        ttl: expect.any(Number),
      });
      expect(decodeProtectedHeader(res.body).typ).toBe('statuslist+jwt');
      return getListFromStatusListJWT(res.body);
    };
    expect((await read()).getStatus(index(a))).toBe(0);
    const change = (c: typeof a, statusPurpose: string) =>
      hub.app.inject({
        method: 'POST',
        url: '/credentials/status',
        headers: bearer(hub.tokens.khNtti),
        payload: {
          credentialId: c.id,
          credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose },
          status: true,
        },
      });
    expect((await change(a, 'revocation')).statusCode).toBe(200);
    expect((await change(b, 'suspension')).statusCode).toBe(200);
    const list = await read();
    expect([list.getStatus(index(a)), list.getStatus(index(b))]).toEqual([1, 2]);
    expect((await hub.app.inject({ url: '/token-status-lists/nobody-9' })).statusCode).toBe(404);
  });

  it("the worker page shows the offer it is linked with (a button and its code, never the PIN); not another issuer's", async () => {
    const { walletOffer } = await certify();
    const page = new URL((walletOffer as Offer & { page: string }).page);
    const html = (await hub.app.inject({ url: page.pathname + page.search })).body;
    expect(html).toContain(`href="${walletOffer.uri.replace(/&/g, '&#38;')}"`);
    expect(html).toContain('/wallet/offer.svg?credential_offer=');
    expect(html).not.toContain(walletOffer.pin);
    const svg = await hub.app.inject({ url: `/wallet/offer.svg${page.search}` });
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const foreign = page.search.replace(
      encodeURIComponent(hub.ctx.publicUrl),
      encodeURIComponent('https://evil.example'),
    );
    expect((await hub.app.inject({ url: page.pathname + foreign })).body).not.toContain('data-wallet-offer');
    expect((await hub.app.inject({ url: `/wallet/offer.svg${foreign}` })).statusCode).toBe(404);
  });

  it("a cohort's result carries a fresh offer per worker: link, PIN and expiry in index.csv, the code in the PDF", async () => {
    const csv = cohortCsv(2, 'Wallet');
    const upload = await hub.app.inject({
      method: 'POST',
      url: '/batches',
      headers: { ...bearer(hub.tokens.khNtti), 'content-type': 'text/csv' },
      payload: csv,
    });
    const batch = upload.json();
    await hub.app.inject({
      method: 'POST',
      url: `/batches/${batch.id}/commit`,
      headers: bearer(hub.tokens.khNtti),
    });
    await waitForBatch(hub, batch.id, hub.tokens.khNtti);
    const zip = await hub.app.inject({
      url: `/batches/${batch.id}/result.zip`,
      headers: bearer(hub.tokens.khNtti),
    });
    expect(zip.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'wallet-zip-'));
    try {
      const file = join(dir, 'result.zip');
      writeFileSync(file, zip.rawPayload);
      const [header, ...rows] = execFileSync('unzip', ['-p', file, 'index.csv'])
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean)
        .map((l) => l.split(','));
      const col = (name: string) => header!.indexOf(name);
      expect(rows).toHaveLength(2);
      const [first] = rows;
      expect(first![col('walletPin')]).toMatch(/^[0-9]{6}$/);
      const link = new URL(first![col('walletOfferLink')]!);
      const uri = `openid-credential-offer://${link.search}`;
      expect((await redeem(hub, codeOf(uri), first![col('walletPin')]!)).statusCode).toBe(200);
      // the PDF made for the worker holds the offer's code too; a scan of it still reads the certificate's
      const pdf = execFileSync('unzip', [
        '-p',
        file,
        `pdf/*${first![col('certificateId')]!.replace('urn:uuid:', '')}.pdf`,
      ]);
      const plain = await hub.app.inject({
        url: `/certificates/${first![col('certificateId')]!.replace('urn:uuid:', '')}/certificate.pdf`,
      });
      expect(pdf.length).toBeGreaterThan(plain.rawPayload.length + 1000);
      expect((await hub.ctx.formats.pdfQr(pdf)).payload).toBe(first![col('verifyUrl')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('binds to a did:key (resolved locally) and to a bare P-256 jwk (ES256, named as did:jwk)', async () => {
    for (const kind of ['did:key', 'jwk-es256'] as const) {
      const { walletOffer } = await certify();
      const wallet = await joseWallet(kind);
      const token = await tokenOf(walletOffer);
      const proof = await wallet.proof({
        nonce: await nonceCall(hub),
        aud: hub.ctx.publicUrl,
        iat: nowSeconds(),
      });
      const res = await credentialCall(hub, token, {
        credential_configuration_id: 'skill-certificate-jwt-vc-json',
        proofs: { jwt: [proof] },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(decodeJwt(res.json().credentials[0].credential).sub).toBe(wallet.did);
    }
  });
  it("the hub's own SD-JWT VC, presented by the wallet with a Key Binding JWT (@sd-jwt), verifies valid for that nonce and audience, only with what was disclosed; revoked with the certificate", async () => {
    const issued = await certify(brickRequest({ holder: { name: 'Sok Dara', birthDate: '1995-04-12' } }));
    const key = await walletKey();
    const token = await tokenOf(issued.walletOffer);
    // the key proof with the wallet's bare P-256 jwk, as the SD-JWT's cnf will carry it
    const proof = await new SignJWT({ nonce: await nonceCall(hub) })
      .setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: key.publicJwk as JWK })
      .setAudience(hub.ctx.publicUrl)
      .setIssuedAt(nowSeconds())
      .sign(await importJWK(key.privateJwk as JWK, 'ES256'));
    const res = await credentialCall(hub, token, {
      credential_configuration_id: 'skill-certificate-sd-jwt',
      proofs: { jwt: [proof] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const sdJwt = res.json().credentials[0].credential as string;
    const aud = 'https://employer.example';
    const shown = await presentSdJwt(hub, sdJwt, key, { disclose: ['birthdate'], nonce: 'n-42', aud });
    const result = (await verify(hub, { credential: shown, nonce: 'n-42', audience: aud })) as any;
    expect(result.outcome, JSON.stringify(result.checks)).toBe('valid');
    expect(check(result, 'holder-binding')!.outcome).toBe('valid');
    expect(result.presentation.disclosed).toContain('birthdate');
    expect(result.presentation.withheld).toEqual(expect.arrayContaining(['identifier', 'assessment']));
    // bound to that verifier and nonce: another nonce is never valid
    expect((await verify(hub, { credential: shown, nonce: 'n-43', audience: aud })).outcome).not.toBe(
      'valid',
    );
    await setStatus(hub, issued.id, 'revocation');
    const after = await verify(hub, { credential: shown, nonce: 'n-42', audience: aud });
    expect(after.outcome).toBe('invalid');
    expect(check(after, 'status')!.code).toBe('revoked');
  });
});
