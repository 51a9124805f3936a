import type { FastifyInstance } from 'fastify';
import { SkillPassError } from '../../domain/errors.js';
import type { HubContext } from '../../services/hub-context.js';

/** a certificate PDF this hub prints is 30-60 KB; a phone's "print to PDF" of it a few hundred */
export const PDF_UPLOAD_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * POST /scan/pdf: the scanner page's "check a file" with a certificate PDF. The hub reads the
 * QR code back from the PDF (the formats port; src/adapters/pdf/pdf-qr-reader.ts) and answers what it holds;
 * the page then checks that with POST /verifications like any scanned code, so a PDF is
 * judged exactly as its printed QR code would be. Done on the server, not in the page: the
 * page stays small (no PDF library on a phone), and one tested reader serves every client.
 */
export function scanRoutes(ctx: HubContext) {
  return async (app: FastifyInstance) => {
    app.addContentTypeParser(
      'application/pdf',
      { parseAs: 'buffer', bodyLimit: PDF_UPLOAD_LIMIT_BYTES },
      (_req, body, done) => done(null, body),
    );
    app.post(
      '/scan/pdf',
      {
        bodyLimit: PDF_UPLOAD_LIMIT_BYTES,
        schema: {
          tags: ['verification'],
          summary: 'The QR code (or verification URL) in a certificate PDF (body: the PDF, application/pdf)',
          response: {
            200: {
              type: 'object',
              required: ['payload', 'source'],
              properties: {
                payload: {
                  type: 'string',
                  description: 'what the QR code holds: a verification URL or an SKP1 code',
                },
                source: { type: 'string', enum: ['qr', 'url'] },
              },
            },
          },
        },
      },
      async (req) => {
        if (!Buffer.isBuffer(req.body))
          throw new SkillPassError('unsupported-media-type', 'Send the PDF itself, as application/pdf.');
        return ctx.formats.pdfQr(req.body);
      },
    );
  };
}
