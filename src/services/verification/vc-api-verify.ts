import type { HubContext } from '../hub-context.js';
import { verifyWithHub } from './verification-service.js';
import type { CredentialInput } from './verify-credential.js';
import { HUB_TRUST_CHECKS, type CheckId, type VerificationResult } from '../../domain/verification-result.js';

/**
 * W3C VC API verification (https://w3c-ccg.github.io/vc-api/#verify-credential). The verdict
 * counts proof, validity and status; the hub-trust checks are reported but only count when
 * the caller asks for the hub policy (options.policy = "hub").
 *
 * The answer has the VC API's shape: `verified`; `checks`, the names of the checks that were
 * performed and passed; `errors` and `warnings`, one line per counted and uncounted failure
 * (a check that failed, or could not confirm); `problemDetails`, the errors as RFC 9457
 * objects (the VC API's newer form). SkillPass's own result, with its codes and messages per
 * check, is alongside under `skillpass`.
 */
export interface VcApiVerification {
  verified: boolean;
  checks: CheckId[];
  errors: string[];
  warnings: string[];
  problemDetails: { type: string; title: string; detail: string }[];
  skillpass: VerificationResult;
}

const countedFor =
  (policy: unknown) =>
  (id: CheckId): boolean =>
    policy === 'hub' || !HUB_TRUST_CHECKS.includes(id);
const PROBLEM_BASE = 'https://skillpass.dev/problems/verification/';

function toVcApi(result: VerificationResult, counted: (id: CheckId) => boolean): VcApiVerification {
  const failed = (c: VerificationResult['checks'][number]) =>
    c.outcome === 'invalid' || c.outcome === 'indeterminate';
  const notes = (want: boolean) =>
    result.checks
      .filter((c) => counted(c.id) === want && failed(c))
      .map((c) => `${c.id}: ${c.message ?? c.code ?? c.outcome}`);
  return {
    verified: result.outcome === 'valid',
    checks: result.checks.filter((c) => c.outcome === 'valid').map((c) => c.id),
    errors: notes(true),
    warnings: notes(false),
    problemDetails: result.checks
      .filter((c) => counted(c.id) && failed(c))
      .map((c) => ({
        type: `${PROBLEM_BASE}${c.code ?? c.id}`,
        title: `${c.id} ${c.outcome}`,
        detail: c.message ?? c.code ?? c.outcome,
      })),
    skillpass: result,
  };
}

export async function verifyCredentialViaVcApi(
  ctx: HubContext,
  credential: CredentialInput,
  options: Record<string, unknown> = {},
): Promise<VcApiVerification> {
  const counted = countedFor(options.policy);
  return toVcApi(await verifyWithHub(ctx, credential, { counted }), counted);
}

export interface PresentationVerification {
  verified: boolean;
  presentationResult: {
    verified: boolean;
    proof: 'verified' | 'absent' | 'invalid';
    code?: string;
    error?: string;
  };
  credentialResults: VcApiVerification[];
}

export async function verifyPresentationViaVcApi(
  ctx: HubContext,
  presentation: Record<string, unknown>,
  options: Record<string, unknown> = {},
): Promise<PresentationVerification> {
  const types = ([] as unknown[]).concat(presentation.type ?? []);
  const raw = ([] as unknown[]).concat(presentation.verifiableCredential ?? []);
  const credentials = raw.filter(
    (c): c is CredentialInput =>
      typeof c === 'string' || (typeof c === 'object' && c !== null && !Array.isArray(c)),
  );
  // the envelope is judged in its compact form too (each credential in it is judged on its own):
  // credentials moved under a full IRI or into @included must not vanish from view
  const { verifiableCredential: _credentials, ...envelope } = presentation;
  const form = await ctx.proofs.checkForm(envelope);
  let presentationResult: PresentationVerification['presentationResult'];
  if (form.outcome !== 'valid') {
    presentationResult = { verified: false, proof: 'invalid', code: form.code, error: form.message };
  } else if (!types.includes('VerifiablePresentation') || credentials.length !== raw.length) {
    presentationResult = {
      verified: false,
      proof: 'invalid',
      code: 'not-a-presentation',
      error: 'Not a VerifiablePresentation with credential objects or JWTs.',
    };
  } else if (!presentation.proof && credentials.length === 0) {
    presentationResult = {
      verified: false,
      proof: 'absent',
      code: 'empty-presentation',
      error: 'An unsigned presentation with no credential has nothing to verify.',
    };
  } else if (!presentation.proof) {
    presentationResult = { verified: true, proof: 'absent' };
  } else {
    // the holder's proof signs the whole presentation, the credentials in it included (VC 2.0 §4.13)
    const verdict = await ctx.presentations.verifyProof(
      presentation,
      typeof options.challenge === 'string' ? options.challenge : undefined,
      typeof options.domain === 'string' ? options.domain : undefined,
    );
    presentationResult = verdict.verified
      ? { verified: true, proof: 'verified' }
      : { verified: false, proof: 'invalid', ...(verdict.error ? { error: verdict.error } : {}) };
  }
  const credentialResults = await Promise.all(
    credentials.map((c) => verifyCredentialViaVcApi(ctx, c, options)),
  );
  return {
    verified: presentationResult.verified && credentialResults.every((r) => r.verified),
    presentationResult,
    credentialResults,
  };
}
