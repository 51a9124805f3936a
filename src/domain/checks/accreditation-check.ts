import type { Accreditation, Qualification, Spoke } from '../types.js';
import { accreditationCovering } from '../accreditation.js';
import { type CheckResult, fail, pass } from '../verification-result.js';

/** Was the centre accredited for the qualification on the issuance day? (DESIGN.md, trust chain) */
export function checkAccreditation(spoke: Spoke, qualification: Qualification, accreditations: readonly Accreditation[], issuanceDay: string): CheckResult {
  const covering = accreditationCovering(accreditations, qualification.code, issuanceDay);
  if (!covering) {
    return fail('accreditation', 'not-accredited',
      `${spoke.name} was not accredited for ${qualification.code} on ${issuanceDay}.`);
  }
  return pass('accreditation', `${spoke.name} was accredited for ${qualification.code} (${covering.validFrom} to ${covering.validUntil}).`,
    { accreditation: covering.id });
}
