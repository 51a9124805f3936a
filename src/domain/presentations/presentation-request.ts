import { toMillis } from '../dates.js';
import type { VerificationResult } from '../verification-result.js';

/**
 * An employer's request for a worker's certificate over OpenID4VP 1.0 (README "Asking a
 * worker's wallet for a certificate"): one qualification, a fresh nonce, a short lifetime, one
 * answer. The result is kept only a short while after the request expires.
 */
export interface PresentationRequest {
  /** random, unguessable: the request's URLs and the OpenID4VP `state` */
  id: string;
  employerToken: string;
  qualification: string;
  purpose?: string;
  /** selectively disclosable claims asked for beyond the always-clear ones (docs/sd-jwt-vc.md) */
  claims: string[];
  nonce: string;
  /** SHA-256 (hex) of the key in the employer's page URL: the page is reachable with the key only */
  pageKeyHash: string;
  createdAt: string;
  expiresAt: string;
  answeredAt?: string;
  result?: VerificationResult;
  /** the row is deleted after this instant, answered or not */
  purgeAfter: string;
}

/** How long a wallet has to answer (OpenID4VP leaves it to the verifier; a QR shown at a desk). */
export const REQUEST_LIFETIME_SECONDS = 10 * 60;
/** How long an answer stays readable after its request expired: the employer's page can show it, then it is gone. */
export const RESULT_RETENTION_SECONDS = 60 * 60;

export type RequestState = 'pending' | 'answered' | 'expired';

export function requestState(
  r: Pick<PresentationRequest, 'answeredAt' | 'expiresAt'>,
  now: string,
): RequestState {
  if (r.answeredAt) return 'answered';
  return toMillis(now) >= toMillis(r.expiresAt) ? 'expired' : 'pending';
}

/** The request's instants from its creation time. */
export function requestTimes(createdAt: string): { expiresAt: string; purgeAfter: string } {
  const at = toMillis(createdAt);
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
  return {
    expiresAt: iso(at + REQUEST_LIFETIME_SECONDS * 1000),
    purgeAfter: iso(at + (REQUEST_LIFETIME_SECONDS + RESULT_RETENTION_SECONDS) * 1000),
  };
}
