import { describe, expect, it } from 'vitest';
import { didJwkOf, jwkOfDidJwk, readProof } from '../../../src/domain/wallets/key-proof.js';
import { oauthAnswer } from '../../../src/domain/wallets/oauth-error.js';

const JWK = { kty: 'OKP', crv: 'Ed25519', x: 'm4gGyNaNYfT4zxoU-VHp8uSdsNpqJ2s6ixUWJxyKpWk' };
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** an unsigned proof (the signature is checked by the caller): header and claims as given */
const proof = (header: Record<string, unknown>, claims: Record<string, unknown>) =>
  `${b64(header)}.${b64(claims)}.c2ln`;
const header = { typ: 'openid4vci-proof+jwt', alg: 'EdDSA', jwk: JWK };
const claims = { aud: 'https://hub.example', iat: 1_000_000, nonce: 'n1' };
const expected = { audience: 'https://hub.example', nowSeconds: 1_000_000 };
const error = (jwt: unknown) => {
  try {
    readProof(jwt, expected);
    return undefined;
  } catch (e) {
    return oauthAnswer(e)?.body.error;
  }
};

describe('JWT key proofs (OpenID4VCI 1.0 Appendix F)', () => {
  it('reads a good proof: its alg, its key and its nonce', () => {
    expect(readProof(proof(header, claims), expected)).toEqual({
      alg: 'EdDSA',
      key: { jwk: JWK },
      nonce: 'n1',
    });
  });

  it('refuses a wrong typ, alg, audience, an iat out of the window, and two ways of naming the key', () => {
    expect(error(proof({ ...header, typ: 'JWT' }, claims))).toBe('invalid_proof');
    expect(error(proof({ ...header, alg: 'HS256' }, claims))).toBe('invalid_proof');
    expect(error(proof(header, { ...claims, aud: 'https://other.example' }))).toBe('invalid_proof');
    expect(error(proof(header, { ...claims, iat: 1_000_301 }))).toBe('invalid_proof');
    expect(error(proof(header, { ...claims, iat: 999_699 }))).toBe('invalid_proof');
    expect(error(proof(header, { ...claims, iat: 1_000_300 }))).toBeUndefined();
    expect(error(proof({ ...header, kid: 'did:key:z6Mk' }, claims))).toBe('invalid_proof');
    expect(error(proof({ ...header, jwk: { ...JWK, d: 'secret' } }, claims))).toBe('invalid_proof');
    expect(error('not a jwt')).toBe('invalid_proof');
  });

  it('a proof without a nonce is invalid_nonce', () => {
    expect(error(proof(header, { aud: claims.aud, iat: claims.iat }))).toBe('invalid_nonce');
  });

  it('names keys by did:key (resolved by the caller) or did:jwk (read here); another DID method is refused', () => {
    const did = didJwkOf(JWK);
    expect(jwkOfDidJwk(did)).toEqual(JWK);
    const { jwk: _j, ...rest } = header;
    expect(readProof(proof({ ...rest, kid: `${did}#0` }, claims), expected).key).toEqual({ jwk: JWK, did });
    expect(readProof(proof({ ...rest, kid: 'did:key:z6MkA#z6MkA' }, claims), expected).key).toEqual({
      kid: 'did:key:z6MkA#z6MkA',
      did: 'did:key:z6MkA',
    });
    expect(error(proof({ ...rest, kid: 'did:web:wallet.example#k' }, claims))).toBe('invalid_proof');
  });
});
