import { describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { qrVersion, qrVersionBounds } from '../../src/adapters/qr/qr-code.js';

/** qrVersion sizes a code without drawing it: it must pick the version QRCode.create draws. */
const createVersion = (text: string) => QRCode.create(text, { errorCorrectionLevel: 'M' }).version;

/** A fixed stream of UUID-shaped strings (a tiny LCG), so the checks below are the same on every run. */
function uuids(n: number, seed = 7): string[] {
  let x = seed;
  const hex = () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return (x >> 8) & 15;
  };
  const part = (k: number) => Array.from({ length: k }, () => hex().toString(16)).join('');
  return Array.from({ length: n }, () => `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`);
}

describe('qrVersion', () => {
  it('bounds the version QRCode.create picks, and for verification URLs the bounds mostly meet', () => {
    const origins = [
      'http://127.0.0.1:3999',
      'https://skillpass.example.org',
      'HTTPS://HUB.EXAMPLE',
      'https://hub.example:8443/skillpass',
    ];
    let decided = 0;
    let total = 0;
    for (const origin of origins) {
      for (const id of uuids(150)) {
        const text = `${origin}/v/${id}`;
        const v = createVersion(text);
        const { lower, upper } = qrVersionBounds(text);
        expect(lower, text).toBeLessThanOrEqual(v);
        expect(upper, text).toBeGreaterThanOrEqual(v);
        expect(qrVersion(text), text).toBe(v);
        total++;
        if (lower === upper) decided++;
      }
    }
    expect(decided / total).toBeGreaterThan(0.5);
  });

  it('matches QRCode.create on digit runs, uppercase runs and mixed classes around the count-width versions 9/10 and 26/27', () => {
    const pieces = ['0123456789', 'ABCDEFGHIJ', 'abcdefghij', ' $%*+-./:', 'ก', 'ខ្មែរ', '😀', '12', 'Z9'];
    let x = 11;
    const next = (n: number) => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return (x >> 8) % n;
    };
    for (let i = 0; i < 400; i++) {
      let text = '';
      const target = [10, 60, 150, 230, 330, 600, 1100, 1500, 2200][next(9)]!;
      while (text.length < target) text += pieces[next(pieces.length)]!.repeat(1 + next(12));
      let v: number | undefined;
      try {
        v = createVersion(text);
      } catch {
        v = undefined;
      }
      if (v === undefined) {
        expect(() => qrVersion(text)).toThrow();
        continue;
      }
      const { lower, upper } = qrVersionBounds(text);
      expect(lower).toBeLessThanOrEqual(v);
      expect(upper ?? 40).toBeGreaterThanOrEqual(v);
      expect(qrVersion(text), text.slice(0, 50)).toBe(v);
    }
  });

  it('matches QRCode.create on URLs, digits, mixed text, non-Latin text and long payloads', () => {
    const texts = [
      'a',
      '0123456789',
      'HTTPS://HUB.EXAMPLE/V/ABC',
      ...Array.from({ length: 30 }, () => `http://127.0.0.1:3999/v/urn:uuid:${randomUUID()}`),
      'សុខ ដារា ជាងឥដ្ឋ',
      'ช่างก่ออิฐ ระดับ 1',
      ...[100, 500, 1200, 2000, 2300].map(
        (n) => `SKP1:${randomBytes(n).toString('base64url').toUpperCase().slice(0, n)}`,
      ),
      ...[300, 900, 1700].map((n) => randomBytes(n).toString('base64')),
    ];
    for (const text of texts)
      expect(qrVersion(text), text.slice(0, 40)).toBe(
        QRCode.create(text, { errorCorrectionLevel: 'M' }).version,
      );
  });

  it('throws, as QRCode.create does, when the text fits in no version', () => {
    const tooBig = randomBytes(3000).toString('base64');
    expect(() => QRCode.create(tooBig, { errorCorrectionLevel: 'M' })).toThrow();
    expect(() => qrVersion(tooBig)).toThrow(/too big/);
    expect(() => qrVersion('')).toThrow();
  });
});
