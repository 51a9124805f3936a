import type { HubContext } from './hub-context.js';
import { verifyWithHub } from './verification-service.js';
import type { CredentialInput } from './verify-credential.js';
import { HUB_TRUST_CHECKS, type CheckId, type VerificationResult } from '../domain/verification-result.js';
import { verifyPresentationProof } from '../adapters/crypto/digitalbazaar.js';
import { createDocumentLoader } from '../adapters/contexts/document-loader.js';

/**
 * W3C VC API verification (https://w3c-ccg.github.io/vc-api/#verify-credential). The verdict
 * counts proof, validity and status; the hub-trust checks are reported but only count when
 * the caller asks for the hub policy (options.policy = "hub").
 */
export interface VcApiVerification extends VerificationResult {
  verified: boolean;
  errors: string[];
  warnings: string[];
}

const countedFor = (policy: unknown) => (id: CheckId): boolean => policy === 'hub' || !HUB_TRUST_CHECKS.includes(id);

function toVcApi(result: VerificationResult, counted: (id: CheckId) => boolean): VcApiVerification {
  const notes = (want: boolean) => result.checks
    .filter((c) => counted(c.id) === want && (c.outcome === 'invalid' || c.outcome === 'indeterminate'))
    .map((c) => `${c.id}: ${c.message ?? c.code ?? c.outcome}`);
  return { verified: result.outcome === 'valid', ...result, errors: notes(true), warnings: notes(false) };
}

export async function verifyCredentialViaVcApi(ctx: HubContext, credential: CredentialInput, options: Record<string, unknown> = {}): Promise<VcApiVerification> {
  const counted = countedFor(options.policy);
  return toVcApi(await verifyWithHub(ctx, credential, { counted }), counted);
}

export interface PresentationVerification {
  verified: boolean;
  presentationResult: { verified: boolean; proof: 'verified' | 'absent' | 'invalid'; code?: string; error?: string };
  credentialResults: VcApiVerification[];
}

export async function verifyPresentationViaVcApi(ctx: HubContext, presentation: Record<string, unknown>, options: Record<string, unknown> = {}): Promise<PresentationVerification> {
  const types = ([] as unknown[]).concat(presentation.type ?? []);
  const raw = ([] as unknown[]).concat(presentation.verifiableCredential ?? []);
  const credentials = raw.filter((c): c is CredentialInput => typeof c === 'string' || (typeof c === 'object' && c !== null && !Array.isArray(c)));
  // the envelope is judged in its compact form too (each credential in it is judged on its own):
  // credentials moved under a full IRI or into @included must not vanish from view
  const { verifiableCredential: _credentials, ...envelope } = presentation;
  const form = await ctx.proofs.checkForm(envelope);
  let presentationResult: PresentationVerification['presentationResult'];
  if (form.outcome !== 'valid') {
    presentationResult = { verified: false, proof: 'invalid', code: form.code, error: form.message };
  } else if (!types.includes('VerifiablePresentation') || credentials.length !== raw.length) {
    presentationResult = { verified: false, proof: 'invalid', code: 'not-a-presentation', error: 'Not a VerifiablePresentation with credential objects or JWTs.' };
  } else if (!presentation.proof && credentials.length === 0) {
    presentationResult = { verified: false, proof: 'absent', code: 'empty-presentation', error: 'An unsigned presentation with no credential has nothing to verify.' };
  } else if (!presentation.proof) {
    presentationResult = { verified: true, proof: 'absent' };
  } else {
    const loader = createDocumentLoader(ctx.contexts, ctx.resolver);
    const { verifiableCredential: _vc, ...bare } = presentation;
    const verdict = await verifyPresentationProof(bare, loader,
      typeof options.challenge === 'string' ? options.challenge : undefined, typeof options.domain === 'string' ? options.domain : undefined);
    presentationResult = verdict.verified ? { verified: true, proof: 'verified' } : { verified: false, proof: 'invalid', ...(verdict.error ? { error: verdict.error } : {}) };
  }
  const credentialResults = await Promise.all(credentials.map((c) => verifyCredentialViaVcApi(ctx, c, options)));
  return { verified: presentationResult.verified && credentialResults.every((r) => r.verified), presentationResult, credentialResults };
}
