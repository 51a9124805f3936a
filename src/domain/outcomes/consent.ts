/**
 * The worker's consent to follow-up (issue 16, "Placements"): asked at certification, kept by
 * the hub beside the certificate with the version of the wording the worker agreed to. It is
 * hub data, not a claim: it is never written into the signed credential, so withdrawing or
 * rewording it never touches a signature. A new wording gets a new version; a consent records
 * the version in force when it was given.
 */
export const FOLLOW_UP_CONSENT_VERSION = 'follow-up-2026-11';

export const FOLLOW_UP_CONSENT_WORDING =
  'I agree that the employers who place me with this certificate may report to the SkillPass hub ' +
  'whether I am still employed, my wage and my role 3, 6 and 12 months after I start, and that ' +
  'the programme may publish statistics that never identify me.';

export interface FollowUpConsent {
  certificateId: string;
  wordingVersion: string;
  consentedAt: string;
}

/**
 * A cohort cell of the consentToFollowUp column: yes (true, yes, 1) or no (false, no, 0, empty).
 * Anything else is undefined: the row is refused rather than a consent guessed.
 */
export function consentCell(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'no' || v === '0') return false;
  if (v === 'true' || v === 'yes' || v === '1') return true;
  return undefined;
}
