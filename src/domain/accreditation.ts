import type { Accreditation } from './types.js';
import { dayWithin } from './dates.js';

/**
 * Was the centre accredited for this qualification on this day? Trust is judged at
 * issuance time (DESIGN.md, "The trust chain"): the day is the credential's validFrom,
 * never today. Returns the accreditation that covers it, if any.
 */
export function accreditationCovering(
  accreditations: readonly Accreditation[],
  qualification: string,
  day: string,
): Accreditation | undefined {
  return accreditations.find((a) => a.qualifications.includes(qualification) && dayWithin(day, a.validFrom, a.validUntil));
}
