import { isSkillPassError, SkillPassError } from '../errors.js';

/**
 * Refusals of the OpenID4VCI endpoints (token, nonce, credential). They are SkillPassErrors of
 * code `oauth-refused` whose details name the OAuth error, and the wallet routes answer them as
 * OAuth errors (`application/json` `{error, error_description}`, RFC 6749 §5.2), not as
 * problem+json: wallets read these codes. OpenID4VCI 1.0 §6.3 (token endpoint: invalid_request,
 * invalid_grant, unsupported_grant_type) and §8.3.1.2 (credential endpoint:
 * invalid_credential_request, unknown_credential_configuration, invalid_proof, invalid_nonce,
 * credential_request_denied); RFC 6750 §3.1 for the access token (invalid_token, 401).
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_token'
  | 'invalid_credential_request'
  | 'unknown_credential_configuration'
  | 'invalid_proof'
  | 'invalid_nonce'
  | 'credential_request_denied';

export const oauthError = (error: OAuthErrorCode, description: string): SkillPassError =>
  new SkillPassError('oauth-refused', description, { oauth: error });

export interface OAuthAnswer {
  /** 401 for a missing or bad access token (RFC 6750 §3.1), 400 for everything else */
  status: number;
  body: { error: OAuthErrorCode; error_description: string };
}

/** The OAuth answer of a wallet endpoint's refusal; undefined for any other error. */
export function oauthAnswer(e: unknown): OAuthAnswer | undefined {
  if (!isSkillPassError(e) || e.code !== 'oauth-refused') return undefined;
  const error = e.details?.oauth as OAuthErrorCode;
  return { status: error === 'invalid_token' ? 401 : 400, body: { error, error_description: e.message } };
}
