import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ERROR_CATALOGUE, type ErrorCode, isSkillPassError } from '../../domain/errors.js';
import { PROBLEM_STATUS } from './problem-status.js';

/**
 * Maps every error to `application/problem+json` (RFC 9457) with a stable `code`.
 * Bad input is always a precise 4xx; only a real fault is a 500, and its details stay in the log.
 */
export function problemBody(
  code: ErrorCode,
  detail?: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> & { status: number } {
  const { title } = ERROR_CATALOGUE[code];
  const status = PROBLEM_STATUS[code];
  return {
    type: `https://skillpass.dev/problems/${code}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail?: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  const body = problemBody(code, detail, extra);
  // back-pressure: a full proof queue is a 503 the client may retry shortly, never an unbounded wait
  if (code === 'overloaded') reply.header('retry-after', '1');
  return reply.code(body.status).type('application/problem+json').send(body);
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation-failed',
};

export function registerProblemErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isSkillPassError(error))
      return sendProblem(reply, error.code, error.message, error.details ? { details: error.details } : {});
    if (error.validation) {
      const errors = error.validation.map((v) => ({
        field: `${error.validationContext ?? 'body'}${v.instancePath}`,
        message: v.message,
        keyword: v.keyword,
        params: v.params,
      }));
      const first = errors[0];
      return sendProblem(
        reply,
        'validation-failed',
        first ? `${first.field}: ${first.message}` : error.message,
        { errors },
      );
    }
    const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (mapped) return sendProblem(reply, mapped, error.message);
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message)))
      return sendProblem(reply, 'malformed-json', 'The body is not valid JSON.');
    if (error.statusCode === 429) return sendProblem(reply, 'rate-limited', error.message);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .type('application/problem+json')
        .send({
          type: 'about:blank',
          title: error.message,
          status: error.statusCode,
          code: (error.code ?? 'bad-request').toLowerCase(),
        });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, 'internal', 'Something went wrong on our side; it has been logged.');
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 'not-found', `No route ${request.method} ${request.url.split('?')[0]}.`),
  );
}
