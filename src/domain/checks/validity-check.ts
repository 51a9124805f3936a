import type { ReadCredential } from '../credential-reader.js';
import { type CheckResult, fail, pass } from '../verification-result.js';
import { toMillis } from '../dates.js';

/**
 * Is `now` within validFrom..validUntil? (VC Data Model 2.0 §4.9 "Validity Period").
 * A small clock skew is tolerated at the start only, for freshly issued credentials.
 */
export function checkValidity(c: ReadCredential, now: string, skewSeconds = 300): CheckResult {
  const t = toMillis(now);
  if (c.validFrom && toMillis(c.validFrom) - skewSeconds * 1000 > t) {
    return fail('validity', 'not-yet-valid', `This certificate is valid only from ${c.validFrom}.`, {
      validFrom: c.validFrom,
    });
  }
  if (c.validUntil && toMillis(c.validUntil) < t) {
    return fail('validity', 'expired', `This certificate expired on ${c.validUntil.slice(0, 10)}.`, {
      validUntil: c.validUntil,
    });
  }
  return pass(
    'validity',
    c.validUntil ? `Valid until ${c.validUntil.slice(0, 10)}.` : 'Valid, with no end date.',
  );
}
