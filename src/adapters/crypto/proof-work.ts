import type { KeyObject } from 'node:crypto';
import { bundledContexts } from '../contexts/bundled-contexts.js';
import { signEddsaRdfc2022, verifyEddsaRdfc2022, type ProofCheck } from './eddsa-rdfc-2022.js';
import { privateKeyObject, type Ed25519PrivateJwk } from './ed25519-keys.js';
import { ed25519PublicKeyBytes, verifyEd25519 } from './ed25519.js';
import type { DocumentLoader } from './digitalbazaar.js';

/**
 * The CPU-bound part of a Data Integrity check or signature (JSON-LD to RDF,
 * canonicalisation, Ed25519), with inputs that cross a thread boundary as plain data: the
 * credential's JSON text and the already-resolved key. Runs inline or in the worker pool
 * (./proof-pool.ts).
 */
export interface ProofTask { json: string; publicKeyMultibase: string; publicUrl: string }
/** One Ed25519 signature check (a JWT's): the bytes signed, the signature, the raw public key. */
export interface SignatureTask { signature: Uint8Array; message: Uint8Array; publicKey: Uint8Array }
/** Make an eddsa-rdfc-2022 proof for the unsigned credential in `json`; only the proof travels back. */
export interface SignTask { json: string; privateJwk: Ed25519PrivateJwk; verificationMethod: string; created: string; publicUrl: string }

const loaders = new Map<string, DocumentLoader>();

/** Bundled contexts only: the key was resolved by the caller, so no DID is ever loaded here. */
function contextLoader(publicUrl: string): DocumentLoader {
  let loader = loaders.get(publicUrl);
  if (!loader) {
    const contexts = bundledContexts(publicUrl);
    loader = async (url) => {
      const document = contexts.get(url);
      if (document === undefined) throw new Error(`Document not bundled: ${url}`);
      return { contextUrl: null, documentUrl: url, document, tag: 'static' };
    };
    loaders.set(publicUrl, loader);
  }
  return loader;
}

export function runProofTask(task: ProofTask): Promise<ProofCheck> {
  return verifyEddsaRdfc2022(JSON.parse(task.json) as Record<string, unknown>, ed25519PublicKeyBytes(task.publicKeyMultibase), contextLoader(task.publicUrl));
}

/** Imported signing keys, by verification method and secret: a cohort signs with one key thousands of times. */
const signingKeys = new Map<string, KeyObject>();
function signingKey(task: SignTask): KeyObject {
  const id = `${task.verificationMethod} ${task.privateJwk.d}`;
  let key = signingKeys.get(id);
  if (!key) {
    if (signingKeys.size >= 64) signingKeys.clear();
    signingKeys.set(id, (key = privateKeyObject(task.privateJwk)));
  }
  return key;
}

export async function runSignTask(task: SignTask): Promise<Record<string, unknown>> {
  const signed = await signEddsaRdfc2022(JSON.parse(task.json) as Record<string, unknown>, signingKey(task),
    { verificationMethod: task.verificationMethod, created: task.created }, contextLoader(task.publicUrl));
  return signed.proof as Record<string, unknown>;
}

/** Signature checks in a batch: one message to a worker carries many (bytes cross the thread boundary as copies). */
export function runSignatureTasks(tasks: readonly SignatureTask[]): boolean[] {
  return tasks.map((t) => verifyEd25519(t.signature, t.message, t.publicKey));
}
