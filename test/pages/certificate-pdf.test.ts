import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { bareId, issueRevoked, issueSuspended, issueValid } from '../helpers/certificates.js';
import { decodePng } from '../helpers/qr-decode.js';
import { decodeCredentialPayload } from '../../src/adapters/qr/credential-payload.js';
import { catalogue, translator } from '../../src/http/pages/i18n.js';

const T = catalogue();
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/**
 * The printable certificate, read back the way a person or a machine would: its text with
 * pdftotext, its page as a picture with pdftoppm (poppler-utils; .ci/run installs it),
 * and the QR code on that picture decoded.
 */
describe('GET /certificates/:id/certificate.pdf', () => {
  let hub: TestHub;
  let dir: string;
  beforeAll(async () => {
    hub = await startTestHub();
    dir = mkdtempSync(join(tmpdir(), 'skillpass-pdf-'));
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fetchPdf = async (id: string, query: string) => {
    const res = await hub.app.inject({ url: `/certificates/${bareId(id)}/certificate.pdf${query}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = join(dir, `${bareId(id)}${query.replace(/\W/g, '_')}.pdf`);
    writeFileSync(file, res.rawPayload);
    return file;
  };
  const pdfText = (file: string) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const pageImage = (file: string, name: string, dpi = 150) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', '-f', '1', file, join(dir, name)]);
    const png = readFileSync(join(dir, `${name}.png`));
    writeFileSync(join(ARTIFACTS, `${name}.png`), png);
    return png;
  };

  it.each([
    ['km', 'th'],
    ['my', 'en'],
    ['lo', 'km'],
  ] as const)(
    'in %s and %s: every script as written (complex shaping), one A4 page, the QR code opens the verification page',
    async (lang, lang2) => {
      const issued = await issueValid(hub);
      const file = await fetchPdf(issued.id, `?lang=${lang}&lang2=${lang2}`);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+1/);
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
      expect(fonts).toMatch(/NotoSans/);
      expect(
        fonts
          .split('\n')
          .filter((l) => /Noto/.test(l))
          .every((l) => / yes +yes +yes /.test(l)),
      ).toBe(true); // embedded, subset, with ToUnicode
      const text = pdfText(file);
      for (const l of [lang, lang2]) {
        expect(text).toContain(T[l].texts['pdf.title']);
        expect(text).toContain(T[l].texts['aqrf.1']);
        expect(text).toContain(T[l].texts['pdf.scan']);
      }
      expect(text).toContain('Sok Dara');
      expect(text).toContain('TH-BRICK-1');
      expect(text).toContain('Demo National Technical Training Institute (Phnom Penh)');
      expect(text).toContain(issued.verifyUrl);
      if (lang === 'km' || lang2 === 'km') expect(text).toContain('ជាងរៀបឥដ្ឋ កម្រិត ១');
      if (lang2 === 'th') expect(text).toContain('ช่างก่ออิฐ ระดับ 1');
      expect(decodePng(pageImage(file, `certificate-${lang}-${lang2}`))).toBe(issued.verifyUrl);
    },
  );

  it('defaults to the assessment language and English', async () => {
    const issued = await issueValid(hub);
    const text = pdfText(await fetchPdf(issued.id, ''));
    expect(text).toContain(T.km.texts['pdf.title']);
    expect(text).toContain(T.en.texts['pdf.title']);
  });

  it('prints the whole credential in the QR code when the centre chose so; it decodes from the printed page', async () => {
    const issued = await issueValid(hub, { qr: 'credential' });
    const file = await fetchPdf(issued.id, '?lang=th&lang2=en');
    const qr = decodePng(pageImage(file, 'certificate-credential-qr', 200));
    expect(decodeCredentialPayload(qr)).toEqual(issued.credential);
  });

  it.each([
    ['revoked', 'km', 'en'],
    ['suspended', 'th', 'en'],
    ['revoked', 'en', 'en'],
  ] as const)(
    "a %s certificate prints with the mark in the reader's languages and the date, never clean (%s, %s)",
    async (state, lang, lang2) => {
      const make = state === 'revoked' ? issueRevoked : issueSuspended;
      hub.clock.set('2026-11-22T08:00:00Z');
      const issued = await make(hub);
      const file = await fetchPdf(issued.id, `?lang=${lang}&lang2=${lang2}`);
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1/);
      const text = pdfText(file);
      for (const l of new Set([lang, lang2])) {
        expect(text).toContain(T[l].texts[`pdf.stamp.${state}`]);
        expect(text).toContain(
          T[l].texts[`state.${state}.since`]!.replace('{date}', translator(l).date('2026-11-22T08:00:00Z')),
        );
      }
      expect(text).toContain(T[lang].texts['pdf.stamp.note']);
      pageImage(file, `certificate-${state}-${lang}`);
      // a valid certificate carries no mark
      const clean = pdfText(await fetchPdf((await issueValid(hub)).id, `?lang=${lang}&lang2=${lang2}`));
      expect(clean).not.toContain(T[lang].texts[`pdf.stamp.${state}`]);
      expect(clean).not.toContain(T[lang].texts['pdf.stamp.note']);
    },
  );

  it('an unknown certificate is a 404 problem', async () => {
    const res = await hub.app.inject({
      url: '/certificates/00000000-0000-4000-8000-000000000000/certificate.pdf',
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
