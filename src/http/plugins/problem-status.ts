import type { ErrorCode } from '../../domain/errors.js';

/**
 * The HTTP status of each error code (RFC 9110 §15): the HTTP layer's business, kept out of the
 * domain. A Record over every code, so a new code without a status does not compile.
 */
export const PROBLEM_STATUS: Record<ErrorCode, number> = {
  'validation-failed': 400,
  'malformed-json': 400,
  'unsupported-media-type': 415,
  'body-too-large': 413,
  'too-deep': 400,
  'too-large': 413,
  'nul-character': 400,
  'forbidden-key': 400,
  'uri-too-long': 414,
  'bad-url': 400,
  'headers-too-large': 431,
  'request-timeout': 408,
  'malformed-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-accredited': 403,
  'unknown-qualification': 400,
  'unknown-framework': 400,
  'level-not-referenced': 400,
  'not-found': 404,
  conflict: 409,
  'invalid-credential-request': 400,
  'certificate-not-valid': 422,
  'oauth-refused': 400,
  'no-follow-up-consent': 422,
  'destination-mismatch': 403,
  'follow-up-not-due': 409,
  'follow-up-already-answered': 409,
  'unknown-did': 404,
  'rate-limited': 429,
  'invalid-csv': 400,
  'idempotency-key-reused': 422,
  'idempotency-key-in-flight': 409,
  'database-unavailable': 503,
  overloaded: 503,
  internal: 500,
};
