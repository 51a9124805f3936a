import type { DIDResolutionResult, DIDResolver } from 'did-resolver';
import { didDocumentFor } from '../../domain/did-document.js';
import { multibaseToEd25519PublicKey } from '../crypto/multikey.js';

/**
 * did:key for Ed25519, resolved locally with no network (https://w3c-ccg.github.io/did-method-key/):
 * did:key:z6Mk... has one key, whose fragment is the multibase value itself.
 */
export const didKeyDriver: DIDResolver = async (did, parsed): Promise<DIDResolutionResult> => {
  const multibase = parsed.id;
  try {
    multibaseToEd25519PublicKey(multibase);
  } catch {
    return { didResolutionMetadata: { error: 'invalidDid', message: 'only Ed25519 did:key is supported' }, didDocument: null, didDocumentMetadata: {} };
  }
  const doc = didDocumentFor(did, [{ id: `${did}#${multibase}`, publicKeyMultibase: multibase }]);
  return { didResolutionMetadata: { contentType: 'application/did+ld+json' }, didDocument: { ...doc, authentication: doc.assertionMethod } as unknown as DIDResolutionResult['didDocument'], didDocumentMetadata: {} };
};
