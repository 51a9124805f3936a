import type { SpokeKey } from './types.js';

/**
 * DID documents for the hub's own did:web identifiers (https://w3c-ccg.github.io/did-method-web/).
 * Path style: did:web:<host>[%3A<port>]:spokes:<slug> for a testing centre.
 * did:web alone keeps no key history, so the document lists every key the centre ever
 * had; the registry (and the signed trust list) says when each was valid.
 */
export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
/** The context that defines JsonWebKey and publicKeyJwk (https://www.w3.org/TR/cid-1.0/#jsonwebkey). */
export const JWK_CONTEXT = 'https://w3id.org/security/jwk/v1';

export function hubDidFromPublicUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  const host = encodeURIComponent(url.host); // host includes the port; ':' becomes %3A
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path].join(':');
}

export const spokeDid = (hubDid: string, slug: string): string => `${hubDid}:spokes:${slug}`;

/** A public JWK (RFC 7517) with its RFC 7638 thumbprint as kid. */
export interface PublicKeyJwk {
  kty: string;
  crv: string;
  x: string;
  y?: string;
  kid?: string;
}

export type VerificationMethod =
  | { id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }
  | { id: string; type: 'JsonWebKey'; controller: string; publicKeyJwk: PublicKeyJwk };

export interface DidDocument {
  '@context': string[];
  id: string;
  alsoKnownAs?: string[];
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
  authentication?: string[];
  service?: Record<string, unknown>[];
}

/** A key as a DID document lists it: its Multikey value, and its JWK when the caller computed one. */
export type DocumentKey = Pick<SpokeKey, 'id' | 'publicKeyMultibase'> & {
  publicKeyJwk?: PublicKeyJwk | undefined;
};

/**
 * Each key is published twice, as two verification methods: a Multikey (`#key-N`, what Data
 * Integrity proofs name) and a JsonWebKey whose fragment is the JWK thumbprint (what a JWT's
 * kid names, so a JOSE library can import it as it is). One method may not carry both:
 * "A verification method MUST NOT contain multiple verification material properties for the
 * same material" (https://www.w3.org/TR/cid-1.0/#verification-material); the JsonWebKey
 * fragment follows https://www.w3.org/TR/cid-1.0/#jsonwebkey ("RECOMMENDED ... use the value
 * of kid as their fragment identifier", kid the RFC 7638 thumbprint).
 */
export function didDocumentFor(
  did: string,
  keys: readonly DocumentKey[],
  service?: Record<string, unknown>[],
  alsoKnownAs?: readonly string[],
): DidDocument {
  const verificationMethod: VerificationMethod[] = keys.map((k) => ({
    id: k.id,
    type: 'Multikey' as const,
    controller: did,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  const jwks: VerificationMethod[] = keys
    .filter((k) => k.publicKeyJwk?.kid)
    .map((k) => ({
      id: `${did}#${k.publicKeyJwk!.kid!}`,
      type: 'JsonWebKey' as const,
      controller: did,
      publicKeyJwk: k.publicKeyJwk!,
    }));
  const methods = [...verificationMethod, ...jwks];
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT, ...(jwks.length > 0 ? [JWK_CONTEXT] : [])],
    id: did,
    ...(alsoKnownAs && alsoKnownAs.length > 0 ? { alsoKnownAs: [...alsoKnownAs] } : {}),
    verificationMethod: methods,
    assertionMethod: methods.map((v) => v.id),
    ...(service ? { service } : {}),
  };
}
