import type { ReadCredential } from '../credential-reader.js';
import type { Framework, Qualification } from '../types.js';
import { aqrfLevelOn } from '../aqrf-level.js';
import { type CheckResult, fail, pass } from '../verification-result.js';

/**
 * Does the AQRF level the credential states match the registry's referencing in force
 * on the issuance day? (docs/architecture.md: "level ... judged at issuance time")
 */
export function checkLevel(
  c: ReadCredential,
  qualification: Qualification,
  framework: Framework,
  issuanceDay: string,
): CheckResult {
  const mapping = aqrfLevelOn(framework, qualification.level, issuanceDay);
  if (!mapping) {
    return fail(
      'level',
      'level-not-referenced',
      `${framework.id} level ${qualification.level} had no AQRF referencing on ${issuanceDay}.`,
    );
  }
  if (c.aqrfLevel === undefined) {
    return fail('level', 'level-missing', 'The certificate does not state an AQRF level.');
  }
  if (c.aqrfLevel !== mapping.aqrfLevel) {
    return fail(
      'level',
      'level-mismatch',
      `The certificate states AQRF level ${c.aqrfLevel}, but the registry maps ${qualification.code} to AQRF level ${mapping.aqrfLevel}.`,
      { stated: c.aqrfLevel, registry: mapping.aqrfLevel },
    );
  }
  if (c.nationalLevel !== undefined && c.nationalLevel !== `${framework.id}:${qualification.level}`) {
    return fail(
      'level',
      'national-level-mismatch',
      `The certificate states national level ${c.nationalLevel}, the registry ${framework.id}:${qualification.level}.`,
    );
  }
  return pass(
    'level',
    `AQRF level ${mapping.aqrfLevel} (${mapping.status} referencing of ${framework.id}).`,
    { aqrfLevel: mapping.aqrfLevel, referencing: mapping.status },
  );
}
