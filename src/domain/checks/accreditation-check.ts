import type { Accreditation, Qualification, Spoke } from '../types.js';
import { accreditationOn } from '../accreditation.js';
import { type CheckResult, fail, pass } from '../verification-result.js';

/** Was the centre accredited for the qualification on the issuance day? (docs/architecture.md, trust chain) */
export function checkAccreditation(spoke: Spoke, qualification: Qualification, accreditations: readonly Accreditation[], issuanceDay: string): CheckResult {
  const state = accreditationOn(accreditations, qualification.code, issuanceDay);
  if (!state.covered) {
    const why = {
      none: 'was not accredited', 'outside-period': 'was not accredited', 'not-covered': 'was not accredited',
      suspended: 'had its accreditation suspended', withdrawn: 'had its accreditation withdrawn',
    }[state.reason];
    return fail('accreditation', state.reason === 'suspended' ? 'accreditation-suspended' : state.reason === 'withdrawn' ? 'accreditation-withdrawn' : 'not-accredited',
      `${spoke.name} ${why} for ${qualification.code} on ${issuanceDay}, when this certificate was issued.`);
  }
  const a = state.accreditation;
  return pass('accreditation', `${spoke.name} was accredited for ${qualification.code} when this certificate was issued (${a.validFrom} to ${a.validUntil}).`,
    { accreditation: a.id });
}
