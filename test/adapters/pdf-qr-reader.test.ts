import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { createProofPool, inlineProofRunner } from '../../src/adapters/crypto/workers/proof-pool.js';
import { SkillPassError } from '../../src/domain/errors.js';

/**
 * The PDF read of POST /scan/pdf runs on the proof worker threads (tens to hundreds of
 * milliseconds of parsing and QR decoding off the event loop); its answer and its refusals
 * come back exactly as the inline read gives them (test/http/scan-pdf.test.ts covers the read).
 */
const url = 'https://hub.example/v/6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const pdfWith = (content: string) =>
  Buffer.concat([
    Buffer.from('%PDF-1.4\n1 0 obj <</Filter /FlateDecode>>\nstream\n'),
    deflateSync(Buffer.from(content, 'latin1')),
    Buffer.from('\nendstream\nendobj\n%%EOF\n'),
  ]);

describe('reading a certificate PDF on a worker thread', () => {
  it('answers as the inline read does, and a refusal is the same SkillPassError (code and message)', async () => {
    const pool = createProofPool(1);
    try {
      for (const runner of [inlineProofRunner, pool]) {
        expect(await runner.readPdfQr(pdfWith(`BT (${url}) Tj ET`))).toEqual({ payload: url, source: 'url' });
        const refusal = await runner.readPdfQr(pdfWith('0 0 10 10 re f')).catch((e: unknown) => e);
        expect(refusal).toBeInstanceOf(SkillPassError);
        expect(refusal).toMatchObject({
          code: 'validation-failed',
          message: 'No SkillPass QR code or verification address was found in this PDF.',
        });
      }
    } finally {
      await pool.close();
    }
  });
});
