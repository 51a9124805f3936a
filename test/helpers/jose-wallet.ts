import type { KeyObject } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { generateEd25519 } from '../../src/adapters/crypto/keys/ed25519-keys.js';
import type { TestHub } from './test-hub.js';

/**
 * A minimal wallet written with jose only, for the error cases of the OpenID4VCI endpoints (the
 * end-to-end test drives the real @openid4vc client instead, test/e2e/wallet-issuance.test.ts).
 */
export interface JoseWallet {
  jwk: JWK;
  did: string;
  proof(o: { nonce?: string; aud?: string; iat?: number; typ?: string }): Promise<string>;
}

/** A wallet key named as did:jwk (Ed25519), did:key (Ed25519, resolved by the hub) or a bare P-256 jwk (ES256). */
export async function joseWallet(kind: 'did:jwk' | 'did:key' | 'jwk-es256' = 'did:jwk'): Promise<JoseWallet> {
  let key: CryptoKey | KeyObject;
  let jwk: JWK;
  let header: { alg: string } & Record<string, unknown>;
  let did: string;
  if (kind === 'did:key') {
    const pair = generateEd25519();
    key = (await importJWK(pair.privateJwk as JWK, 'EdDSA')) as CryptoKey;
    const { d: _d, ...pub } = pair.privateJwk as JWK;
    jwk = pub;
    did = `did:key:${pair.publicKeyMultibase}`;
    header = { alg: 'EdDSA', kid: `${did}#${pair.publicKeyMultibase}` };
  } else {
    const alg = kind === 'jwk-es256' ? 'ES256' : 'EdDSA';
    const pair = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519' } : {});
    key = pair.privateKey;
    jwk = await exportJWK(pair.publicKey);
    const members =
      alg === 'ES256'
        ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }
        : { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
    did = `did:jwk:${Buffer.from(JSON.stringify(members)).toString('base64url')}`;
    header = alg === 'ES256' ? { alg, jwk } : { alg, kid: `${did}#0` };
  }
  return {
    jwk,
    did,
    proof: ({ nonce, aud, iat, typ }) =>
      new SignJWT({ ...(nonce ? { nonce } : {}) })
        .setProtectedHeader({ ...header, typ: typ ?? 'openid4vci-proof+jwt' })
        .setAudience(aud ?? '')
        .setIssuedAt(iat)
        .sign(key),
  };
}

/** The pre-authorized code of an offer URI (`openid-credential-offer://?credential_offer=...`). */
export const codeOf = (uri: string): string => {
  const offer = JSON.parse(new URL(uri).searchParams.get('credential_offer')!) as {
    grants: Record<string, { 'pre-authorized_code': string }>;
  };
  return offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code'];
};

export const tokenCall = (hub: TestHub, form: Record<string, string>) =>
  hub.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

export const redeem = (hub: TestHub, code: string, pin: string) =>
  tokenCall(hub, {
    grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
    'pre-authorized_code': code,
    tx_code: pin,
  });

export const nonceCall = async (hub: TestHub): Promise<string> =>
  (await hub.app.inject({ method: 'POST', url: '/openid4vci/nonce' })).json().c_nonce as string;

export const credentialCall = (hub: TestHub, accessToken: string, body: Record<string, unknown>) =>
  hub.app.inject({
    method: 'POST',
    url: '/openid4vci/credential',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    payload: body,
  });
