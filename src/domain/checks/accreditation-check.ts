import type { Accreditation, Qualification, Spoke } from '../types.js';
import { accreditationOn } from '../accreditation.js';
import { type CheckResult, fail, pass } from '../verification-result.js';

/**
 * Was the centre accredited for the qualification at the issuance instant? (docs/architecture.md, trust
 * chain; ../accreditation.ts: the period is judged by the instant's day, changes by the instant.)
 */
export function checkAccreditation(
  spoke: Spoke,
  qualification: Qualification,
  accreditations: readonly Accreditation[],
  issuedAt: string,
): CheckResult {
  const state = accreditationOn(accreditations, qualification.code, issuedAt);
  if (!state.covered) {
    const why = {
      none: 'was not accredited',
      'outside-period': 'was not accredited',
      'not-covered': 'was not accredited',
      suspended: 'had its accreditation suspended',
      withdrawn: 'had its accreditation withdrawn',
    }[state.reason];
    return fail(
      'accreditation',
      state.reason === 'suspended'
        ? 'accreditation-suspended'
        : state.reason === 'withdrawn'
          ? 'accreditation-withdrawn'
          : 'not-accredited',
      `${spoke.name} ${why} for ${qualification.code} at ${issuedAt}, when this certificate was issued.`,
    );
  }
  const a = state.accreditation;
  return pass(
    'accreditation',
    `${spoke.name} was accredited for ${qualification.code} when this certificate was issued (${a.validFrom} to ${a.validUntil}).`,
    { accreditation: a.id },
  );
}
