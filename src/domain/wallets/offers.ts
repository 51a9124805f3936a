import { createHash } from 'node:crypto';
import { toMillis } from '../dates.js';
import { oauthError } from './oauth-error.js';
import type { SkillPassError } from '../errors.js';

/**
 * Credential offers (OpenID4VCI 1.0 §4.1, pre-authorized code flow with a transaction code):
 * single use, expiring, and voided by 5 wrong PINs or by a newer offer for the same certificate.
 * The pre-authorized code and the PIN are stored as SHA-256 hashes only. Pure: the instant is passed in.
 */
export const PIN_LENGTH = 6;
/** wrong PINs an offer takes; the fifth voids it (a 6-digit PIN then has 5 in a million chances) */
export const MAX_PIN_ATTEMPTS = 5;
/** how long an access token from the token endpoint lasts (seconds) */
export const ACCESS_TOKEN_SECONDS = 600;
/** how long a c_nonce from the nonce endpoint is accepted (seconds) */
export const C_NONCE_SECONDS = 300;
/** the credential configurations an offer names: one per format (./issuer-metadata.ts) */
export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/** What the SD-JWT VC discloses but the certificate does not carry in clear, kept with an open offer only. */
export interface OfferClaims {
  birthdate?: string;
}

export interface WalletOffer {
  id: string;
  certificateId: string;
  codeHash: string;
  pinHash: string;
  claims: OfferClaims | null;
  createdAt: string;
  expiresAt: string;
  redeemedAt: string | null;
  voidedAt: string | null;
  failedPins: number;
}

export const secretHash = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

export type OfferState = 'open' | 'expired' | 'redeemed' | 'voided';

export function offerState(
  o: Pick<WalletOffer, 'expiresAt' | 'redeemedAt' | 'voidedAt'>,
  now: string,
): OfferState {
  if (o.redeemedAt) return 'redeemed';
  if (o.voidedAt) return 'voided';
  return toMillis(now) >= toMillis(o.expiresAt) ? 'expired' : 'open';
}

/**
 * Why a pre-authorized code cannot be redeemed now (OpenID4VCI 1.0 §6.3: invalid_grant for a code
 * that is unknown, expired or already used), or undefined when it can.
 */
export function redeemRefusal(o: WalletOffer | undefined, now: string): SkillPassError | undefined {
  if (!o) return oauthError('invalid_grant', 'This pre-authorized code is not known.');
  const state = offerState(o, now);
  if (state === 'redeemed')
    return oauthError('invalid_grant', 'This pre-authorized code was already used: an offer is single-use.');
  if (state === 'voided')
    return oauthError(
      'invalid_grant',
      'This offer was voided (too many wrong PINs, or the centre made a new one): ask the centre for a new offer.',
    );
  if (state === 'expired')
    return oauthError('invalid_grant', 'This offer has expired: ask the centre for a new offer.');
  return undefined;
}

/** The offer after one more wrong PIN: voided at the fifth. */
export function afterWrongPin(failedPins: number): { failedPins: number; voided: boolean; left: number } {
  const n = failedPins + 1;
  return { failedPins: n, voided: n >= MAX_PIN_ATTEMPTS, left: Math.max(0, MAX_PIN_ATTEMPTS - n) };
}

export const isPin = (pin: string): boolean => new RegExp(`^[0-9]{${PIN_LENGTH}}$`).test(pin);

/** The credential offer object (§4.1.1): by value, without the PIN, which the worker types in. */
export function credentialOfferObject(
  credentialIssuer: string,
  configurationIds: readonly string[],
  preAuthorizedCode: string,
): Record<string, unknown> {
  return {
    credential_issuer: credentialIssuer,
    credential_configuration_ids: [...configurationIds],
    grants: {
      [PRE_AUTHORIZED_GRANT]: {
        'pre-authorized_code': preAuthorizedCode,
        tx_code: {
          input_mode: 'numeric',
          length: PIN_LENGTH,
          description: 'The 6-digit PIN the testing centre gave you with this certificate',
        },
      },
    },
  };
}

/** §4.1: `openid-credential-offer://?credential_offer=<the object, URL-encoded>` (the QR code) and the same query on an https link. */
export function offerUris(publicUrl: string, offer: Record<string, unknown>): { uri: string; link: string } {
  const query = `credential_offer=${encodeURIComponent(JSON.stringify(offer))}`;
  return { uri: `openid-credential-offer://?${query}`, link: `${publicUrl}/wallet/offer?${query}` };
}
