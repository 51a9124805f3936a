import type { SpokeKey } from './types.js';
import { toMillis } from './dates.js';

/**
 * Was this key valid for its centre at the given instant? A key is valid from its
 * creation until it is rotated out, and never at or after a compromise date.
 *
 * Instants are compared to the millisecond. The rotation instant itself belongs to both keys
 * (validUntil of the old one = validFrom of the new one, both inclusive): a certificate the hub
 * signed with the old key at that very instant, before the rotation took its turn, stays valid,
 * and one signed with the old key a millisecond later does not. The hub never stores a
 * certificate this rule rejects (services/registry/spoke-keys.ts, signedWithValidKey).
 */
export type KeyVerdict =
  | { ok: true }
  | { ok: false; code: 'key-not-yet-valid' | 'key-rotated-out' | 'key-compromised'; message: string };

export function keyValidAt(key: SpokeKey, instant: string): KeyVerdict {
  const t = toMillis(instant);
  if (Number.isNaN(t))
    return { ok: false, code: 'key-not-yet-valid', message: `The issuance time ${instant} cannot be read.` };
  if (key.compromisedFrom && t >= toMillis(key.compromisedFrom)) {
    return {
      ok: false,
      code: 'key-compromised',
      message: `The signing key was reported compromised from ${key.compromisedFrom}.`,
    };
  }
  if (t < toMillis(key.validFrom)) {
    return {
      ok: false,
      code: 'key-not-yet-valid',
      message: `The signing key was not in use before ${key.validFrom}.`,
    };
  }
  if (key.validUntil && t > toMillis(key.validUntil)) {
    return {
      ok: false,
      code: 'key-rotated-out',
      message: `The signing key was replaced on ${key.validUntil}.`,
    };
  }
  return { ok: true };
}
