import type { CheckResult } from '../verification-result.js';
import { fail, pass, skip } from '../verification-result.js';
import { toMillis } from '../dates.js';
import { sdDigest, type SdJwtParts } from './sd-jwt.js';

/**
 * What the verifier expects a presentation to be bound to: its own `nonce` (the challenge) and
 * `audience` (itself: the OpenID4VP client_id, or what the caller of POST /verifications names).
 */
export interface Challenge {
  nonce?: string;
  audience?: string;
}

/** How far a KB-JWT's `iat` may lie from now, either way (RFC 9901 §7.3 step 5: "within an acceptable window"). */
export const KB_WINDOW_SECONDS = 300;

export const expectsChallenge = (c: Challenge | undefined): c is Challenge =>
  c !== undefined && (c.nonce !== undefined || c.audience !== undefined);

/**
 * The Key Binding JWT's rules (RFC 9901 §4.3 and §7.3; SD-JWT VC §3.2.2 and docs/sd-jwt-vc.md):
 * `typ` kb+jwt, `sd_hash` over exactly what was presented, `iat` within the window, and `aud` and
 * `nonce` the verifier's when it set a challenge. `signatureValid`: the caller checked the
 * KB-JWT's signature with the issuer-signed `cnf.jwk` (undefined when there was no such key).
 *
 * Without a challenge the binding is only checked for integrity, and the result says so: a
 * KB-JWT made for someone else and replayed here would pass that check (no false assurance).
 */
export function checkKeyBinding(
  parts: Pick<SdJwtParts, 'kbJwt' | 'presented'>,
  signatureValid: boolean | undefined,
  challenge: Challenge | undefined,
  now: string,
): CheckResult {
  const kb = parts.kbJwt;
  const expected = expectsChallenge(challenge);
  if (!kb) {
    if (expected)
      return fail(
        'holder-binding',
        'no-key-binding',
        'The presentation carries no Key Binding JWT, so it does not prove the worker holds it.',
      );
    return skip(
      'holder-binding',
      'Presented without key binding: anyone holding this copy could show it; no challenge was set.',
    );
  }
  if (kb.header.typ !== 'kb+jwt')
    return fail('holder-binding', 'key-binding-invalid', 'The Key Binding JWT is not of type kb+jwt.');
  if (signatureValid === undefined)
    return fail('holder-binding', 'key-binding-invalid', 'The credential names no holder key (cnf.jwk).');
  if (!signatureValid)
    return fail(
      'holder-binding',
      'key-binding-invalid',
      "The Key Binding JWT is not signed by the holder's key (cnf.jwk).",
    );
  if (kb.payload.sd_hash !== sdDigest(parts.presented))
    return fail(
      'holder-binding',
      'key-binding-invalid',
      'The Key Binding JWT was made for another selection of claims (sd_hash).',
    );
  const iat = kb.payload.iat;
  if (typeof iat !== 'number' || !Number.isFinite(iat))
    return fail('holder-binding', 'key-binding-invalid', 'The Key Binding JWT has no iat.');
  if (!expected)
    return pass(
      'holder-binding',
      "Signed with the holder's key, but not checked against a challenge: no nonce or audience was given, so this may be a copy replayed from another verifier.",
      { challenge: false },
    );
  if (challenge.audience !== undefined && kb.payload.aud !== challenge.audience)
    return fail(
      'holder-binding',
      'challenge-mismatch',
      'The presentation was made for another verifier (aud).',
    );
  if (challenge.nonce !== undefined && kb.payload.nonce !== challenge.nonce)
    return fail(
      'holder-binding',
      'challenge-mismatch',
      "The presentation answers another request (nonce): it is not this verifier's.",
    );
  if (Math.abs(iat * 1000 - toMillis(now)) > KB_WINDOW_SECONDS * 1000)
    return fail(
      'holder-binding',
      'key-binding-stale',
      `The Key Binding JWT was not made within ${KB_WINDOW_SECONDS / 60} minutes of now (iat ${iat}).`,
    );
  return pass('holder-binding', "Presented by the holder of the credential's key, for this request.", {
    challenge: true,
  });
}
