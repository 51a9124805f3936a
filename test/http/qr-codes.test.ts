import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { bareId, issueValid } from '../helpers/certificates.js';
import { decodePng, decodeSvg } from '../helpers/qr-decode.js';
import { base45Decode, base45Encode } from '../../src/domain/base45.js';
import {
  decodeCredentialPayload,
  encodeCredentialPayload,
} from '../../src/adapters/qr/credential-payload.js';

/** Every QR code the service produces decodes (PNG and SVG) to what it should hold. */
describe('certificate QR codes', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  const qrTexts = async (id: string) => {
    const svg = await hub.app.inject({ url: `/certificates/${bareId(id)}/qr.svg` });
    const png = await hub.app.inject({ url: `/certificates/${bareId(id)}/qr.png` });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(png.headers['content-type']).toBe('image/png');
    return { svg: decodeSvg(svg.body), png: decodePng(png.rawPayload) };
  };

  it('hold the verification URL by default (both formats), a small QR version, no warnings', async () => {
    for (const format of ['di', 'vc+jwt']) {
      const issued = await issueValid(hub, { format });
      expect(issued.qr.content).toBe('url');
      expect(issued.qr.version).toBeLessThanOrEqual(5);
      expect(issued.warnings).toEqual([]);
      const { svg, png } = await qrTexts(issued.id);
      expect(svg).toBe(issued.verifyUrl);
      expect(png).toBe(issued.verifyUrl);
    }
  });

  it('hold the whole Data Integrity credential as SKP1 (base45, deflated) when the centre asks; it verifies from the code alone', async () => {
    const issued = await issueValid(hub, { qr: 'credential' });
    expect(issued.qr.content).toBe('credential');
    const { svg, png } = await qrTexts(issued.id);
    expect(png).toBe(svg);
    expect(png.startsWith('SKP1:')).toBe(true);
    expect(png).toMatch(/^[0-9A-Z $%*+\-./:]+$/); // QR alphanumeric mode
    expect(decodeCredentialPayload(png)).toEqual(issued.credential);
    expect((await verify(hub, { credential: png })).outcome).toBe('valid');
    // above QR version 25 phones read it poorly: the 201 answer says so
    expect(issued.qr.version).toBeGreaterThan(25);
    expect(issued.warnings.join(' ')).toMatch(/version \d+ .*phones read it poorly/);
  });

  it('hold a JWT credential as SKP1 too when the JWT itself is too large for a QR code', async () => {
    const issued = await issueValid(hub, { format: 'vc+jwt', qr: 'credential' });
    const { png, svg } = await qrTexts(issued.id);
    expect(svg).toBe(png);
    expect(decodeCredentialPayload(png)).toBe(issued.credential);
    const result = await verify(hub, { credential: png });
    expect(result.outcome).toBe('valid');
    expect((result as unknown as { credential: { format: string } }).credential.format).toBe('vc+jwt');
  });

  it("keep the centre's choice: the stored certificate still gives a credential QR code later", async () => {
    const issued = await issueValid(hub, { qr: 'credential' });
    const record = await hub.ctx.store.repos.certificates.get(issued.id);
    expect(record?.qr).toBe('credential');
    const plain = await issueValid(hub);
    expect((await hub.ctx.store.repos.certificates.get(plain.id))?.qr ?? 'url').toBe('url');
  });

  it('refuses an unknown qr choice', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/certificates',
      headers: { authorization: `Bearer ${hub.tokens.khNtti}` },
      payload: {
        qualification: 'TH-BRICK-1',
        holder: { name: 'A', birthDate: '1990-01-01' },
        assessment: { date: '2026-11-18', language: 'km', result: 'competent' },
        qr: 'both',
      },
    });
    expect(res.statusCode).toBe(400);
  });

  it('a damaged SKP1 text is "not well-formed", not an error', async () => {
    const issued = await issueValid(hub, { qr: 'credential' });
    const text = decodePng(
      (await hub.app.inject({ url: `/certificates/${bareId(issued.id)}/qr.png` })).rawPayload,
    );
    const result = await verify(hub, { credential: text.slice(0, -30) });
    expect(result.outcome).toBe('invalid');
    expect(result.checks[0]).toMatchObject({ id: 'well-formed', code: 'malformed-qr-payload' });
    // an altered credential inside a valid SKP1 wrapper fails its proof
    const doc = decodeCredentialPayload(text) as Record<string, unknown>;
    const forged = encodeCredentialPayload(
      JSON.stringify({
        ...doc,
        credentialSubject: { ...(doc.credentialSubject as object), name: 'Someone Else' },
      }),
    );
    expect((await verify(hub, { credential: forged })).checks[1]).toMatchObject({
      id: 'proof',
      outcome: 'invalid',
    });
  });
});

describe('base45 (RFC 9285)', () => {
  it('matches the RFC examples and round-trips any bytes', () => {
    expect(base45Encode(Buffer.from('AB'))).toBe('BB8');
    expect(base45Encode(Buffer.from('Hello!!'))).toBe('%69 VD92EX0');
    expect(base45Encode(Buffer.from('base-45'))).toBe('UJCLQE7W581');
    expect(Buffer.from(base45Decode('QED8WEX0')).toString()).toBe('ietf!');
    const bytes = Uint8Array.from({ length: 257 }, (_, i) => (i * 37) % 256);
    expect(base45Decode(base45Encode(bytes))).toEqual(bytes);
    expect(() => base45Decode('GGW')).toThrow(); // 65536 > 0xffff
    expect(() => base45Decode('A')).toThrow();
  });
});
