import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ed25519PublicKeyToMultibase, multibaseToEd25519PublicKey } from './multikey.js';

import type { Ed25519PrivateJwk } from '../../../domain/keys.js';
import { BoundedMap } from '../../../domain/bounded-map.js';
import { KEY_CACHE_MAX } from './ed25519.js';

export type { Ed25519PrivateJwk };

export function generateEd25519(): { privateJwk: Ed25519PrivateJwk; publicKeyMultibase: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as Ed25519PrivateJwk;
  return {
    privateJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d },
    publicKeyMultibase: multibaseFromJwkX(jwk.x),
  };
}

export const multibaseFromJwkX = (x: string): string =>
  ed25519PublicKeyToMultibase(Buffer.from(x, 'base64url'));

export const privateKeyObject = (jwk: Ed25519PrivateJwk): KeyObject =>
  createPrivateKey({ key: { ...jwk }, format: 'jwk' });

/** Imported public keys are cached per multibase value: importing is a measurable part of each verify. */
const publicKeyCache = new BoundedMap<string, KeyObject>(KEY_CACHE_MAX);
/** (tests) how many imported public keys are cached */
export const publicKeyCacheSize = (): number => publicKeyCache.size;
export function publicKeyObjectFromMultibase(multibase: string): KeyObject {
  let key = publicKeyCache.get(multibase);
  if (!key) {
    const x = Buffer.from(multibaseToEd25519PublicKey(multibase)).toString('base64url');
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
    publicKeyCache.set(multibase, key);
  }
  return key;
}
