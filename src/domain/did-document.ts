import type { SpokeKey } from './types.js';

/**
 * DID documents for the hub's own did:web identifiers (https://w3c-ccg.github.io/did-method-web/).
 * Path style: did:web:<host>[%3A<port>]:spokes:<slug> for a testing centre.
 * did:web alone keeps no key history, so the document lists every key the centre ever
 * had; the registry (and the signed trust list) says when each was valid.
 */
export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

export function hubDidFromPublicUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  const host = encodeURIComponent(url.host); // host includes the port; ':' becomes %3A
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path].join(':');
}

export const spokeDid = (hubDid: string, slug: string): string => `${hubDid}:spokes:${slug}`;

export interface VerificationMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
  authentication?: string[];
  alsoKnownAs?: string[];
  service?: Record<string, unknown>[];
}

export function didDocumentFor(did: string, keys: readonly Pick<SpokeKey, 'id' | 'publicKeyMultibase'>[], service?: Record<string, unknown>[]): DidDocument {
  const verificationMethod = keys.map((k) => ({ id: k.id, type: 'Multikey' as const, controller: did, publicKeyMultibase: k.publicKeyMultibase }));
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod,
    assertionMethod: verificationMethod.map((v) => v.id),
    ...(service ? { service } : {}),
  };
}
