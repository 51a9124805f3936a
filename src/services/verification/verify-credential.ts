import type { Repositories } from '../ports.js';
import type { FormVerdict, ProofOutcome, ProofVerifier } from '../crypto-ports.js';
import { readCredential, type ReadCredential } from '../../domain/credential-reader.js';
import {
  claimSources,
  credentialOfJwtPayload,
  decodeJwtPayload,
  jwtClaimsConflict,
  signedAtOf,
} from '../../domain/jwt-payload.js';
import { jsonBoundsOf } from '../../domain/json-bounds.js';
import { checkIssuer } from '../../domain/checks/issuer-check.js';
import { checkHubIssued } from '../../domain/checks/hub-issued-check.js';
import { checkAccreditation } from '../../domain/checks/accreditation-check.js';
import { checkLevel } from '../../domain/checks/level-check.js';
import { checkValidity } from '../../domain/checks/validity-check.js';
import { checkStatus, parseStatusEntry, type StatusEntryLookup } from '../../domain/checks/status-check.js';
import type { StatusView } from './status-view.js';
import { isCredentialPayload } from '../../domain/credential-payload.js';
import type { CredentialPayloadCodec } from '../format-ports.js';
import { dayOf, toMillis } from '../../domain/dates.js';
import { matchHolder, type HolderClaim, type HolderMatch } from '../../domain/identity-object.js';
import {
  type CheckId,
  type CheckResult,
  type CredentialSummary,
  type VerificationResult,
  fail,
  overallOutcome,
  pass,
  skip,
  unsure,
} from '../../domain/verification-result.js';

/** The registry reads verification needs; the hub's repositories or a trust-list file provide them. */
export type RegistryView = Pick<Repositories, 'spokes' | 'qualifications' | 'frameworks'>;

export interface VerifyDeps {
  proofs: ProofVerifier;
  /** reads a credential QR code's `SKP1:` text */
  payloads: Pick<CredentialPayloadCodec, 'decode'>;
  registry: RegistryView;
  status: StatusView;
  now: string;
  /** the registry version (trust list sequence) the registry view reflects */
  registryVersion?: number;
  /** set when the registry data is past its nextUpdate: trust checks can then only be "indeterminate" */
  registryStale?: string;
  /** proof `created` and `validFrom` must agree within this many seconds */
  issuanceSkewSeconds?: number;
  /** the hub's own DID: credentials it issued (recognition receipts) get the hub-issued trust checks */
  hubDid?: string;
  /**
   * The hub's DIDs and URLs in their current form (../../domain/hub-aliases.ts currentFormOf): a
   * certificate issued under a former public URL names the issuer, key and status list there,
   * and the trust checks judge them as the registry holds them now. Identity when absent.
   */
  canonical?: (id: string) => string;
}

