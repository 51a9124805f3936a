/**
 * Errors of the OpenID4VCI endpoints (token, nonce, credential), answered as OAuth errors
 * (`application/json` `{error, error_description}`, RFC 6749 §5.2), not as problem+json: wallets
 * read these codes. OpenID4VCI 1.0 §6.3 (token endpoint: invalid_request, invalid_grant,
 * unsupported_grant_type) and §8.3.1.2 (credential endpoint: invalid_credential_request,
 * unknown_credential_configuration, invalid_proof, invalid_nonce, credential_request_denied);
 * RFC 6750 §3.1 for the access token (invalid_token, 401).
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

export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  /** 401 for a missing or bad access token (RFC 6750 §3.1), 400 for everything else */
  get status(): number {
    return this.error === 'invalid_token' ? 401 : 400;
  }

  get body(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

export const isOAuthError = (e: unknown): e is OAuthError => e instanceof OAuthError;
