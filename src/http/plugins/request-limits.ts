import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../domain/errors.js';
import { problemBody, sendProblem } from './problem-errors.js';

/**
 * What fastify and Node refuse before a route runs, answered as application/problem+json with a
 * stable code like every other refusal (fastify's defaults are plain JSON without one):
 * a URL that cannot be decoded (400 `bad-url`), a path parameter over fastify's maxParamLength
 * or a URL over MAX_URL_LENGTH (414 `uri-too-long`, RFC 9110 section 15.5.15), and on the socket,
 * headers over Node's limit (431 `headers-too-large`, RFC 6585 section 5), a request too slow to
 * arrive (408) or not HTTP at all (400 `malformed-request`).
 */
export const MAX_URL_LENGTH = 8 * 1024;

/** Fastify's `frameworkErrors` option: router errors raised before any route or hook. */
export function frameworkErrors(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const code: ErrorCode =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'uri-too-long'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'bad-url'
        : 'malformed-request';
  const path = String(req.raw.url ?? '');
  void sendProblem(
    reply,
    code,
    code === 'uri-too-long'
      ? `The URL is too long (${path.length} characters).`
      : 'The URL cannot be decoded.',
  );
}

/** Fastify's `clientErrorHandler` option: Node's parser refused the request, so this writes to the socket itself. */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ErrorCode =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 'headers-too-large'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request-timeout'
        : 'malformed-request';
  const body = JSON.stringify(problemBody(code));
  const { status } = problemBody(code);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

/** A URL (path and query) longer than MAX_URL_LENGTH is refused before anything reads it; no route needs one. */
export function registerUrlLimit(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.length > MAX_URL_LENGTH)
      return sendProblem(
        reply,
        'uri-too-long',
        `The URL is ${req.url.length} characters long; at most ${MAX_URL_LENGTH} are read.`,
      );
    return undefined;
  });
}
