import { decodeProtectedHeader } from 'jose';
import { verifyCompactJwsEdDSA } from './jws-eddsa.js';
import type { ProofContext, ProofOutcome, ProofVerifier } from '../../../services/crypto-ports.js';
import type { DidResolver } from '../../did/resolver.js';
import { stockProofOnly, verifyDataIntegrityProof, type DocumentLoader } from './digitalbazaar.js';
import { ed25519PublicKeyBytes } from '../keys/ed25519.js';
import { inlineProofRunner, type ProofRunner } from '../workers/proof-pool.js';
import { ProofCache } from '../workers/proof-cache.js';
import { verifyEddsaRdfc2022Proof, type ProofCheck } from './eddsa-rdfc-2022.js';
import { isP256Multibase, multibaseOfPublicJwk } from '../keys/multikey.js';
import type { FormVerdict } from '../../../services/crypto-ports.js';
import { unwrapSingletons } from '../../../domain/compact-form.js';

/** The proof suites this verifier checks, and the kind of key each signs with. */
const SUITE_KEYS = {
  'eddsa-rdfc-2022': 'Ed25519',
  'eddsa-jcs-2022': 'Ed25519',
  'ecdsa-rdfc-2019': 'P-256',
  Ed25519Signature2020: 'Ed25519',
} as const;
type Suite = keyof typeof SUITE_KEYS;
const suiteOf = (proof: Record<string, unknown>): Suite | undefined => {
  if (proof.type === 'Ed25519Signature2020') return 'Ed25519Signature2020';
  if (proof.type !== 'DataIntegrityProof' || typeof proof.cryptosuite !== 'string') return undefined;
  return proof.cryptosuite in SUITE_KEYS && proof.cryptosuite !== 'Ed25519Signature2020'
    ? (proof.cryptosuite as Suite)
    : undefined;
};
const keyKind = (multibase: string): 'Ed25519' | 'P-256' | undefined => {
  if (isP256Multibase(multibase)) return 'P-256';
  try {
    ed25519PublicKeyBytes(multibase);
    return 'Ed25519';
  } catch {
    return undefined;
  }
};
/** A proof set is checked proof by proof; a bound keeps a credential from buying unbounded work. */
const MAX_PROOFS = 4;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

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
const issuerOf = (credential: Record<string, unknown>): unknown => {
  const issuer = unwrapSingletons(credential.issuer);
  return typeof issuer === 'string' ? issuer : isObject(issuer) ? issuer.id : undefined;
};

/**
 * Proof checks for both securing formats. Unknown contexts and unresolvable keys are
 * caught first, so the answer names them precisely; a foreign did:web we may not fetch is
 * "indeterminate" (could not confirm), never "invalid". eddsa-rdfc-2022 proofs run on the
 * fast path (./eddsa-rdfc-2022.ts) in the proof runner (worker pool or inline);
 * eddsa-jcs-2022, ecdsa-rdfc-2019 and Ed25519Signature2020 go through the @digitalbazaar
 * suites; a proof set or chain is checked proof by proof. A proof suite this verifier does not
 * implement is "indeterminate", not a forgery. Cryptographic results are cached for identical
 * bytes under the same keys, nothing else.
 */
export interface ProofVerifierOptions {
  runner?: ProofRunner;
  /** every public URL the hub has had, current first (../../contexts/bundled-contexts.ts) */
  publicUrls: readonly string[];
  cache?: ProofCache;
}

