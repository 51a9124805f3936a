/**
 * The one module that imports the @digitalbazaar packages (they ship no types; see
 * ./digitalbazaar.d.ts). Everything else uses this typed API.
 * Specs: VC Data Integrity (https://www.w3.org/TR/vc-data-integrity/), EdDSA
 * cryptosuites v1.0 (https://www.w3.org/TR/vc-di-eddsa/).
 */
// first: jsonld.js must be loaded through ../jsonld/jsonld.ts (its speed-ups) before the library loads it
import '../jsonld/jsonld.js';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {
  createSignCryptosuite as jcsSignSuite,
  createVerifyCryptosuite as jcsVerifySuite,
} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { checkStatus as bitstringCheckStatus } from '@digitalbazaar/vc-bitstring-status-list';
import jsigs from 'jsonld-signatures';
import type { Ed25519PrivateJwk } from '../keys/ed25519-keys.js';

export type Cryptosuite = 'eddsa-rdfc-2022' | 'eddsa-jcs-2022';
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
  tag?: 'static';
}
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

const signSuites = {
  'eddsa-rdfc-2022': () => eddsaRdfc2022,
  'eddsa-jcs-2022': () => jcsSignSuite(),
} as const;
/**
 * Every suite the library path verifies: the EdDSA cryptosuites, ecdsa-rdfc-2019 (P-256,
 * https://www.w3.org/TR/vc-di-ecdsa/) and the older Ed25519Signature2020 that many Open Badges
 * issuers still use (https://w3c-ccg.github.io/di-eddsa-2020/).
 */
const verifySuites = () => [
  ...[eddsaRdfc2022, jcsVerifySuite(), ecdsaRdfc2019].map(
    (cryptosuite) => new DataIntegrityProof({ cryptosuite }),
  ),
  new Ed25519Signature2020(),
];

export { packagedContexts } from './digitalbazaar-contexts.js';

export interface SignOptions {
  credential: Record<string, unknown>;
  privateJwk: Ed25519PrivateJwk;
  verificationMethod: string;
  controller: string;
  created: string;
  cryptosuite: Cryptosuite;
  documentLoader: DocumentLoader;
}

export async function signDataIntegrity(o: SignOptions): Promise<Record<string, unknown>> {
  const keyPair = await Ed25519Multikey.fromJwk({
    jwk: { ...o.privateJwk },
    secretKey: true,
    id: o.verificationMethod,
    controller: o.controller,
  });
  const suite = new DataIntegrityProof({
    signer: keyPair.signer(),
    date: o.created,
    cryptosuite: signSuites[o.cryptosuite](),
  });
  return vc.issue({
    credential: structuredClone(o.credential),
    suite,
    documentLoader: o.documentLoader,
    now: o.created,
  });
}

export interface ProofVerdict {
  verified: boolean;
  /** the first error's message, for people */
  error?: string;
}

interface LibError {
  message?: string;
  name?: string;
  errors?: LibError[];
  cause?: LibError;
  details?: unknown;
}

function firstError(e: unknown): LibError | undefined {
  let err = e as LibError | undefined;
  while (err?.errors?.[0]) err = err.errors[0];
  return err;
}

/**
 * Verifies the Data Integrity proof only: no status, and validity dates are judged by
 * our own checks, so `now` is set to the credential's own validFrom to keep the
 * library from failing an expired credential at the proof step.
 */
export async function verifyDataIntegrityProof(
  credential: Record<string, unknown>,
  documentLoader: DocumentLoader,
  now: string,
): Promise<ProofVerdict> {
  const suite = verifySuites();
  const result = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    now,
    // status is judged by the status check, not the library
    checkStatus: async () => ({ verified: true }),
  });
  if (result.verified) return { verified: true };
  const err = firstError(result.error);
  const message = err?.message ?? 'The proof could not be verified.';
  return { verified: false, error: message };
}

/**
 * The stock signature check alone (jsonld-signatures with the Data Integrity suites, assertion
 * purpose): no credential data-model checks, which read the JSON. It answers "does this proof
 * sign this document's RDF?", and so shows which JSON rewrites keep a signature valid.
 */
export async function stockProofOnly(
  document: Record<string, unknown>,
  documentLoader: DocumentLoader,
  now: string,
): Promise<ProofVerdict> {
  const purpose = new jsigs.purposes.AssertionProofPurpose({ date: now, maxTimestampDelta: Infinity });
  const result = await jsigs.verify(document, { suite: verifySuites(), purpose, documentLoader });
  if (result.verified) return { verified: true };
  return { verified: false, error: firstError(result.error)?.message ?? 'The proof could not be verified.' };
}

