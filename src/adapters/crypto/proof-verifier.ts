import { decodeProtectedHeader } from 'jose';
import { verifyCompactJwsEdDSA } from './jws-eddsa.js';
import type { ProofContext, ProofOutcome, ProofVerifier } from '../../services/crypto-ports.js';
import type { DidResolver } from '../did/resolver.js';
import { verifyDataIntegrityProof, type DocumentLoader } from './digitalbazaar.js';
import { ed25519PublicKeyBytes } from './ed25519.js';
import { inlineProofRunner, type ProofRunner } from './proof-pool.js';
import { ProofCache } from './proof-cache.js';
import type { ProofCheck } from './eddsa-rdfc-2022.js';

const SUPPORTED_SUITES = new Set(['eddsa-rdfc-2022', 'eddsa-jcs-2022']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every context URL a document names, at any depth. */
function contextUrls(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => contextUrls(v, out));
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '@context') for (const c of Array.isArray(v) ? v : [v]) if (typeof c === 'string') out.add(c);
      contextUrls(v, out);
    }
  }
  return out;
}

const didOf = (didUrl: string): string => didUrl.split('#')[0] ?? didUrl;

/**
 * Proof checks for both securing formats. Unknown contexts and unresolvable keys are
 * caught first, so the answer names them precisely; a foreign did:web we may not fetch is
 * "indeterminate" (could not confirm), never "invalid". eddsa-rdfc-2022 proofs run on the
 * fast path (./eddsa-rdfc-2022.ts) in the proof runner (worker pool or inline);
 * eddsa-jcs-2022 goes through the @digitalbazaar suite. Cryptographic results are cached
 * for identical bytes under the same key, nothing else.
 */
export interface ProofVerifierOptions {
  runner?: ProofRunner;
  publicUrl: string;
  cache?: ProofCache;
}