export interface VerifyOptions {
  /** which checks count towards the overall outcome (the VC API leaves hub trust out unless asked) */
  counted?: (id: CheckId) => boolean;
  /** the worker's identifying data a verifier holds, matched against the subject's identifiers; never stored */
  holder?: HolderClaim;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A credential as received: a JSON object (Data Integrity) or a compact JWS string (VC-JOSE). */
export type CredentialInput = Record<string, unknown> | string;

/** A credential that cannot be read: too deep or too large (../../domain/json-bounds.ts), else the given failure. */
const unreadable = (err: unknown, otherwise: CheckResult): CheckResult => {
  const bounds = jsonBoundsOf(err);
  return bounds ? fail('well-formed', bounds.code, bounds.message) : otherwise;
};

function decode(
  received: CredentialInput,
  payloads: VerifyDeps['payloads'],
):
  | { ok: true; doc: Record<string, unknown>; jwt?: { text: string; claims: Record<string, unknown> } }
  | { ok: false; check: CheckResult } {
  let input = received;
  // a credential QR code's text: `SKP1:` + base45 of the deflated credential (JSON or JWT)
  if (typeof input === 'string' && isCredentialPayload(input)) {
    try {
      input = payloads.decode(input);
    } catch (err) {
      return {
        ok: false,
        check: unreadable(
          err,
          fail('well-formed', 'malformed-qr-payload', 'This SKP1 QR code text is damaged or incomplete.'),
        ),
      };
    }
  }
  if (typeof input !== 'string') return { ok: true, doc: input };
  const jwt = input.trim();
  try {
    const payload = decodeJwtPayload(jwt);
    // VC-JOSE secures the credential itself, next to the registered claims that mirror it; a VC-JWT 1.1 payload nests it under `vc`
    const doc = isObject(payload.vc) ? payload.vc : credentialOfJwtPayload(payload);
    return { ok: true, doc, jwt: { text: jwt, claims: payload } };
  } catch (err) {
    return {
      ok: false,
      check: unreadable(
        err,
        fail('well-formed', 'malformed-jwt', 'This is neither a credential object nor a readable JWT.'),
      ),
    };
  }
}

/**
 * Verifies a credential and returns the one result shape (docs/architecture.md): proof and
 * validity judged now, issuer, accreditation and level judged at issuance time.
 */
export async function verifyCredential(
  input: CredentialInput,
  deps: VerifyDeps,
  options: VerifyOptions = {},
): Promise<VerificationResult> {
  const verifiedAt = deps.now;
  const finish = (
    checks: CheckResult[],
    credential?: CredentialSummary,
    holderMatch?: HolderMatch,
  ): VerificationResult => ({
    outcome: overallOutcome(checks, options.counted),
    checks,
    ...(credential ? { credential } : {}),
    verifiedAt,
    ...(deps.registryVersion !== undefined ? { registryVersion: deps.registryVersion } : {}),
    ...(holderMatch ? { holderMatch } : {}),
  });
  const skipRest = (after: CheckResult[], why: string): CheckResult[] => {
    const done = new Set(after.map((c) => c.id));
    return [
      ...after,
      ...(['well-formed', 'proof', 'issuer', 'accreditation', 'level', 'validity', 'status'] as const)
        .filter((id) => !done.has(id))
        .map((id) => skip(id, why)),
    ];
  };

  const decoded = decode(input, deps.payloads);
  const unreadable = 'The credential could not be read.';
  if (!decoded.ok) return finish(skipRest([decoded.check], unreadable));
  const { doc } = decoded;
  const read = readCredential(doc);
  if (!read.ok) {
    // a credential that is not in compact form is reported as such: that is why its fields could not be read
    const form = isObject(doc) ? await deps.proofs.checkForm(doc) : undefined;
    return finish(
      skipRest(
        [form && form.outcome !== 'valid' ? formFailure(form) : fail('well-formed', read.code, read.message)],
        unreadable,
      ),
    );
  }
  const c = read.credential;
  // a JWT's registered claims must say what its credential says (../../domain/jwt-payload.ts)
  const conflict = decoded.jwt
    ? jwtClaimsConflict(
        decoded.jwt.claims,
        claimSources(doc),
        doc !== decoded.jwt.claims && isObject(decoded.jwt.claims.vc),
      )
    : undefined;
  if (conflict)
    return finish(
      skipRest(
        [fail('well-formed', 'jwt-claims-mismatch', `The JWT contradicts its own credential: ${conflict}.`)],
        unreadable,
      ),
    );

  // the proof, and whether the JSON is the compact form its contexts define: only then do the
  // checks below read what the signature covers (../../domain/compact-form.ts)
  const proofContext = deps.registryVersion !== undefined ? { registryVersion: deps.registryVersion } : {};
  let proof: ProofOutcome;
  let form: FormVerdict;
  if (decoded.jwt) {
    [proof, form] = await Promise.all([
      deps.proofs.verifyJwt(decoded.jwt.text, c.issuer, proofContext),
      deps.proofs.checkForm(doc),
    ]);
    // iat is when the JWT was signed: held to the issuance instant like a Data Integrity proof's `created`
    const signedAt = signedAtOf(decoded.jwt.claims);
    if (signedAt) proof = { ...proof, created: signedAt };
  } else {
    proof = await deps.proofs.verifyDataIntegrity(doc, proofContext);
    form = proof.form ?? (await deps.proofs.checkForm(doc));
  }
  if (form.outcome !== 'valid') return finish(skipRest([formFailure(form)], unreadable));

  const summary = summarise(c, decoded.jwt ? 'vc+jwt' : 'di');
  const checks: CheckResult[] = [
    pass(
      'well-formed',
      `A VC ${c.version === 2 ? '2.0' : '1.1'} credential${decoded.jwt ? ' secured as a JWT' : ''}, in the compact form its contexts define.`,
    ),
  ];
  checks.push({
    id: 'proof',
    outcome: proof.outcome,
    message: proof.message,
    ...(proof.code ? { code: proof.code } : {}),
  });
  const trust = await hubTrustChecks(c, proof, deps);
  const stale = deps.registryStale;
  checks.push(
    ...(stale
      ? trust.map((t) => (t.outcome === 'valid' ? unsure(t.id, 'registry-stale', stale) : t))
      : trust),
  );
  checks.push(checkValidity(c, deps.now));
  checks.push(await statusCheck(c, deps.status, deps.canonical));
  const holderMatch = options.holder
    ? matchHolder(
        c.identifiers,
        { name: c.holderName, birthDate: c.holderBirthDate, documentNumber: c.holderDocumentNumber },
        options.holder,
      )
    : undefined;
  return finish(checks, summary, holderMatch);
}

const formFailure = (form: Exclude<FormVerdict, { outcome: 'valid' }>): CheckResult =>
  form.outcome === 'invalid'
    ? fail('well-formed', form.code, form.message)
    : unsure('well-formed', form.code, form.message);

/**
 * The registry's judgement of the issuer, accreditation and level at issuance. `signedAt`: a
 * wallet copy (an SD-JWT VC, docs/sd-jwt-vc.md) is signed when the wallet asks for it, after the
 * certificate was issued: its key is judged at that instant, and its signing time need not be
 * the certificate's issuance (which the accreditation and level are still judged at).
 */
export async function hubTrustChecks(
  c: ReadCredential,
  proof: ProofOutcome,
  deps: VerifyDeps,
  signedAt?: string,
): Promise<CheckResult[]> {
  const canonical = deps.canonical ?? ((id: string) => id);
  const issuerId = canonical(c.issuer);
  const keyId = proof.verificationMethod ? canonical(proof.verificationMethod) : undefined;
  if (deps.hubDid !== undefined && issuerId === deps.hubDid) return checkHubIssued(deps.hubDid, keyId);
  const { spokes, qualifications, frameworks } = deps.registry;
  const spoke = await spokes.getByDid(issuerId);
  const key = keyId ? await spokes.key(keyId) : undefined;
  const issuance = c.validFrom;
  const skew = (deps.issuanceSkewSeconds ?? 300) * 1000;
  let issuer = checkIssuer(c.issuer, spoke, key, signedAt ?? issuance);
  if (
    !signedAt &&
    issuer.outcome === 'valid' &&
    proof.created &&
    issuance &&
    Math.abs(toMillis(proof.created) - toMillis(issuance)) > skew
  ) {
    issuer = fail(
      'issuer',
      'issuance-time-mismatch',
      "The signature date and the certificate's issue date disagree.",
    );
  }
  if (!spoke || !issuance) {
    return [
      issuer,
      skip(
        'accreditation',
        'Only certificates from registered testing centres are checked against accreditations.',
      ),
      skip(
        'level',
        'Only certificates from registered testing centres are checked against the AQRF referencing.',
      ),
    ];
  }
  const qualification = c.qualificationCode ? await qualifications.get(c.qualificationCode) : undefined;
  if (!qualification) {
    const missing = fail(
      'accreditation',
      'unknown-qualification',
      `The qualification ${c.qualificationCode ?? '(none)'} is not in this hub's registry.`,
    );
    return [issuer, missing, skip('level', 'Unknown qualification.')];
  }
  const day = dayOf(issuance);
  const framework = await frameworks.get(qualification.framework);
  const accreditation = checkAccreditation(
    spoke,
    qualification,
    await spokes.accreditations(spoke.slug),
    issuance,
  );
  const level = framework
    ? checkLevel(c, qualification, framework, day)
    : fail('level', 'unknown-framework', `Framework ${qualification.framework} is not in the registry.`);
  return [issuer, accreditation, level];
}

async function statusCheck(
  c: ReadCredential,
  status: StatusView,
  canonical: (id: string) => string = (id) => id,
): Promise<CheckResult> {
  const parsed = c.statusEntries.map(parseStatusEntry).filter((p) => p !== undefined);
  // a list URL under a former public URL is the same list (its bits are the ones a revocation sets now)
  const found =
    parsed.length > 0
      ? await status.lookupAll(parsed.map((p) => ({ ...p, listUrl: canonical(p.listUrl) })))
      : [];
  const lookups: StatusEntryLookup[] = parsed.map((p, i) => ({ ...p, lookup: found[i]! }));
  return checkStatus(canonical(c.issuer), c.statusEntries.length, lookups);
}

export function summarise(c: ReadCredential, format: CredentialSummary['format']): CredentialSummary {
  const s: CredentialSummary = { format, issuer: c.issuer };
  const optional = {
    id: c.id,
    issuerName: c.issuerName,
    holderName: c.holderName,
    holderNameLatin: c.holderNameLatin,
    holderBirthDate: c.holderBirthDate,
    qualification: c.qualificationCode,
    qualificationTitle: c.qualificationTitle,
    aqrfLevel: c.aqrfLevel,
    assessmentDate: c.assessmentDate,
    assessmentLanguage: c.assessmentLanguage,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
  };
  for (const [k, v] of Object.entries(optional))
    if (v !== undefined && !(typeof v === 'number' && Number.isNaN(v)))
      (s as unknown as Record<string, unknown>)[k] = v;
  return s;
}
