/**
 * Typed errors with stable codes. Programs match on `code`, people read `message`; codes never
 * change once published. `fault` says whose fault it is: the request's (bad input, no right,
 * nothing there: answering again gives the same) or the service's (overloaded, unavailable:
 * worth retrying). The HTTP layer maps each code to its status and an
 * `application/problem+json` answer (RFC 9457): src/http/plugins/problem-status.ts.
 */
export const ERROR_CATALOGUE = {
  'validation-failed': { fault: 'request', title: 'The request body is not valid' },
  'malformed-json': { fault: 'request', title: 'The request body is not valid JSON' },
  'unsupported-media-type': { fault: 'request', title: 'Unsupported content type' },
  'body-too-large': { fault: 'request', title: 'The request body is too large' },
  'too-deep': { fault: 'request', title: 'The JSON nests arrays and objects too deeply' },
  'too-large': { fault: 'request', title: 'A JSON document inside the request is too large' },
  'nul-character': { fault: 'request', title: 'The JSON holds a NUL character (\\u0000)' },
  'forbidden-key': {
    fault: 'request',
    title: 'The JSON has a key named after a built-in property (__proto__, constructor, toString ...)',
  },
  'uri-too-long': { fault: 'request', title: 'The URL is too long' },
  'bad-url': { fault: 'request', title: 'The URL cannot be read' },
  'headers-too-large': { fault: 'request', title: 'The request headers are too large' },
  'request-timeout': { fault: 'request', title: 'The request took too long to arrive' },
  'malformed-request': { fault: 'request', title: 'The request cannot be read as HTTP' },
  unauthenticated: { fault: 'request', title: 'A valid bearer token is required' },
  forbidden: { fault: 'request', title: 'This token may not do that' },
  'not-accredited': {
    fault: 'request',
    title: 'The testing centre is not accredited for this qualification on this date',
  },
  'unknown-qualification': { fault: 'request', title: 'Unknown qualification code' },
  'unknown-framework': { fault: 'request', title: 'Unknown qualifications framework' },
  'level-not-referenced': { fault: 'request', title: 'The national level has no AQRF referencing in force' },
  'not-found': { fault: 'request', title: 'Not found' },
  conflict: { fault: 'request', title: 'It already exists' },
  'invalid-credential-request': { fault: 'request', title: 'The credential cannot be issued as sent' },
  'certificate-not-valid': { fault: 'request', title: 'The certificate does not verify as valid' },
  'oauth-refused': {
    fault: 'request',
    title: 'An OpenID4VCI request was refused (the wallet endpoints answer it as an OAuth error)',
  },
  'no-follow-up-consent': {
    fault: 'request',
    title: 'The worker did not consent to follow-up when certified',
  },
  'destination-mismatch': {
    fault: 'request',
    title: "The placement's destination is not the employer token's country",
  },
  'follow-up-not-due': { fault: 'request', title: 'This follow-up is not due yet' },
  'follow-up-already-answered': { fault: 'request', title: 'This follow-up was already answered' },
  'unknown-did': { fault: 'request', title: 'Unknown DID' },
  'rate-limited': { fault: 'request', title: 'Too many requests' },
  'invalid-csv': { fault: 'request', title: 'The CSV file cannot be read' },
  'idempotency-key-reused': {
    fault: 'request',
    title: 'This Idempotency-Key was used for a different request',
  },
  'idempotency-key-in-flight': {
    fault: 'request',
    title: 'A request with this Idempotency-Key is still being processed',
  },
  'database-unavailable': { fault: 'service', title: 'The database is unavailable' },
  overloaded: { fault: 'service', title: 'The service is overloaded; retry shortly' },
  internal: { fault: 'service', title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class SkillPassError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERROR_CATALOGUE[code].title);
    this.name = 'SkillPassError';
    this.code = code;
    this.details = details;
  }

  /** the request's fault (bad input, no right, nothing there), not the service's */
  get byRequest(): boolean {
    return ERROR_CATALOGUE[this.code].fault === 'request';
  }
}

export const isSkillPassError = (e: unknown): e is SkillPassError => e instanceof SkillPassError;
