import { describe, expect, it } from 'vitest';
import {
  ed25519PublicKeyBytes,
  KEY_CACHE_MAX,
  rawKeyCacheSize,
} from '../../src/adapters/crypto/keys/ed25519.js';
import {
  publicKeyCacheSize,
  publicKeyObjectFromMultibase,
} from '../../src/adapters/crypto/keys/ed25519-keys.js';
import {
  ed25519PublicKeyToMultibase,
  jwkCacheSize,
  multibaseOfPublicJwk,
} from '../../src/adapters/crypto/keys/multikey.js';

/**
 * The public-key caches of the verifier see keys from whoever signed what a verifier is shown
 * (did:key, did:jwk): each stays bounded however many distinct keys arrive (bounded memory,
 * issue 18), and the key in use all along stays cached.
 */
const keyOf = (i: number): Uint8Array => {
  const b = new Uint8Array(32);
  new DataView(b.buffer).setUint32(0, i + 1);
  return b;
};

describe('public-key caches', () => {
  const hub = ed25519PublicKeyToMultibase(keyOf(-1 >>> 0));
  const n = KEY_CACHE_MAX * 1.5 + 1; // past the bound, however it is kept

  it('raw Ed25519 keys: at most KEY_CACHE_MAX, the hub key kept', () => {
    const hubBytes = ed25519PublicKeyBytes(hub);
    for (let i = 0; i < n; i++) {
      ed25519PublicKeyBytes(ed25519PublicKeyToMultibase(keyOf(i)));
      if (i % 997 === 0) expect(ed25519PublicKeyBytes(hub)).toBe(hubBytes);
    }
    expect(rawKeyCacheSize()).toBeLessThanOrEqual(KEY_CACHE_MAX);
  });

  it('imported public keys: at most KEY_CACHE_MAX', () => {
    for (let i = 0; i < n; i++) publicKeyObjectFromMultibase(ed25519PublicKeyToMultibase(keyOf(i)));
    expect(publicKeyCacheSize()).toBeLessThanOrEqual(KEY_CACHE_MAX);
  });

  it('JWK conversions: at most 10,000, and a JWK that is not an Ed25519 key stays refused when asked again', () => {
    for (let i = 0; i < n; i++)
      multibaseOfPublicJwk({ kty: 'OKP', crv: 'Ed25519', x: Buffer.from(keyOf(i)).toString('base64url') });
    expect(jwkCacheSize()).toBeLessThanOrEqual(10_000);
    const ec = { kty: 'EC', crv: 'P-256', x: 'abc', y: 'def' };
    expect(multibaseOfPublicJwk(ec)).toBeUndefined();
    expect(multibaseOfPublicJwk(ec)).toBeUndefined();
  });
});
