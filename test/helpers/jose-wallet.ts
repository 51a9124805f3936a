import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
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

export async function joseWallet(): Promise<JoseWallet> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const jwk = await exportJWK(publicKey);
  const did = `did:jwk:${Buffer.from(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x })).toString('base64url')}`;
  return {
    jwk,
    did,
    proof: ({ nonce, aud, iat, typ }) =>
      new SignJWT({ ...(nonce ? { nonce } : {}) })
        .setProtectedHeader({ alg: 'EdDSA', typ: typ ?? 'openid4vci-proof+jwt', kid: `${did}#0` })
        .setAudience(aud ?? '')
        .setIssuedAt(iat)
        .sign(privateKey),
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
