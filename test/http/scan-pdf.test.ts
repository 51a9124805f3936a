import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { bareId, issueValid } from '../helpers/certificates.js';
import { decodePng } from '../helpers/qr-decode.js';

const pdfHeaders = { 'content-type': 'application/pdf' };

/** A minimal PDF with one content stream (Flate-compressed) and optional extra objects. */
const tinyPdf = (content: string, extra = '') => {
  const z = deflateSync(Buffer.from(content, 'latin1'));
  return Buffer.concat([
    Buffer.from(`%PDF-1.4\n1 0 obj <</Length ${z.length} /Filter /FlateDecode>>\nstream\n`, 'latin1'),
    z,
    Buffer.from(`\nendstream\nendobj\n${extra}\n%%EOF\n`, 'latin1'),
  ]);
};

/**
 * POST /scan/pdf: the scanner's "check a file" with a certificate PDF. The QR code is read back
 * from the hub's own printable PDF, whatever it holds; junk is a clear 4xx, never a 5xx.
 */
describe('POST /scan/pdf', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });
  const upload = (payload: Buffer | string, headers: Record<string, string> = pdfHeaders) =>
    hub.app.inject({ method: 'POST', url: '/scan/pdf', headers, payload });

  it("reads the QR code of the hub's printable certificate: the verification URL, or the whole credential (SKP1)", async () => {
    for (const qr of ['url', 'credential'] as const) {
      const issued = await issueValid(hub, { qr });
      const id = bareId(issued.id);
      const expected = decodePng((await hub.app.inject({ url: `/certificates/${id}/qr.png` })).rawPayload);
      for (const lang of ['km', 'my']) {
        const pdf = (await hub.app.inject({ url: `/certificates/${id}/certificate.pdf?lang=${lang}` }))
          .rawPayload;
        const res = await upload(pdf);
        expect(res.statusCode, `${qr} ${lang}`).toBe(200);
        expect(res.json()).toEqual({ payload: expected, source: 'qr' });
      }
      if (qr === 'url') expect(expected).toBe(issued.verifyUrl);
      else expect(expected).toMatch(/^SKP1:/);
    }
  });

  it('falls back to a verification URL written in the file (a link annotation) when no QR code is drawn', async () => {
    const url = 'https://hub.example/v/6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
    const res = await upload(
      tinyPdf(
        'BT /F1 12 Tf (Hello) Tj ET',
        `2 0 obj <</Type /Annot /Subtype /Link /A <</S /URI /URI (${url})>> >>\nendobj`,
      ),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ payload: url, source: 'url' });
  });

  it('reads every stream: a code drawn in the second of two compressed streams is found too', async () => {
    // "endstream\n" itself ends in "stream\n": a reader that resumed inside it read the next stream raw
    const first = deflateSync(Buffer.from('BT /F1 12 Tf (cover page) Tj ET', 'latin1'));
    const url = 'https://hub.example/v/6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
    const second = deflateSync(Buffer.from(`BT /F1 12 Tf (${url}) Tj ET`, 'latin1'));
    const twoStreams = Buffer.concat([
      Buffer.from('%PDF-1.4\n1 0 obj <</Filter /FlateDecode>>\nstream\n'),
      first,
      Buffer.from('\nendstream\nendobj\n2 0 obj <</Filter /FlateDecode>>\nstream\n'),
      second,
      Buffer.from('\nendstream\nendobj\n%%EOF\n'),
    ]);
    const res = await upload(twoStreams);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ payload: url, source: 'url' });
  });

  it('stops reading a file of megabytes of drawing operators early, with a clear refusal', async () => {
    // under the upload limit and the rectangle limit, but far more content than a certificate
    const numbers = Array.from({ length: 120_000 }, (_, i) => `${i % 97} ${i % 89} m`).join('\n');
    const streamsOf = Array.from({ length: 8 }, () =>
      Buffer.concat([
        Buffer.from('1 0 obj <</Filter /FlateDecode>>\nstream\n'),
        deflateSync(Buffer.from(numbers, 'latin1')),
        Buffer.from('\nendstream\nendobj\n'),
      ]),
    );
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), ...streamsOf]);
    expect(big.length).toBeLessThan(4 * 1024 * 1024);
    const res = await upload(big);
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('The PDF holds more content than a certificate.');
  });

  it('refuses what is not a certificate PDF with a 4xx problem, never a 5xx', async () => {
    const junk: [string, Buffer | string, number][] = [
      ['empty', Buffer.alloc(0), 400],
      ['not a PDF', Buffer.from('GIF89a....'), 400],
      ['random bytes', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)), 400],
      ['a PDF without a code', tinyPdf('0 0 10 10 re f'), 400],
      [
        'a damaged stream',
        Buffer.from(
          '%PDF-1.7\n1 0 obj <</Filter /FlateDecode>>\nstream\nx\x9c\xff\xff\xffgarbage\nendstream',
        ),
        400,
      ],
      ['no endstream', Buffer.from('%PDF-1.7\nstream\n' + 'a'.repeat(1000)), 400],
      [
        'many rectangles but no code',
        tinyPdf(
          Array.from({ length: 500 }, (_, i) => `${i % 40} ${Math.floor(i / 40)} 1 1 re`).join(' ') + ' f',
        ),
        400,
      ],
      ['too many rectangles', tinyPdf('0 0 1 1 re '.repeat(50_000) + 'f'), 400],
      ['too large', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4 * 1024 * 1024 + 10, 32)]), 413],
    ];
    for (const [what, body, status] of junk) {
      const res = await upload(body);
      expect(res.statusCode, what).toBe(status);
      expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
      expect(res.json().code, what).toBeTypeOf('string');
    }
    // a zip bomb: a stream that inflates far beyond a certificate
    const bomb = Buffer.concat([
      Buffer.from('%PDF-1.4\n1 0 obj <</Filter /FlateDecode>>\nstream\n'),
      deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 }),
      Buffer.from('\nendstream\nendobj\n'),
      Buffer.from('1 0 obj <</Filter /FlateDecode>>\nstream\n'),
      deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 }),
      Buffer.from('\nendstream\nendobj\n'),
      Buffer.from('1 0 obj <</Filter /FlateDecode>>\nstream\n'),
      deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 }),
      Buffer.from('\nendstream\nendobj\n'),
      Buffer.from('1 0 obj <</Filter /FlateDecode>>\nstream\n'),
      deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 }),
      Buffer.from('\nendstream\nendobj\n'),
    ]);
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const res = await upload(bomb);
    expect(res.statusCode).toBe(400);
    // another content type: 415
    const json = await upload(JSON.stringify({ a: 1 }), { 'content-type': 'application/json' });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
    const text = await upload('hello', { 'content-type': 'text/plain' });
    expect(text.statusCode).toBe(415);
  });
});