export type StockSuite = 'eddsa-rdfc-2022' | 'eddsa-jcs-2022' | 'ecdsa-rdfc-2019' | 'Ed25519Signature2020';
export interface StockIssuer {
  did: string;
  verificationMethod: string;
  sign(credential: Record<string, unknown>, created: string): Promise<Record<string, unknown>>;
  /** signs a presentation as its holder (authentication purpose) */
  signPresentation(
    presentation: Record<string, unknown>,
    challenge: string,
    domain?: string,
  ): Promise<Record<string, unknown>>;
}

/**
 * A did:key issuer with a fresh key that signs with the stock @digitalbazaar suites: what a
 * third party's credentials look like, for interoperability tests (SkillPass's own code on
 * neither side). Ed25519 for the EdDSA suites and Ed25519Signature2020, P-256 for ecdsa-rdfc-2019.
 */
export async function stockDidKeyIssuer(
  suite: StockSuite,
  documentLoader: DocumentLoader,
): Promise<StockIssuer> {
  const key =
    suite === 'ecdsa-rdfc-2019'
      ? await EcdsaMultikey.generate({ curve: 'P-256' })
      : await Ed25519Multikey.generate();
  const did = `did:key:${key.publicKeyMultibase}`;
  const verificationMethod = `${did}#${key.publicKeyMultibase}`;
  Object.assign(key, { id: verificationMethod, controller: did });
  const proofSuite = (created?: string) => {
    const signer = key.signer();
    return suite === 'Ed25519Signature2020'
      ? new Ed25519Signature2020({ signer, ...(created ? { date: created } : {}) })
      : new DataIntegrityProof({
          signer,
          ...(created ? { date: created } : {}),
          cryptosuite: suite === 'ecdsa-rdfc-2019' ? ecdsaRdfc2019 : signSuites[suite](),
        });
  };
  return {
    did,
    verificationMethod,
    sign: (credential, created) =>
      vc.issue({
        credential: structuredClone(credential),
        suite: proofSuite(created),
        documentLoader,
        now: created,
      }),
    signPresentation: (presentation, challenge, domain) =>
      vc.signPresentation({
        presentation: structuredClone(presentation),
        suite: proofSuite(),
        documentLoader,
        challenge,
        ...(domain ? { domain } : {}),
      }),
  };
}

/** The stock library loop, as the benchmark baseline: one call does everything. */
export async function stockVerifyCredential(
  credential: Record<string, unknown>,
  documentLoader: DocumentLoader,
  checkStatus?: (o: unknown) => Promise<{ verified: boolean }>,
): Promise<boolean> {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const r = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    ...(checkStatus ? { checkStatus } : {}),
  });
  return r.verified;
}

/**
 * The stock library loop WITH status (benchmark baseline): verifyCredential plus the stock
 * Bitstring Status List checkStatus, which loads every status list credential through
 * `documentLoader`, verifies its proof and reads the bit. The library's `verified` only says
 * the lists could be checked, so "valid" here also needs every status bit clear.
 */
export async function stockVerifyCredentialWithStatus(
  credential: Record<string, unknown>,
  documentLoader: DocumentLoader,
): Promise<boolean> {
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const r = await vc.verifyCredential({
    credential,
    suite,
    documentLoader,
    checkStatus: bitstringCheckStatus,
  });
  const statuses = r.statusResult?.results ?? [];
  return r.verified && statuses.length > 0 && statuses.every((s) => s.verified && s.status === false);
}

/**
 * Verifies a Verifiable Presentation's own proof (authentication purpose, with the verifier's
 * challenge and domain) over the whole presentation, the credentials in it included: the
 * holder signed them too. The credentials' own proofs are verified by our pipeline, one by one.
 */
export async function verifyPresentationProof(
  presentation: Record<string, unknown>,
  documentLoader: DocumentLoader,
  challenge: string | undefined,
  domain: string | undefined,
): Promise<ProofVerdict> {
  if (!challenge) return { verified: false, error: 'A signed presentation needs options.challenge.' };
  const purpose = new jsigs.purposes.AuthenticationProofPurpose({ challenge, ...(domain ? { domain } : {}) });
  const result = await jsigs.verify(presentation, { suite: verifySuites(), purpose, documentLoader });
  if (result.verified) return { verified: true };
  return {
    verified: false,
    error: firstError(result.error)?.message ?? 'The presentation proof could not be verified.',
  };
}
