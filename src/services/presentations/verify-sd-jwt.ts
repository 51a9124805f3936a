import { compactVerify, importJWK } from 'jose';
import { applyDisclosures, parseSdJwt, type SdJwtParts } from '../../domain/presentations/sd-jwt.js';
import { DISCLOSABLE_CLAIMS, readSdJwtCredential } from '../../domain/presentations/sd-jwt-credential.js';
import { checkKeyBinding, expectsChallenge, type Challenge } from '../../domain/presentations/key-binding.js';
import { checkValidity } from '../../domain/checks/validity-check.js';
import { checkStatus } from '../../domain/checks/status-check.js';
import { hubTrustChecks, summarise, type VerifyDeps } from '../verification/verify-credential.js';
import type { StatusEntryRef } from '../verification/status-view.js';
import {
  type CheckResult,
  type VerificationResult,
  fail,
  overallOutcome,
  pass,
  skip,
  unsure,
} from '../../domain/verification-result.js';

/** What verifying an SD-JWT VC needs beyond a credential's verification. */
export interface SdJwtDeps extends VerifyDeps {
  /**
   * The hub's own Bitstring list behind a Token Status List URI it serves
   * (`<hub>/token-status-lists/<centre>-<n>`, docs/sd-jwt-vc.md "Status"), or undefined for a
   * list of another host (not fetched: the status is then unavailable, never valid). Absent:
   * no list is known.
   */
  tokenStatusList?: (uri: string, idx: number) => StatusEntryRef | undefined;
}

/**
 * The hub's own Bitstring list pair behind a Token Status List it serves (docs/sd-jwt-vc.md
 * "Status"): `<hub>/token-status-lists/<centre>-<n>` is `<centre>-<n>-revocation` (whose lookup
 * brings the companion suspension bit) at the same index. Another URI: undefined.
 */
export const tokenStatusListOf =
  (publicUrl: string) =>
  (uri: string, idx: number): StatusEntryRef | undefined => {
    const prefix = `${publicUrl}/token-status-lists/`;
    const id = uri.startsWith(prefix) ? uri.slice(prefix.length) : '';
    if (!/^[a-z0-9][a-z0-9-]{0,120}$/.test(id)) return undefined;
    return { listUrl: `${publicUrl}/status-lists/${id}-revocation`, index: idx, purpose: 'revocation' };
  };

/** Holder key algorithms a KB-JWT may be signed with (never `none`, never HMAC: RFC 9901 §7.3 step 2). */
const KB_ALGS = ['ES256', 'ES384', 'EdDSA', 'Ed25519'];
const ORDER = [
  'well-formed',
  'proof',
  'issuer',
  'accreditation',
  'level',
  'validity',
  'status',
  'holder-binding',
] as const;

/**
 * Verifies an SD-JWT VC presentation (docs/sd-jwt-vc.md; RFC 9901 §7): the issuer JWT's
 * signature by the centre's key (the vc+jwt path's key lookup), the disclosures against the
 * signed digests, the same registry checks as any certificate (issuer, accreditation, level),
 * validity and status, and the Key Binding JWT against the verifier's challenge. The answer is the
 * one result shape, with `presentation` telling which claims the worker disclosed.
 */
export async function verifySdJwt(
  text: string,
  deps: SdJwtDeps,
  challenge?: Challenge,
  counted?: (id: (typeof ORDER)[number]) => boolean,
): Promise<VerificationResult> {
  const finish = (checks: CheckResult[], extra: Partial<VerificationResult> = {}): VerificationResult => {
    const done = new Set(checks.map((c) => c.id));
    const all = [
      ...checks,
      ...ORDER.filter((id) => !done.has(id)).map((id) => skip(id, 'The presentation could not be read.')),
    ];
    return {
      outcome: overallOutcome(all, counted),
      checks: all,
      ...extra,
      verifiedAt: deps.now,
      ...(deps.registryVersion !== undefined ? { registryVersion: deps.registryVersion } : {}),
    };
  };
  const parsed = parseSdJwt(text);
  if (!parsed.ok) return finish([fail('well-formed', parsed.problem.code, parsed.problem.message)]);
  const parts = parsed.value;
  const disclosed = applyDisclosures(parts);
  if (!disclosed.ok) return finish([fail('well-formed', disclosed.problem.code, disclosed.problem.message)]);
  const read = readSdJwtCredential(parts.header, disclosed.value.claims);
  if (!read.ok) return finish([fail('well-formed', read.problem.code, read.problem.message)]);
  const { credential: c, signedAt, statusList, holderJwk } = read.value;

  const context = deps.registryVersion !== undefined ? { registryVersion: deps.registryVersion } : {};
  const proof = { ...(await deps.proofs.verifyJwt(parts.issuerJwt, c.issuer, context)), created: signedAt };
  const checks: CheckResult[] = [
    pass(
      'well-formed',
      'A SkillPass certificate as an SD-JWT VC, its disclosures matching the signed digests.',
    ),
    {
      id: 'proof',
      outcome: proof.outcome,
      message: proof.outcome === 'valid' ? 'Signed as an SD-JWT VC by the testing centre.' : proof.message,
      ...(proof.code ? { code: proof.code } : {}),
    },
  ];
  const trust = await hubTrustChecks(c, proof, deps, signedAt);
  const stale = deps.registryStale;
  checks.push(
    ...(stale
      ? trust.map((t) => (t.outcome === 'valid' ? unsure(t.id, 'registry-stale', stale) : t))
      : trust),
  );
  checks.push(checkValidity(c, deps.now));
  checks.push(await statusOf(c.issuer, statusList, parts.payload.status, deps));
  checks.push(checkKeyBinding(parts, await kbSignature(parts, holderJwk), challenge, deps.now));
  const shown = disclosed.value.disclosed;
  return finish(checks, {
    credential: summarise(c, 'dc+sd-jwt'),
    presentation: {
      format: 'dc+sd-jwt',
      challengeChecked: expectsChallenge(challenge) && checks.at(-1)!.outcome === 'valid',
      disclosed: shown,
      withheld: DISCLOSABLE_CLAIMS.filter((n) => !shown.includes(n)),
    },
  });
}

async function kbSignature(
  parts: SdJwtParts,
  jwk: Record<string, unknown> | undefined,
): Promise<boolean | undefined> {
  if (!parts.kbJwt) return undefined;
  if (!jwk) return undefined;
  const alg = parts.kbJwt.header.alg;
  if (typeof alg !== 'string' || !KB_ALGS.includes(alg)) return false;
  try {
    const key = await importJWK(jwk as Parameters<typeof importJWK>[0], alg);
    await compactVerify(parts.kbJwt.text, key, { algorithms: KB_ALGS });
    return true;
  } catch {
    return false;
  }
}

async function statusOf(
  issuer: string,
  list: { uri: string; idx: number } | undefined,
  written: unknown,
  deps: SdJwtDeps,
): Promise<CheckResult> {
  if (written === undefined) return skip('status', 'The certificate carries no status entry.');
  if (!list)
    return fail(
      'status',
      'unsupported-status-entry',
      'The certificate has a status entry this verifier cannot read.',
    );
  const canonical = deps.canonical ?? ((id: string) => id);
  const entry = deps.tokenStatusList?.(canonical(list.uri), list.idx);
  if (!entry)
    return unsure(
      'status',
      'status-unavailable',
      `The status list could not be read: ${list.uri} is not a list of this hub and is not fetched.`,
    );
  const [lookup] = await deps.status.lookupAll([entry]);
  return checkStatus(canonical(issuer), 1, [{ ...entry, lookup: lookup! }]);
}
