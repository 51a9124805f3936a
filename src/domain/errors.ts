/**
 * Typed errors with stable codes. The HTTP layer maps each to an
 * `application/problem+json` answer (RFC 9457); programs match on `code`,
 * people read `message`. Codes never change once published.
 */
export const ERROR_CATALOGUE = {
  'validation-failed': { status: 400, title: 'The request body is not valid' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'body-too-large': { status: 413, title: 'The request body is too large' },
  'too-deep': { status: 400, title: 'The JSON nests arrays and objects too deeply' },
  'too-large': { status: 413, title: 'A JSON document inside the request is too large' },
  'nul-character': { status: 400, title: 'The JSON holds a NUL character (\\u0000)' },
  'forbidden-key': { status: 400, title: 'The JSON has a key named after a built-in property (__proto__, constructor, toString ...)' },
  'uri-too-long': { status: 414, title: 'The URL is too long' },
  'bad-url': { status: 400, title: 'The URL cannot be read' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  'request-timeout': { status: 408, title: 'The request took too long to arrive' },
  'malformed-request': { status: 400, title: 'The request cannot be read as HTTP' },
  'unauthenticated': { status: 401, title: 'A valid bearer token is required' },
  'forbidden': { status: 403, title: 'This token may not do that' },
  'not-accredited': { status: 403, title: 'The testing centre is not accredited for this qualification on this date' },
  'unknown-qualification': { status: 400, title: 'Unknown qualification code' },
  'unknown-framework': { status: 400, title: 'Unknown qualifications framework' },
  'level-not-referenced': { status: 400, title: 'The national level has no AQRF referencing in force' },
  'not-found': { status: 404, title: 'Not found' },
  'conflict': { status: 409, title: 'It already exists' },
  'invalid-credential-request': { status: 400, title: 'The credential cannot be issued as sent' },
  'unknown-did': { status: 404, title: 'Unknown DID' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'invalid-csv': { status: 400, title: 'The CSV file cannot be read' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was used for a different request' },
  'idempotency-key-in-flight': { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  'database-unavailable': { status: 503, title: 'The database is unavailable' },
  'overloaded': { status: 503, title: 'The service is overloaded; retry shortly' },
  'internal': { status: 500, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class SkillPassError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERROR_CATALOGUE[code].title);
    this.name = 'SkillPassError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = details;
  }
}

export const isSkillPassError = (e: unknown): e is SkillPassError => e instanceof SkillPassError;
