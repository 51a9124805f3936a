import type { DIDResolutionResult, DIDResolver } from 'did-resolver';
import { didDocumentFor } from '../../domain/did-document.js';
import { isP256Multibase, multibaseToEd25519PublicKey } from '../crypto/keys/multikey.js';
import { withJwks } from './document-keys.js';

const isEd25519 = (multibase: string): boolean => {
  try {
    multibaseToEd25519PublicKey(multibase);
    return true;
  } catch {
    return false;
  }
};

/**
 * did:key for Ed25519 (z6Mk...) and P-256 (zDn..., ecdsa-rdfc-2019), resolved locally with no
 * network (https://w3c-ccg.github.io/did-method-key/): one key, whose fragment is the multibase
 * value itself, as a Multikey verification method; and the same key as a JsonWebKey method
 * (fragment: its JWK thumbprint), so a JOSE verifier can import what a kid names.
 */
export const didKeyDriver: DIDResolver = async (did, parsed): Promise<DIDResolutionResult> => {
  const multibase = parsed.id;
  if (!isEd25519(multibase) && !isP256Multibase(multibase)) {
    return {
      didResolutionMetadata: { error: 'invalidDid', message: 'only Ed25519 and P-256 did:key are supported' },
      didDocument: null,
      didDocumentMetadata: {},
    };
  }
  const doc = didDocumentFor(did, withJwks([{ id: `${did}#${multibase}`, publicKeyMultibase: multibase }]));
  return {
    didResolutionMetadata: { contentType: 'application/did+ld+json' },
    didDocument: {
      ...doc,
      authentication: doc.assertionMethod,
    } as unknown as DIDResolutionResult['didDocument'],
    didDocumentMetadata: {},
  };
};
