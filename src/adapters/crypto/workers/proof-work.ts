import type { KeyObject } from 'node:crypto';
import { bundledContexts } from '../../contexts/bundled-contexts.js';
import { signEddsaRdfc2022, verifyEddsaRdfc2022, type ProofCheck } from '../suites/eddsa-rdfc-2022.js';
import { privateKeyObject, type Ed25519PrivateJwk } from '../keys/ed25519-keys.js';
import { ed25519PublicKeyBytes, verifyEd25519 } from '../keys/ed25519.js';
import type { DocumentLoader } from '../suites/digitalbazaar.js';
import { expandForForm, judgeCompactForm } from '../suites/compact-form-check.js';
import type { FormVerdict } from '../../../services/crypto-ports.js';

/**
 * The CPU-bound part of a Data Integrity check or signature (JSON-LD to RDF,
 * canonicalisation, Ed25519), with inputs that cross a thread boundary as plain data: the
 * credential's JSON text and the already-resolved key. Runs inline or in the worker pool
 * (./proof-pool.ts). `publicUrls` is every public URL the hub has had, current first: the hub's
 * contexts are bundled under each (a certificate issued before a move names the old one).
 */
export interface ProofTask {
  json: string;
  publicKeyMultibase: string;
  publicUrls: readonly string[];
}
/** The compact-form check on its own (../suites/compact-form-check.ts). */
export interface FormTask {
  json: string;
  publicUrls: readonly string[];
}
/** A Data Integrity check's answer: the signature's, and the compact-form verdict judged on the same expansion. */
export type DataIntegrityCheck = ProofCheck & { form: FormVerdict };
/** One Ed25519 signature check (a JWT's): the bytes signed, the signature, the raw public key. */
export interface SignatureTask {
  signature: Uint8Array;
  message: Uint8Array;
  publicKey: Uint8Array;
}
/** Make an eddsa-rdfc-2022 proof for the unsigned credential in `json`; only the proof travels back. */
export interface SignTask {
  json: string;
  privateJwk: Ed25519PrivateJwk;
  verificationMethod: string;
  created: string;
  publicUrls: readonly string[];
}

interface BundledLoader {
  load: DocumentLoader;
  known: (url: string) => boolean;
}
const loaders = new Map<string, BundledLoader>();

/** Bundled contexts only: the key was resolved by the caller, so no DID is ever loaded here. One loader per set of public URLs (a hub has one). */
function contextLoader(publicUrls: readonly string[]): BundledLoader {
  const id = publicUrls.join(' ');
  let loader = loaders.get(id);
  if (!loader) {
    const contexts = bundledContexts(publicUrls);
    loader = {
      load: async (url) => {
        const document = contexts.get(url);
        if (document === undefined) throw new Error(`Document not bundled: ${url}`);
        return { contextUrl: null, documentUrl: url, document, tag: 'static' };
      },
      known: (url) => contexts.has(url),
    };
    if (loaders.size >= 16) loaders.clear();
    loaders.set(id, loader);
  }
  return loader;
}

const PROOF_IRI = 'https://w3id.org/security#proof';

/**
 * One expansion of the whole credential serves both answers: the compact-form check compacts
 * it, and the signature check hashes it without its proof (the expansion of a node without one
 * property is its expansion minus that property). A document that is not in compact form is
 * not signature-checked: its verdict is "invalid" whatever the signature says.
 */
export async function runProofTask(task: ProofTask): Promise<DataIntegrityCheck> {
  const secured = JSON.parse(task.json) as Record<string, unknown>;
  const { load, known } = contextLoader(task.publicUrls);
  const expansion = await expandForForm(secured, load, known, true);
  if (!expansion.ok)
    return { ok: false, error: 'the credential could not be read as signed', form: expansion.verdict };
  const form = await judgeCompactForm(secured, expansion.expanded, load);
  if (form.outcome !== 'valid')
    return { ok: false, error: 'the credential could not be read as signed', form };
  const [node, ...others] = expansion.expanded as Record<string, unknown>[];
  let withoutProof: unknown[] | undefined;
  if (node && others.length === 0) {
    const { [PROOF_IRI]: _proof, ...rest } = node;
    withoutProof = [rest];
  }
  const proof = await verifyEddsaRdfc2022(
    secured,
    ed25519PublicKeyBytes(task.publicKeyMultibase),
    load,
    withoutProof,
  );
  return { ...proof, form };
}

export async function runFormTask(task: FormTask): Promise<FormVerdict> {
  const { load, known } = contextLoader(task.publicUrls);
  const doc = JSON.parse(task.json) as Record<string, unknown>;
  const expansion = await expandForForm(doc, load, known);
  return expansion.ok ? judgeCompactForm(doc, expansion.expanded, load) : expansion.verdict;
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
  const signed = await signEddsaRdfc2022(
    JSON.parse(task.json) as Record<string, unknown>,
    signingKey(task),
    { verificationMethod: task.verificationMethod, created: task.created },
    contextLoader(task.publicUrls).load,
  );
  return signed.proof as Record<string, unknown>;
}

/** Signature checks in a batch: one message to a worker carries many (bytes cross the thread boundary as copies). */
export function runSignatureTasks(tasks: readonly SignatureTask[]): boolean[] {
  return tasks.map((t) => verifyEd25519(t.signature, t.message, t.publicKey));
}
