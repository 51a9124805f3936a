import { isSdJwt } from '../../domain/presentations/sd-jwt.js';
import type { Challenge } from '../../domain/presentations/key-binding.js';
import type { VerificationResult } from '../../domain/verification-result.js';
import {
  verifyCredential,
  type CredentialInput,
  type VerifyOptions,
} from '../verification/verify-credential.js';
import { verifySdJwt, type SdJwtDeps } from './verify-sd-jwt.js';
import { verifyJwtVp } from './verify-jwt-vp.js';
import { decodeJwtPayload } from '../../domain/jwt-payload.js';
import { isJwtVpPayload } from '../../domain/presentations/vp-jwt.js';

/** A JWT whose payload is a presentation (a `vp` claim): its payload; anything else undefined. */
function jwtVpPayload(text: string): Record<string, unknown> | undefined {
  try {
    const payload = decodeJwtPayload(text);
    return isJwtVpPayload(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}

/** What a presentation must be bound to (a nonce, an audience), beside a credential's options. */
export interface PresentedOptions extends VerifyOptions {
  challenge?: Challenge;
}

/**
 * Every verification path's entry (POST /verifications, /v, the VC API, recognition, the offline
 * CLI): a presentation of a certificate (an SD-JWT VC with its disclosures and Key Binding JWT,
 * docs/sd-jwt-vc.md, or a holder-signed VP as a JWT) goes through ./verify-sd-jwt.ts or
 * ./verify-jwt-vp.ts, bound to `challenge` when given; a credential through ../verification/verify-credential.ts. One result shape either way.
 */
export async function verifyPresentedCredential(
  input: CredentialInput,
  deps: SdJwtDeps,
  options: PresentedOptions = {},
): Promise<VerificationResult> {
  // (a credential QR code's SKP1 text holds a credential, never a presentation: ../../domain/credential-payload.ts)
  if (typeof input === 'string' && isSdJwt(input.trim()))
    return verifySdJwt(input.trim(), deps, options.challenge, options.counted);
  const vp = typeof input === 'string' ? jwtVpPayload(input.trim()) : undefined;
  if (vp) return verifyJwtVp(input.toString().trim(), vp, deps, options.challenge, options);
  return verifyCredential(input, deps, options);
}
