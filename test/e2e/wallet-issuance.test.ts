import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, createPublicKey, randomBytes, verify as verifySignature } from 'node:crypto';
import {
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
} from 'jose';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { OB3_SCHEMA } from '../helpers/ob3-schema.js';

/**
 * Issue 17 item 5: a real wallet client, not our code on both sides. The OpenWallet Foundation's
 * @openid4vc/openid4vci client, with a did:jwk key, takes an offer from the running server over a
 * real port (resolves it, reads the metadata, redeems the code with the PIN, gets nonces) and
 * receives the certificate in all three formats; then independent libraries check them: the
 * SD-JWT VC with @sd-jwt/sd-jwt-vc (signature with the centre's key from our DID document,
 * disclosures, status list, a key-binding presentation with the wallet's cnf key), the jwt_vc_json
 * with jose, the ldp_vc with the DCC's verifier-core. The hub runs as https://hub.example; the
 * libraries' requests to it go to the server's port, anything else is refused.
 */
const PUBLIC_URL = 'https://hub.example';
const OB3_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

describe('a standard wallet client takes a certificate (OpenID4VCI, three formats)', () => {
  let server: ServerProcess;
  const realFetch = globalThis.fetch;
  const refused: string[] = [];
  /** requests to the hub's public URL go to the server's port */
  const hubFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url === OB3_SCHEMA_URL)
      return new Response(JSON.stringify(OB3_SCHEMA), { headers: { 'content-type': 'application/json' } });
    const target =
      url === 'https://w3id.org/skillpass/v1'
        ? `${server.url}/contexts/skillpass/v1.jsonld`
        : url.startsWith(`${PUBLIC_URL}/`)
          ? `${server.url}${url.slice(PUBLIC_URL.length)}`
          : undefined;
    if (!target) {
      refused.push(url);
      throw new TypeError(`no network in this test: ${url}`);
    }
    return input instanceof Request ? realFetch(new Request(target, input)) : realFetch(target, init);
  }) as typeof fetch;

  beforeAll(async () => {
    server = await startServerProcess({
      SKILLPASS_ADMIN_TOKEN: 'e2e-wallet-admin-token-abcdefghijklmnop',
      SKILLPASS_PUBLIC_URL: PUBLIC_URL,
    });
    globalThis.fetch = hubFetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await server?.stop();
  });

  it('resolves the offer, redeems it with the PIN, receives ldp_vc, jwt_vc_json and dc+sd-jwt, each checked by another library', async () => {
    const { Openid4vciClient } = await import('@openid4vc/openid4vci');
    const { clientAuthenticationAnonymous } = await import('@openid4vc/oauth2');
    const centreToken = server.output().match(/Token for centre kh-ntti: (\S+)/)![1]!;
    const certified = await hubFetch(`${PUBLIC_URL}/certificates`, {
      method: 'POST',
      headers: { authorization: `Bearer ${centreToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        qualification: 'TH-BRICK-1',
        holder: { name: 'Sok Dara', birthDate: '1995-04-12', documentNumber: 'N1234567' },
        assessment: { date: new Date().toISOString().slice(0, 10), language: 'km', result: 'competent' },
      }),
    });
    expect(certified.status).toBe(201);
    const issued = (await certified.json()) as {
      id: string;
      credential: Record<string, any>;
      walletOffer: { uri: string; pin: string };
    };

    // the wallet's key: Ed25519, named as did:jwk
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const walletJwk = await exportJWK(publicKey);
    const did = `did:jwk:${Buffer.from(JSON.stringify({ crv: walletJwk.crv, kty: walletJwk.kty, x: walletJwk.x })).toString('base64url')}`;
    const client = new Openid4vciClient({
      callbacks: {
        fetch: hubFetch,
        hash: (data, alg) => createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
        generateRandom: (n) => randomBytes(n),
        clientAuthentication: clientAuthenticationAnonymous(),
        signJwt: async (_signer, { header, payload }) => ({
          jwt: await new SignJWT(payload as Record<string, unknown>)
            .setProtectedHeader(header as { alg: string })
            .sign(privateKey),
          signerJwk: walletJwk as never,
        }),
      },
    });
    const offer = await client.resolveCredentialOffer(issued.walletOffer.uri);
    expect(offer.credential_issuer).toBe(PUBLIC_URL);
    const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
    const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer: offer,
      issuerMetadata,
      txCode: issued.walletOffer.pin,
    });
    const receive = async (credentialConfigurationId: string) => {
      const { c_nonce } = await client.requestNonce({ issuerMetadata });
      const { jwt } = await client.createCredentialRequestJwtProof({
        issuerMetadata,
        credentialConfigurationId,
        nonce: c_nonce,
        signer: { method: 'did', didUrl: `${did}#0`, alg: 'EdDSA' },
      });
      const res = await client.retrieveCredentials({
        issuerMetadata,
        accessToken: accessTokenResponse.access_token,
        credentialConfigurationId,
        proofs: { jwt: [jwt] },
      });
      // OpenID4VCI 1.0 §8.3: `credentials`, an array of objects each holding one `credential`
      const [first] = res.credentialResponse.credentials as { credential: unknown }[];
      return first!.credential;
    };
    const ldp = (await receive('skill-certificate-ldp-vc')) as Record<string, any>;
    const jwtVc = (await receive('skill-certificate-jwt-vc-json')) as string;
    const sdJwt = (await receive('skill-certificate-sd-jwt')) as string;

    // the centre's key, as our DID document publishes it for the kid the JWTs carry
    const centreKey = async (kid: string) => {
      const doc = (await (await hubFetch(`${PUBLIC_URL}/spokes/kh-ntti/did.json`)).json()) as {
        verificationMethod: { id: string; publicKeyJwk?: JWK }[];
      };
      return doc.verificationMethod.find((m) => m.id === kid)!.publicKeyJwk!;
    };

    // dc+sd-jwt: @sd-jwt/sd-jwt-vc checks the signature, the disclosures, the status list, then a key-bound presentation
    const { SDJwtVcInstance } = await import('@sd-jwt/sd-jwt-vc');
    const statusLists: string[] = [];
    const kid = String(decodeProtectedHeader(sdJwt.split('~')[0]!).kid);
    const centreJwk = await centreKey(kid);
    const ed25519 = (jwk: JWK) => (data: string, sig: string) =>
      verifySignature(
        null,
        Buffer.from(data),
        createPublicKey({ key: jwk as never, format: 'jwk' }),
        Buffer.from(sig, 'base64url'),
      );
    const sdjwt = new SDJwtVcInstance({
      hasher: (data, alg) =>
        createHash(alg.replace('-', '').toLowerCase())
          .update(typeof data === 'string' ? data : Buffer.from(data))
          .digest(),
      verifier: ed25519(centreJwk),
      statusVerifier: ed25519(centreJwk),
      statusListFetcher: async (uri) => {
        statusLists.push(uri);
        return (await hubFetch(uri)).text();
      },
      kbSigner: async (data) => {
        const { sign } = await import('node:crypto');
        return sign(null, Buffer.from(data), privateKey as never).toString('base64url');
      },
      kbSignAlg: 'EdDSA',
      kbVerifier: (data, sig, payload) => ed25519((payload as any).cnf.jwk)(data, sig),
      saltGenerator: (n) => randomBytes(n).toString('base64url'),
    });
    const checked = await sdjwt.verify(sdJwt);
    expect(checked.header).toMatchObject({ typ: 'dc+sd-jwt', alg: 'EdDSA' });
    expect(checked.payload).toMatchObject({
      iss: 'did:web:hub.example:spokes:kh-ntti',
      vct: 'https://w3id.org/skillpass/vct/skill-certificate/v1',
      certificate: issued.id,
      name: 'Sok Dara',
      birthdate: '1995-04-12',
      assessment: { language: 'km', result: 'competent' },
      qualification: { code: 'TH-BRICK-1', country: 'TH', aqrf_level: expect.any(Number) },
      cnf: { jwk: { kty: 'OKP', crv: 'Ed25519', x: walletJwk.x } },
      status: { status_list: { idx: Number(issued.credential.credentialStatus.statusListIndex) } },
    });
    expect((checked.payload as any).identifier).toHaveLength(2);
    expect(statusLists).toEqual([`${PUBLIC_URL}/token-status-lists/kh-ntti-1`]);
    // the worker shows the qualification but not the birth date: the employer learns nothing more
    const presented = await sdjwt.present(
      sdJwt,
      { assessment: true },
      {
        kb: {
          payload: { aud: 'https://employer.example', nonce: 'n-123', iat: Math.floor(Date.now() / 1000) },
        },
      },
    );
    const shown = await sdjwt.verify(presented, { keyBindingNonce: 'n-123' } as never);
    expect(shown.kb).toBeDefined();
    expect(shown.payload).toMatchObject({ name: 'Sok Dara', assessment: { result: 'competent' } });
    expect(shown.payload).not.toHaveProperty('birthdate');
    expect(shown.payload).not.toHaveProperty('identifier');

    // jwt_vc_json: jose with the key the kid names
    const jwtKid = String(decodeProtectedHeader(jwtVc).kid);
    const { payload } = await jwtVerify(jwtVc, await importJWK(await centreKey(jwtKid), 'EdDSA'), {
      issuer: 'did:web:hub.example:spokes:kh-ntti',
      subject: did,
    });
    expect((payload.vc as any).credentialSubject).toMatchObject({ id: did, name: 'Sok Dara' });

    // ldp_vc: the DCC's verifier-core (signature, expiry, status list, OB 3.0 schema)
    expect(ldp.credentialSubject.id).toBe(did);
    const { verifyCredential } = await import('@digitalcredentials/verifier-core');
    const result = (await verifyCredential({ credential: ldp as never, knownDIDRegistries: [] })) as {
      log?: { id: string; valid: boolean }[];
      errors?: unknown[];
    };
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    for (const step of ['valid_signature', 'expiration', 'revocation_status'])
      expect(
        result.log?.find((s) => s.id === step),
        step,
      ).toMatchObject({ valid: true });
    expect(refused).toEqual([]);
  });
});
