/**
 * eddsa-rdfc-2022 proof creation and verification, the algorithm of the W3C EdDSA Cryptosuites v1.0
 * (https://www.w3.org/TR/vc-di-eddsa/#verify-proof-eddsa-rdfc-2022): RDFC-1.0 canonical
 * N-Quads of the document without its proof and of the proof options (with the document's
 * @context), SHA-256 of each, proof-options hash first, and an Ed25519 check of proofValue.
 * Creation (https://www.w3.org/TR/vc-di-eddsa/#create-proof-eddsa-rdfc-2022) hashes the same
 * two inputs and signs them.
 * The same steps as the @digitalbazaar suite (test/adapters/eddsa-rdfc-2022.test.ts compares
 * them on valid and tampered credentials, and signs byte-for-byte what the library signs:
 * Ed25519 is deterministic) without the generic machinery around them, and with the keys
 * passed in: key resolution and trust are the caller's.
 */
import { createHash, sign as ed25519Sign, type KeyObject } from 'node:crypto';
import { verifyEd25519 } from '../keys/ed25519.js';
import jsonld from '../jsonld/jsonld.js';
import { canonize } from 'rdf-canonize';
import { base58btcDecode, base58btcEncode } from '../keys/multikey.js';
import type { DocumentLoader } from './digitalbazaar.js';
import { unwrapSingletons } from '../../../domain/compact-form.js';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const DI_V2 = 'https://w3id.org/security/data-integrity/v2';
const W3C_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export type ProofCheck = { ok: true } | { ok: false; error: string };

/** `expanded`: the input's JSON-LD expansion when the caller already made it (with safe mode), so it is not made twice. */
async function canonicalHash(
  input: Record<string, unknown>,
  documentLoader: DocumentLoader,
  expanded?: unknown[],
): Promise<Buffer> {
  // the suite's options: safe mode (undefined terms are errors), no base, i18n direction
  const dataset = await jsonld.toRDF(expanded ?? input, {
    documentLoader,
    safe: true,
    base: null,
    rdfDirection: 'i18n-datatype',
    produceGeneralizedRdf: false,
    ...(expanded ? { skipExpansion: true } : {}),
  });
  const nquads = await canonize(dataset, { algorithm: 'RDFC-1.0' });
  return createHash('sha256').update(nquads).digest();
}

/** The proof options carry the document's @context; a VC 1.1 document gets the Data Integrity context added. */
function proofContextFor(document: Record<string, unknown>): unknown[] {
  const contexts = ([] as unknown[]).concat(document['@context'] ?? []);
  return contexts.includes(VC_V2) || contexts.includes(DI_V2) ? contexts : [...contexts, DI_V2];
}

/** SHA-256 of the canonical proof options, then of the canonical document: the bytes that are signed. */
async function hashData(
  document: Record<string, unknown>,
  options: Record<string, unknown>,
  documentLoader: DocumentLoader,
  expandedDocument?: unknown[],
): Promise<Buffer> {
  const [proofHash, documentHash] = await Promise.all([
    canonicalHash({ '@context': proofContextFor(document), ...options }, documentLoader),
    canonicalHash(document, documentLoader, expandedDocument),
  ]);
  return Buffer.concat([proofHash, documentHash]);
}

export interface ProofOptions {
  verificationMethod: string;
  created: string;
}

/** Returns the document with an eddsa-rdfc-2022 proof (assertionMethod) added. */
export async function signEddsaRdfc2022(
  document: Record<string, unknown>,
  privateKey: KeyObject,
  o: ProofOptions,
  documentLoader: DocumentLoader,
): Promise<Record<string, unknown>> {
  if ('proof' in document) throw new Error('the document already carries a proof');
  if (!W3C_DATE.test(o.created)) throw new Error('created is not a date-time');
  // the library's field order, so the output is the library's to the byte
  const options = {
    type: 'DataIntegrityProof',
    created: o.created,
    verificationMethod: o.verificationMethod,
    cryptosuite: 'eddsa-rdfc-2022',
    proofPurpose: 'assertionMethod',
  };
  const signature = ed25519Sign(null, await hashData(document, options, documentLoader), privateKey);
  return { ...document, proof: { ...options, proofValue: `z${base58btcEncode(signature)}` } };
}

/**
 * `expandedDocument`: the expansion (safe mode) of `secured` without its proof, when the caller
 * made it already (./compact-form-check.ts expands the whole credential).
 */
export async function verifyEddsaRdfc2022(
  secured: Record<string, unknown>,
  publicKey: Uint8Array,
  documentLoader: DocumentLoader,
  expandedDocument?: unknown[],
): Promise<ProofCheck> {
  const { proof, ...document } = secured;
  return verifyEddsaRdfc2022Proof(document, proof, publicKey, documentLoader, expandedDocument);
}

/**
 * Checks `given` (one proof) over `document`. In a proof chain the document carries the
 * previous proofs the given one names as its own `proof`
 * (https://www.w3.org/TR/vc-data-integrity/#verify-proof-sets-and-chains).
 */
export async function verifyEddsaRdfc2022Proof(
  document: Record<string, unknown>,
  given: unknown,
  publicKey: Uint8Array,
  documentLoader: DocumentLoader,
  expandedDocument?: unknown[],
): Promise<ProofCheck> {
  // a proof written as a one-element array is the same proof (its statements are the same RDF)
  const proof = unwrapSingletons(given);
  if (!proof || typeof proof !== 'object' || Array.isArray(proof))
    return { ok: false, error: 'no single proof' };
  const { proofValue, ...options } = proof as Record<string, unknown>;
  if (options.type !== 'DataIntegrityProof' || options.cryptosuite !== 'eddsa-rdfc-2022')
    return { ok: false, error: 'not an eddsa-rdfc-2022 proof' };
  if (options.proofPurpose !== 'assertionMethod')
    return { ok: false, error: `proof purpose ${String(options.proofPurpose)} is not assertionMethod` };
  if (options.created !== undefined && !W3C_DATE.test(String(options.created)))
    return { ok: false, error: 'proof.created is not a date-time' };
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z'))
    return { ok: false, error: 'proofValue is not multibase base58btc' };
  let signature: Uint8Array;
  try {
    signature = base58btcDecode(proofValue.slice(1));
  } catch {
    return { ok: false, error: 'proofValue is not multibase base58btc' };
  }
  if (signature.length !== 64) return { ok: false, error: 'proofValue is not an Ed25519 signature' };
  try {
    const ok = verifyEd25519(
      signature,
      await hashData(document, options, documentLoader, expandedDocument),
      publicKey,
    );
    return ok ? { ok: true } : { ok: false, error: 'Invalid signature.' };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
