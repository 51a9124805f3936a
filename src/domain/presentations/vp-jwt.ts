import { fail, pass, type CheckResult } from '../verification-result.js';
import { toMillis } from '../dates.js';
import { expectsChallenge, KB_WINDOW_SECONDS, type Challenge } from './key-binding.js';

/**
 * A Verifiable Presentation secured as a JWT (VC-JWT 1.1 §6.3.1, the `jwt_vc_json` presentation
 * of OpenID4VP 1.0 Annex B.1.3.1): `iss` the holder's DID, `vp` the presentation with its
 * credential, `nonce` and `aud` the verifier's challenge. Pure: the signature is the caller's.
 */
export interface JwtVp {
  holder: string;
  credential: Record<string, unknown> | string;
  nonce?: unknown;
  aud?: unknown;
  iat?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Is this JWT payload a presentation (a `vp` claim)? */
export const isJwtVpPayload = (payload: Record<string, unknown>): boolean => isObject(payload.vp);

/** The presentation's holder and its one credential, or why it cannot be read. */
export function readJwtVp(
  payload: Record<string, unknown>,
): { ok: true; vp: JwtVp } | { ok: false; message: string } {
  const vp = payload.vp;
  if (!isObject(vp)) return { ok: false, message: 'The JWT carries no `vp` claim.' };
  const types = ([] as unknown[]).concat(vp.type ?? []);
  if (!types.includes('VerifiablePresentation'))
    return { ok: false, message: 'The `vp` claim is not a VerifiablePresentation.' };
  const holder = typeof payload.iss === 'string' ? payload.iss : undefined;
  if (!holder || (vp.holder !== undefined && vp.holder !== holder))
    return { ok: false, message: 'The presentation names no holder (iss), or two.' };
  const credentials = ([] as unknown[]).concat(vp.verifiableCredential ?? []);
  const [credential] = credentials;
  if (credentials.length !== 1 || !(typeof credential === 'string' || isObject(credential)))
    return {
      ok: false,
      message: 'A presentation of exactly one credential (an object or a JWT) is read here.',
    };
  return { ok: true, vp: { holder, credential, nonce: payload.nonce, aud: payload.aud, iat: payload.iat } };
}

/**
 * The holder's binding of a JWT VP: signed by the holder (`signatureValid`, checked by the
 * caller against `iss`), the holder being the credential's subject (`credentialSubject.id`), and,
 * with a challenge, `nonce` and `aud` the verifier's and `iat` within 5 minutes of now.
 */
export function checkVpBinding(
  vp: JwtVp,
  subjectId: string | undefined,
  signatureValid: boolean,
  challenge: Challenge | undefined,
  now: string,
): CheckResult {
  if (!signatureValid)
    return fail(
      'holder-binding',
      'key-binding-invalid',
      "The presentation is not signed by its holder's key.",
    );
  if (subjectId !== vp.holder)
    return fail(
      'holder-binding',
      'holder-mismatch',
      "The presentation's holder is not the credential's subject (credentialSubject.id).",
    );
  if (!expectsChallenge(challenge))
    return pass(
      'holder-binding',
      "Signed by the credential's subject, but not checked against a challenge: no nonce or audience was given, so this may be a copy replayed from another verifier.",
      { challenge: false },
    );
  const audiences = ([] as unknown[]).concat(vp.aud ?? []);
  if (challenge.audience !== undefined && !audiences.includes(challenge.audience))
    return fail(
      'holder-binding',
      'challenge-mismatch',
      'The presentation was made for another verifier (aud).',
    );
  if (challenge.nonce !== undefined && vp.nonce !== challenge.nonce)
    return fail('holder-binding', 'challenge-mismatch', 'The presentation answers another request (nonce).');
  if (typeof vp.iat !== 'number' || Math.abs(vp.iat * 1000 - toMillis(now)) > KB_WINDOW_SECONDS * 1000)
    return fail(
      'holder-binding',
      'key-binding-stale',
      'The presentation was not made within 5 minutes of now (iat).',
    );
  return pass('holder-binding', "Presented by the credential's subject, for this request.", {
    challenge: true,
  });
}