export function createProofVerifier(
  contexts: Map<string, unknown>,
  resolver: DidResolver,
  documentLoader: DocumentLoader,
  options: ProofVerifierOptions = { publicUrls: [] },
): ProofVerifier {
  const runner = options.runner ?? inlineProofRunner;
  const cache = options.cache ?? new ProofCache();

  /**
   * The key a proof names, if the issuer's DID document lists it for assertions. A method may
   * hold it as a Multikey or as a JWK (a JWT's kid names the JsonWebKey method, ../../../domain/did-document.ts);
   * `keyId` is the Multikey method of the same key in that document, the id the registry knows it by.
   */
  async function resolveKey(
    vm: string,
    context: ProofContext,
  ): Promise<{ ok: true; multibase: string; keyId: string } | { ok: false; outcome: ProofOutcome }> {
    const doc = await resolver.dereference(didOf(vm), context).catch(() => undefined);
    const methods = Array.isArray(doc?.verificationMethod)
      ? (doc.verificationMethod as Record<string, unknown>[])
      : [];
    const idOf = (m: Record<string, unknown>) =>
      String(m.id).startsWith('#') ? `${didOf(vm)}${String(m.id)}` : String(m.id);
    const method = methods.find((m) => idOf(m) === vm);
    const assertion = Array.isArray(doc?.assertionMethod) ? (doc.assertionMethod as unknown[]) : [];
    const listed = assertion.some(
      (a) => a === vm || (typeof a === 'string' && `${didOf(vm)}${a}` === vm) || (isObject(a) && a.id === vm),
    );
    const multibase = !method
      ? undefined
      : typeof method.publicKeyMultibase === 'string'
        ? method.publicKeyMultibase
        : method.type === 'JsonWebKey'
          ? multibaseOfPublicJwk(method.publicKeyJwk)
          : undefined;
    if (!method || !multibase || !listed) {
      return {
        ok: false,
        outcome:
          !doc && vm.startsWith('did:web:')
            ? {
                outcome: 'indeterminate',
                code: 'did-not-resolvable',
                message: `The issuer's DID ${didOf(vm)} cannot be resolved offline.`,
                verificationMethod: vm,
              }
            : {
                outcome: 'invalid',
                code: 'unknown-key',
                message: "The signing key is not one of the issuer's keys.",
                verificationMethod: vm,
              },
      };
    }
    const twin = methods.find((m) => m.type === 'Multikey' && m.publicKeyMultibase === multibase);
    return { ok: true, multibase, keyId: twin ? idOf(twin) : vm };
  }

  type Verdict = ProofCheck & { form?: FormVerdict };
  async function cryptoCheck(
    bytes: string,
    multibase: string,
    check: () => Promise<Verdict>,
  ): Promise<Verdict> {
    const key = ProofCache.key(bytes, multibase);
    const hit = cache.get(key) as Verdict | undefined;
    if (hit) return hit;
    const result = await check();
    cache.set(key, result);
    return result;
  }

  /** compact-form verdicts by the document's bytes; the empty "key" keeps them apart from signature verdicts */
  async function checkForm(document: Record<string, unknown>): Promise<FormVerdict> {
    const json = JSON.stringify(document);
    const key = ProofCache.key(json, '');
    const hit = cache.get(key) as FormVerdict | undefined;
    if (hit) return hit;
    const verdict = await runner.checkForm({ json, publicUrls: options.publicUrls });
    cache.set(key, verdict);
    return verdict;
  }

  /**
   * Every proof of a proof set or chain on its own: a set is valid only when each proof is
   * (https://www.w3.org/TR/vc-data-integrity/#verify-proof-sets-and-chains); a proof naming a
   * `previousProof` is checked over the document carrying those previous proofs.
   */
  async function verifyEach(
    received: Record<string, unknown>,
    proofs: Record<string, unknown>[],
    keys: string[],
  ): Promise<ProofCheck> {
    const { proof: all, ...unsecured } = received;
    // the proofs are read unwrapped (one-element arrays as their element), but signed as received:
    // an eddsa-jcs-2022 proof signs its own JSON, `"@context": ["…/credentials/v2"]` included
    const raw = (all === undefined ? [] : Array.isArray(all) ? all : [all]) as Record<string, unknown>[];
    if (raw.length !== proofs.length) return { ok: false, error: 'the proofs cannot be read' };
    for (const [i, proof] of proofs.entries()) {
      const named = proof.previousProof === undefined ? [] : ([] as unknown[]).concat(proof.previousProof);
      const previous = named.map((id) => {
        const at = proofs.findIndex((p) => typeof id === 'string' && p.id === id);
        return at < 0 ? undefined : raw[at];
      });
      if (previous.some((p) => p === undefined))
        return { ok: false, error: `proof ${i + 1} names a previous proof that is not in the credential` };
      const document =
        previous.length > 0
          ? { ...unsecured, proof: previous.length === 1 ? previous[0] : previous }
          : unsecured;
      const check: ProofCheck =
        proof.cryptosuite === 'eddsa-rdfc-2022'
          ? await verifyEddsaRdfc2022Proof(document, raw[i]!, ed25519PublicKeyBytes(keys[i]!), documentLoader)
          : previous.length > 0
            ? {
                ok: false,
                error: `a ${String(suiteOf(proof))} proof in a proof chain is not checked by this verifier`,
              }
            : await libraryCheck(
                { ...unsecured, proof: raw[i] },
                proof,
                didOf(String(proof.verificationMethod)) === issuerOf(unsecured),
              );
      if (!check.ok)
        return {
          ok: false,
          error: proofs.length > 1 ? `proof ${i + 1} of ${proofs.length}: ${check.error}` : check.error,
        };
    }
    return { ok: true };
  }

  /**
   * The @digitalbazaar suites, which also judge dates (they get the proof's own time). The
   * issuer's proof is checked as an issuance (its key's controller must be the issuer); another
   * party's proof in a set as an assertion by that party.
   */
  async function libraryCheck(
    secured: Record<string, unknown>,
    proof: Record<string, unknown>,
    byIssuer: boolean,
  ): Promise<ProofCheck> {
    const validFrom = secured.validFrom ?? secured.issuanceDate;
    const libraryNow =
      typeof proof.created === 'string'
        ? proof.created
        : typeof validFrom === 'string'
          ? validFrom
          : new Date(0).toISOString();
    const r = await (byIssuer ? verifyDataIntegrityProof : stockProofOnly)(
      secured,
      documentLoader,
      libraryNow,
    );
    return r.verified ? { ok: true } : { ok: false, error: r.error ?? 'invalid' };
  }

  return {
    checkForm,

    async verifyDataIntegrity(received, context = {}) {
      // fields are read with one-element arrays unwrapped (../../../domain/compact-form.ts); the crypto gets the bytes as received
      const credential = unwrapSingletons(received) as Record<string, unknown>;
      const proofs =
        credential.proof === undefined
          ? []
          : Array.isArray(credential.proof)
            ? credential.proof
            : [credential.proof];
      if (proofs.length === 0 || !proofs.every(isObject))
        return { outcome: 'invalid', code: 'no-proof', message: 'The credential carries no proof.' };
      if (proofs.length > MAX_PROOFS)
        return {
          outcome: 'invalid',
          code: 'too-many-proofs',
          message: `The credential carries ${proofs.length} proofs; at most ${MAX_PROOFS} are checked.`,
        };
      const unknown = [...contextUrls(credential)].filter((u) => !contexts.has(u));
      if (unknown.length > 0) {
        return {
          outcome: 'indeterminate',
          code: 'unknown-context',
          message: `The credential uses a JSON-LD context this verifier does not hold (and will not fetch): ${unknown[0]}.`,
        };
      }
      const unsupported = proofs.find((p) => suiteOf(p) === undefined);
      if (unsupported) {
        // the hub cannot check this kind of proof, so it cannot tell a forgery either (Data Integrity §4.4: an unknown cryptosuite is not a failed check)
        return {
          outcome: 'indeterminate',
          code: 'unsupported-proof',
          message: `This verifier does not implement the proof type ${String(unsupported.type)}${unsupported.cryptosuite ? `/${String(unsupported.cryptosuite)}` : ''}, so it cannot confirm the signature.`,
        };
      }
      if (!proofs.every((p) => typeof p.verificationMethod === 'string'))
        return {
          outcome: 'invalid',
          code: 'no-verification-method',
          message: 'A proof names no verification method.',
        };
      const issuer = issuerOf(credential);
      // the issuer's own proof dates and keys the certificate; any other proof (an endorsement in a proof set) must verify too
      const byIssuer = proofs.filter((p) => didOf(String(p.verificationMethod)) === issuer);
      if (byIssuer.length === 0) {
        return {
          outcome: 'invalid',
          code: 'key-issuer-mismatch',
          message: "The proof was made with a key that does not belong to the credential's issuer.",
          verificationMethod: String(proofs[0]!.verificationMethod),
        };
      }
      if (byIssuer.length > 1)
        return {
          outcome: 'invalid',
          code: 'multiple-issuer-proofs',
          message: 'The issuer signed this credential more than once, so its issuance time cannot be told.',
        };
      const main = byIssuer[0]!;
      const vm = String(main.verificationMethod);
      const created = typeof main.created === 'string' ? main.created : undefined;
      const dated = (o: ProofOutcome): ProofOutcome => ({ ...o, ...(created ? { created } : {}) });
      const keys: string[] = [];
      for (const p of proofs) {
        const key = await resolveKey(String(p.verificationMethod), context);
        if (!key.ok) return dated(key.outcome);
        if (keyKind(key.multibase) !== SUITE_KEYS[suiteOf(p)!]) {
          return dated({
            outcome: 'invalid',
            code: 'key-suite-mismatch',
            message: `The key ${String(p.verificationMethod)} is not of the kind its proof's suite signs with.`,
            verificationMethod: vm,
          });
        }
        keys.push(key.multibase);
      }
      const json = JSON.stringify(received);
      const verdict = await cryptoCheck(json, keys.join(' '), async () => {
        if (proofs.length === 1 && main.cryptosuite === 'eddsa-rdfc-2022')
          return runner.run({ json, publicKeyMultibase: keys[0]!, publicUrls: options.publicUrls });
        return verifyEach(received, proofs, keys);
      });
      const form = verdict.form ? { form: verdict.form } : {};
      const suites = [...new Set(proofs.map((p) => suiteOf(p)))].join(', ');
      if (!verdict.ok) {
        return dated({
          outcome: 'invalid',
          code: 'bad-signature',
          message: `The signature does not match the certificate's contents (${verdict.error}).`,
          verificationMethod: vm,
          ...form,
        });
      }
      return dated({
        outcome: 'valid',
        message: `Signed with ${suites}${proofs.length > 1 ? ` (${proofs.length} proofs, each verified)` : ''}.`,
        verificationMethod: vm,
        ...form,
      });
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
        return {
          outcome: 'invalid',
          code: 'unsupported-alg',
          message: `The JWT algorithm ${typeof header.alg === 'string' ? header.alg : `(${typeof header.alg})`} is not accepted (EdDSA only).`,
        };
      }
      const kid = typeof header.kid === 'string' ? header.kid : undefined;
      if (!kid) return { outcome: 'invalid', code: 'no-kid', message: 'The JWT header names no key (kid).' };
      const vm = kid.startsWith('#') ? `${issuer}${kid}` : kid;
      if (didOf(vm) !== issuer) {
        return {
          outcome: 'invalid',
          code: 'kid-issuer-mismatch',
          message: "The JWT was signed with a key that does not belong to the credential's issuer.",
          verificationMethod: vm,
        };
      }
      const key = await resolveKey(vm, context);
      if (!key.ok) return key.outcome;
      // the registry knows a key by its Multikey method; the kid may name its JsonWebKey twin
      const keyId = key.keyId;
      if (keyKind(key.multibase) !== 'Ed25519')
        return {
          outcome: 'invalid',
          code: 'key-suite-mismatch',
          message: 'The JWT names a key that does not sign EdDSA.',
          verificationMethod: keyId,
        };
      const verdict = await cryptoCheck(jwt, key.multibase, async () =>
        (await verifyCompactJwsEdDSA(jwt, header, ed25519PublicKeyBytes(key.multibase), (task) =>
          runner.verifySignature(task),
        ))
          ? { ok: true }
          : { ok: false, error: 'bad signature' },
      );
      if (!verdict.ok)
        return {
          outcome: 'invalid',
          code: 'bad-signature',
          message: 'The JWT signature does not match its contents.',
          verificationMethod: keyId,
        };
      return { outcome: 'valid', message: 'Signed as a VC-JOSE JWT (EdDSA).', verificationMethod: keyId };
    },
  };
}
