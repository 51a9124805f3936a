import type { DocumentKey } from '../../domain/did-document.js';
import { publicJwkOfMultibase } from '../crypto/keys/multikey.js';

/** Keys with their JWKs attached, so a DID document publishes each as a JsonWebKey method too (../../domain/did-document.ts). */
export const withJwks = (keys: readonly Pick<DocumentKey, 'id' | 'publicKeyMultibase'>[]): DocumentKey[] =>
  keys.map((k) => ({
    id: k.id,
    publicKeyMultibase: k.publicKeyMultibase,
    publicKeyJwk: publicJwkOfMultibase(k.publicKeyMultibase),
  }));
