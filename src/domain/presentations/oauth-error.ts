import { SkillPassError, isSkillPassError } from '../errors.js';

/**
 * Errors on the OpenID4VP endpoints the wallet calls (the request object, the direct_post
 * response) are answered in OAuth style, `{ error, error_description }` (RFC 6749 §5.2,
 * OpenID4VP 1.0 §8.5), which wallets read, instead of this API's application/problem+json. They
 * are SkillPassErrors like any other (one error hierarchy) carrying the OAuth error code.
 */
export type OAuthErrorCode = 'invalid_request' | 'access_denied' | 'vp_formats_not_supported';

export const oauthError = (error: OAuthErrorCode, description: string, notFound = false): SkillPassError =>
  new SkillPassError(notFound ? 'not-found' : 'validation-failed', description, { oauthError: error });

/** The OAuth answer to any error of the wallet's endpoints: its status and body. */
export function oauthAnswer(
  err: unknown,
): { status: number; body: { error: string; error_description: string } } | undefined {
  if (!isSkillPassError(err) || !err.byRequest) return undefined;
  const error = typeof err.details?.oauthError === 'string' ? err.details.oauthError : 'invalid_request';
  return { status: err.code === 'not-found' ? 404 : 400, body: { error, error_description: err.message } };
}
