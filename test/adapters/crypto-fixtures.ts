import { bundledContexts } from '../../src/adapters/contexts/bundled-contexts.js';
import { createDocumentLoader } from '../../src/adapters/contexts/document-loader.js';
import { createDidResolver } from '../../src/adapters/did/resolver.js';
import { createProofVerifier } from '../../src/adapters/crypto/suites/proof-verifier.js';
import { generateEd25519 } from '../../src/adapters/crypto/keys/ed25519-keys.js';
import { buildCertificateCredential } from '../../src/domain/certificate-credential.js';
import type { SigningKey } from '../../src/services/crypto-ports.js';

/** Real crypto wiring with no hub: did:key issuers, bundled contexts, no network. */
export const PUBLIC_URL = 'https://hub.example';
export const contexts = bundledContexts(PUBLIC_URL);
export const resolver = createDidResolver({ hubDid: 'did:web:hub.example', document: async () => undefined });
export const documentLoader = createDocumentLoader(contexts, resolver);
export const verifier = createProofVerifier(contexts, resolver, documentLoader, { publicUrls: [PUBLIC_URL] });

export interface DidKeyIssuer {
  did: string;
  key: SigningKey;
}

export function didKeyIssuer(): DidKeyIssuer {
  const { privateJwk, publicKeyMultibase } = generateEd25519();
  const did = `did:key:${publicKeyMultibase}`;
  return { did, key: { verificationMethod: `${did}#${publicKeyMultibase}`, controller: did, privateJwk } };
}

export const ISSUED_AT = '2026-11-20T10:00:00Z';

/** An unsigned OB 3.0 certificate issued by `did`, as the hub builds it. */
export function certificate(did: string): Record<string, unknown> {
  return buildCertificateCredential({
    id: 'urn:uuid:6c1f3f7e-8a55-4a43-9d0e-2f2c0b7f1a01',
    publicUrl: PUBLIC_URL,
    issuedAt: ISSUED_AT,
    spoke: { slug: 'kh-ntti', name: 'Demo NTTI', country: 'KH', did, createdAt: ISSUED_AT },
    qualification: {
      code: 'TH-BRICK-1',
      title: { en: 'Bricklaying, level 1' },
      country: 'TH',
      framework: 'TH-TPQF',
      level: 1,
      isco08: '7112',
      validityYears: 5,
      createdAt: ISSUED_AT,
    },
    framework: {
      id: 'TH-TPQF',
      name: { en: 'Thai Professional Qualifications Framework' },
      country: 'TH',
      levelCount: 8,
      referencing: [],
    },
    aqrfLevel: 1,
    holder: { name: 'Sok Dara', birthDate: '1995-04-12' },
    identitySalt: 'fixture-salt',
    assessment: { date: '2026-11-18', language: 'km', result: 'competent' },
  });
}
