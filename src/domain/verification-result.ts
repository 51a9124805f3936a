import type { CheckCode } from './check-codes.js';
import type { HolderMatch } from './identity-object.js';
/**
 * The one result shape every verification returns (docs/architecture.md, "The trust chain").
 * An overall outcome plus one entry per check, in a fixed order.
 */
export type Outcome = 'valid' | 'invalid' | 'indeterminate';

/** A check that could not run (an earlier one failed) or has nothing to judge is `skipped`. */
export type CheckOutcome = Outcome | 'skipped';

export const CHECK_IDS = [
  'well-formed',
  'proof',
  'issuer',
  'accreditation',
  'level',
  'validity',
  'status',
  // a presentation only (SD-JWT key binding, a holder-signed VP): ../domain/presentations
  'holder-binding',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** Checks that judge the hub's trust (registry), as opposed to the credential on its own. */
export const HUB_TRUST_CHECKS: readonly CheckId[] = ['issuer', 'accreditation', 'level'];

export interface CheckResult {
  id: CheckId;
  outcome: CheckOutcome;
  code?: CheckCode;
  message?: string;
  details?: Record<string, unknown>;
}

export interface VerificationResult {
  outcome: Outcome;
  checks: CheckResult[];
  /** what was verified, for people: filled when the credential could be parsed */
  credential?: CredentialSummary;
  verifiedAt: string;
  /** the registry version (trust list sequence) the trust checks used */
  registryVersion?: number;
  /** asked with the worker's identifying data: does it match the credential's subject (./identity-object.ts)? Only when the credential could be read. */
  holderMatch?: HolderMatch;
  /** a presentation (SD-JWT VC with key binding, holder-signed VP): how it was presented and what the worker disclosed */
  presentation?: PresentationSummary;
}

/**
 * What a presentation showed: its format, whether it was bound to the verifier's challenge,
 * and which claims the worker chose to disclose or withhold (SD-JWT VC; a VP discloses all).
 */
export interface PresentationSummary {
  format: 'dc+sd-jwt' | 'ldp_vp' | 'jwt_vp';
  /** the holder's proof was checked against a nonce/audience the verifier set */
  challengeChecked: boolean;
  /** selectively disclosable claims the worker showed */
  disclosed: string[];
  /** selectively disclosable claims the credential type has that the worker did not show */
  withheld: string[];
}

export interface CredentialSummary {
  id?: string;
  format: 'di' | 'vc+jwt' | 'dc+sd-jwt';
  issuer: string;
  issuerName?: string;
  holderName?: string;
  /** the holder's name in Latin letters, when the credential carries it (credentialSubject.nameLatin) */
  holderNameLatin?: string;
  /** only when the credential shows it in clear (the holder chose to) */
  holderBirthDate?: string;
  qualification?: string;
  qualificationTitle?: string;
  aqrfLevel?: number;
  assessmentDate?: string;
  assessmentLanguage?: string;
  validFrom?: string;
  validUntil?: string;
}

export const pass = (id: CheckId, message?: string, details?: Record<string, unknown>): CheckResult => ({
  id,
  outcome: 'valid',
  ...(message ? { message } : {}),
  ...(details ? { details } : {}),
});

export const fail = (
  id: CheckId,
  code: CheckCode,
  message: string,
  details?: Record<string, unknown>,
): CheckResult => ({ id, outcome: 'invalid', code, message, ...(details ? { details } : {}) });

export const unsure = (id: CheckId, code: CheckCode, message: string): CheckResult => ({
  id,
  outcome: 'indeterminate',
  code,
  message,
});

export const skip = (id: CheckId, message: string): CheckResult => ({ id, outcome: 'skipped', message });

/**
 * Overall outcome from the checks: any `invalid` wins, then any `indeterminate`;
 * a result is `valid` only when no counted check failed or was unsure.
 * `counted` lets the VC API leave hub-trust checks out of its verdict.
 */
export function overallOutcome(
  checks: readonly CheckResult[],
  counted: (id: CheckId) => boolean = () => true,
): Outcome {
  const relevant = checks.filter((c) => counted(c.id));
  if (relevant.some((c) => c.outcome === 'invalid')) return 'invalid';
  if (relevant.some((c) => c.outcome === 'indeterminate')) return 'indeterminate';
  return 'valid';
}
