import { describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { qrVersion } from '../../src/adapters/qr/qr-code.js';

/** qrVersion sizes a code without drawing it: it must pick the version QRCode.create draws. */
describe('qrVersion', () => {
  it('matches QRCode.create on URLs, digits, mixed text, non-Latin text and long payloads', () => {
    const texts = [
      'a', '0123456789', 'HTTPS://HUB.EXAMPLE/V/ABC',
      ...Array.from({ length: 30 }, () => `http://127.0.0.1:3999/v/urn:uuid:${randomUUID()}`),
      'សុខ ដារា ជាងឥដ្ឋ', 'ช่างก่ออิฐ ระดับ 1',
      ...[100, 500, 1200, 2000, 2300].map((n) => `SKP1:${randomBytes(n).toString('base64url').toUpperCase().slice(0, n)}`),
      ...[300, 900, 1700].map((n) => randomBytes(n).toString('base64')),
    ];
    for (const text of texts) expect(qrVersion(text), text.slice(0, 40)).toBe(QRCode.create(text, { errorCorrectionLevel: 'M' }).version);
  });

  it('throws, as QRCode.create does, when the text fits in no version', () => {
    const tooBig = randomBytes(3000).toString('base64');
    expect(() => QRCode.create(tooBig, { errorCorrectionLevel: 'M' })).toThrow();
    expect(() => qrVersion(tooBig)).toThrow(/too big/);
    expect(() => qrVersion('')).toThrow();
  });
});