export function createProofVerifier(contexts: Map<string, unknown>, resolver: DidResolver, documentLoader: DocumentLoader,
  options: ProofVerifierOptions = { publicUrl: '' }): ProofVerifier {
  const runner = options.runner ?? inlineProofRunner;
  const cache = options.cache ?? new ProofCache();

  /** The key a proof names, if the issuer's DID document lists it for assertions. */
  async function resolveKey(vm: string, context: ProofContext): Promise<{ ok: true; multibase: string } | { ok: false; outcome: ProofOutcome }> {
    const doc = await resolver.dereference(didOf(vm), context).catch(() => undefined);
    const methods = Array.isArray(doc?.verificationMethod) ? (doc.verificationMethod as Record<string, unknown>[]) : [];
    const method = methods.find((m) => m.id === vm || `${didOf(vm)}${String(m.id)}` === vm);
    const assertion = Array.isArray(doc?.assertionMethod) ? (doc.assertionMethod as unknown[]) : [];
    const listed = assertion.some((a) => a === vm || (typeof a === 'string' && `${didOf(vm)}${a}` === vm) || (isObject(a) && a.id === vm));
    if (!method || typeof method.publicKeyMultibase !== 'string' || !listed) {
      return {
        ok: false,
        outcome: !doc && vm.startsWith('did:web:')
          ? { outcome: 'indeterminate', code: 'did-not-resolvable', message: `The issuer's DID ${didOf(vm)} cannot be resolved offline.`, verificationMethod: vm }
          : { outcome: 'invalid', code: 'unknown-key', message: 'The signing key is not one of the issuer\'s keys.', verificationMethod: vm },
      };
    }
    return { ok: true, multibase: method.publicKeyMultibase };
  }

  async function cryptoCheck(bytes: string, multibase: string, check: () => Promise<ProofCheck>): Promise<ProofCheck> {
    const key = ProofCache.key(bytes, multibase);
    const hit = cache.get(key);
    if (hit) return hit;
    const result = await check();
    cache.set(key, result);
    return result;
  }

  return {
    async verifyDataIntegrity(credential, context = {}) {
      const proofs = Array.isArray(credential.proof) ? credential.proof : credential.proof ? [credential.proof] : [];
      const proof = proofs[0];
      if (!isObject(proof)) return { outcome: 'invalid', code: 'no-proof', message: 'The credential carries no proof.' };
      if (proofs.length > 1) return { outcome: 'invalid', code: 'multiple-proofs', message: 'Only a single proof is supported.' };
      if (proof.type !== 'DataIntegrityProof' || !SUPPORTED_SUITES.has(String(proof.cryptosuite))) {
        return { outcome: 'invalid', code: 'unsupported-proof', message: `Unsupported proof type ${String(proof.type)}/${String(proof.cryptosuite)}.` };
      }
      const unknown = [...contextUrls(credential)].filter((u) => !contexts.has(u));
      if (unknown.length > 0) {
        return { outcome: 'invalid', code: 'unknown-context', message: `The credential uses a JSON-LD context this verifier does not know: ${unknown[0]}.` };
      }
      const vm = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : undefined;
      if (!vm) return { outcome: 'invalid', code: 'no-verification-method', message: 'The proof names no verification method.' };
      const created = typeof proof.created === 'string' ? proof.created : undefined;
      const issuerValue = credential.issuer;
      const issuer = typeof issuerValue === 'string' ? issuerValue : isObject(issuerValue) ? issuerValue.id : undefined;
      if (didOf(vm) !== issuer) {
        return { outcome: 'invalid', code: 'key-issuer-mismatch', message: 'The proof was made with a key that does not belong to the credential\'s issuer.', verificationMethod: vm };
      }
      const key = await resolveKey(vm, context);
      if (!key.ok) return { ...key.outcome, ...(created ? { created } : {}) };
      const json = JSON.stringify(credential);
      const verdict = await cryptoCheck(json, key.multibase, async () => {
        if (proof.cryptosuite === 'eddsa-rdfc-2022') return runner.run({ json, publicKeyMultibase: key.multibase, publicUrl: options.publicUrl });
        // eddsa-jcs-2022: the library suite, which also judges dates, so give it the proof's own time
        const libraryNow = created ?? (typeof credential.validFrom === 'string' ? credential.validFrom : new Date(0).toISOString());
        const r = await verifyDataIntegrityProof(credential, documentLoader, libraryNow);
        return r.verified ? { ok: true } : { ok: false, error: r.error ?? 'invalid' };
      });
      if (!verdict.ok) {
        return { outcome: 'invalid', code: 'bad-signature', message: `The signature does not match the certificate's contents (${verdict.error}).`, verificationMethod: vm, ...(created ? { created } : {}) };
      }
      return { outcome: 'valid', message: `Signed with ${String(proof.cryptosuite)}.`, verificationMethod: vm, ...(created ? { created } : {}) };
    },

    async verifyJwt(jwt, issuer, context = {}) {
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(jwt);
      } catch {
        return { outcome: 'invalid', code: 'malformed-jwt', message: 'The JWT header cannot be read.' };
      }
      if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519') {
        // the header is the sender's JSON: quote alg only when it is text (an object need not be printable)
        return { outcome: 'invalid', code: 'unsupported-alg', message: `The JWT algorithm ${typeof header.alg === 'string' ? header.alg : `(${typeof header.alg})`} is not accepted (EdDSA only).` };
      }
      const kid = typeof header.kid === 'string' ? header.kid : undefined;
      if (!kid) return { outcome: 'invalid', code: 'no-kid', message: 'The JWT header names no key (kid).' };
      const vm = kid.startsWith('#') ? `${issuer}${kid}` : kid;
      if (didOf(vm) !== issuer) {
        return { outcome: 'invalid', code: 'kid-issuer-mismatch', message: 'The JWT was signed with a key that does not belong to the credential\'s issuer.', verificationMethod: vm };
      }
      const key = await resolveKey(vm, context);
      if (!key.ok) return key.outcome;
      const verdict = await cryptoCheck(jwt, key.multibase, async () =>
        (await verifyCompactJwsEdDSA(jwt, header, ed25519PublicKeyBytes(key.multibase), (task) => runner.verifySignature(task))) ? { ok: true } : { ok: false, error: 'bad signature' });
      if (!verdict.ok) return { outcome: 'invalid', code: 'bad-signature', message: 'The JWT signature does not match its contents.', verificationMethod: vm };
      return { outcome: 'valid', message: 'Signed as a VC-JOSE JWT (EdDSA).', verificationMethod: vm };
    },
  };
}
