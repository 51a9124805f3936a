import { describe, expect, it } from 'vitest';
import {
  qrFitness,
  qrTextFor,
  QR_VERSION_WARN_ABOVE,
} from '../../../src/services/issuance/certificate-qr.js';
import type { Formats } from '../../../src/services/format-ports.js';
import { isSkillPassError } from '../../../src/domain/errors.js';

/**
 * What a certificate's QR code holds (src/services/issuance/certificate-qr.ts), with stand-in QR
 * and payload codecs whose capacity is set by the test (the real ones: test/http/qr-codes.test.ts).
 */
const formats = (capacity: number): Pick<Formats, 'qr' | 'payloads'> =>
  ({
    qr: {
      version: (text: string) => {
        if (text.length > capacity) throw new Error('too long for a QR code');
        return Math.max(1, Math.ceil(text.length / 10));
      },
    },
    payloads: { encode: (s: string) => `SKP1:${s.length}`, decode: () => '' },
  }) as unknown as Pick<Formats, 'qr' | 'payloads'>;
const url = 'https://hub.example/v/abc';

describe('certificate QR codes', () => {
  it('a url code holds the verification URL, whatever the credential', () => {
    for (const qr of [undefined, 'url'] as const)
      expect(qrTextFor(formats(1000), url, { format: 'di', serialized: '{"a":1}', qr })).toBe(url);
  });

  it('a credential code holds a JWT as it is when it fits, otherwise (and always for JSON) the SKP1 payload', () => {
    const jwt = 'x'.repeat(100);
    expect(qrTextFor(formats(1000), url, { format: 'vc+jwt', serialized: jwt, qr: 'credential' })).toBe(jwt);
    expect(qrTextFor(formats(50), url, { format: 'vc+jwt', serialized: jwt, qr: 'credential' })).toBe(
      'SKP1:100',
    );
    expect(qrTextFor(formats(1000), url, { format: 'di', serialized: '{"a":1}', qr: 'credential' })).toBe(
      'SKP1:7',
    );
  });

  it('warns above the version phones read well, and refuses a text no QR code holds', () => {
    const limit = QR_VERSION_WARN_ABOVE * 10;
    expect(qrFitness(formats(1000), 'x'.repeat(limit), 'url')).toEqual({
      version: QR_VERSION_WARN_ABOVE,
      warnings: [],
    });
    const dense = qrFitness(formats(1000), 'x'.repeat(limit + 1), 'credential');
    expect(dense.version).toBe(QR_VERSION_WARN_ABOVE + 1);
    expect(dense.warnings).toHaveLength(1);
    expect(dense.warnings[0]).toContain('whole credential');
    let caught: unknown;
    try {
      qrFitness(formats(10), 'x'.repeat(11), 'credential');
    } catch (err) {
      caught = err;
    }
    expect(isSkillPassError(caught) && caught.code).toBe('invalid-credential-request');
    expect(isSkillPassError(caught) && caught.details).toEqual({ field: 'qr' });
  });
});
