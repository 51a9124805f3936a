import PDFDocument from 'pdfkit';
import type { CertificateView } from '../../services/verification/certificate-view.js';
import { titleIn } from '../../services/verification/certificate-view.js';
import type { Formats, QrMatrix } from '../../services/format-ports.js';
import type { Translator } from './i18n.js';
import { revealHidden } from '../../domain/hidden-characters.js';

/**
 * The printable A4 certificate: in the worker's language and the destination country's
 * language (the same text twice when both are one), with the QR code, the qualification,
 * its AQRF level, the testing centre and the dates. Fonts are embedded for every script.
 */
export interface CertificatePdfInput {
  view: CertificateView;
  tr: Translator;
  tr2: Translator;
  qrText: string;
  verifyUrl: string;
  printedAt: string;
  /**
   * the worker's wallet offer (an `openid-credential-offer://` URI), for a PDF made for the worker
   * (a cohort's result): a second, smaller code "Add to your wallet". Never the PIN: the printed
   * certificate is shown to employers; the PIN travels separately.
   */
  walletOffer?: string;
}

const A4 = { w: 595.28, h: 841.89 };
const INK = '#111111';
const MUTED = '#444444';
const ACCENT = '#0b4ea2';
const STAMP_RED = '#a4161a';
const STAMP_AMBER = '#8a5a00';

export async function renderCertificatePdf(
  input: CertificatePdfInput,
  formats: Pick<Formats, 'pdfText' | 'qr'>,
): Promise<Buffer> {
  const { view, tr, tr2, qrText, verifyUrl, printedAt } = input;
  const c = view.result.credential;
  const two = tr2.lang !== tr.lang;
  // any invisible or direction-changing character printed as [U+202E] (the fonts have no ⟨⟩): ../../domain/hidden-characters.ts
  const holderName = revealHidden(c?.holderName ?? '', ['[', ']']).text;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    info: {
      Title: `${tr.t('pdf.title')} – ${holderName}`,
      Author: view.centre?.name ?? c?.issuerName ?? 'SkillPass',
      Creator: 'SkillPass',
    },
    lang: tr.lang,
  } as never);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const text = await formats.pdfText(doc);

  const margin = 48;
  const inner = A4.w - 2 * margin;
  doc
    .lineWidth(3)
    .strokeColor(ACCENT)
    .rect(20, 20, A4.w - 40, A4.h - 40)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(27, 27, A4.w - 54, A4.h - 54)
    .stroke();

  const both = (key: string, vars?: Record<string, string | number>) =>
    two ? [tr.t(key, vars), tr2.t(key, vars)] : [tr.t(key, vars)];
  const centred = (
    s: string,
    y: number,
    size: number,
    opts: { bold?: boolean; color?: string; lang?: string } = {},
  ) => text.paragraph(s, margin, y, { size, width: inner, align: 'center', ...opts });

  let y = 44;
  text.line('SkillPass', margin, y + 10, { size: 9, color: MUTED, bold: true });
  text.line(c?.id ?? '', margin, y + 10, { size: 8, color: MUTED, align: 'right', width: inner });
  y += 18;
  y = centred(tr.t('pdf.title'), y, 26, { bold: true, color: ACCENT, lang: tr.lang });
  if (two) y = centred(tr2.t('pdf.title'), y + 2, 15, { color: ACCENT, lang: tr2.lang });
  y += 8;
  y = centred(both('pdf.certifies').join('  ·  '), y, 11, { color: MUTED });
  y = centred(holderName, y, 28, { bold: true });
  // the name in Latin letters too, so a reader of another script can read it (README "The credential")
  if (c?.holderNameLatin)
    y = centred(revealHidden(c.holderNameLatin, ['[', ']']).text, y, 14, { color: MUTED });
  y = centred(both('pdf.competent').join('  ·  '), y + 2, 11, { color: MUTED });
  const t1 = titleIn(view, tr.lang);
  const t2 = titleIn(view, tr2.lang);
  y = centred(t1?.text ?? c?.qualification ?? '', y + 2, 20, { bold: true, lang: t1?.lang ?? 'en' });
  if (two && t2 && t2.text !== t1?.text) y = centred(t2.text, y, 14, { lang: t2.lang });
  if (c?.qualification) y = centred(c.qualification, y + 2, 10, { color: MUTED });

  // the AQRF level, in plain words in both languages
  const level = c?.aqrfLevel;
  if (level !== undefined) {
    y += 10;
    const boxTop = y;
    const pad = 12;
    let by = text.paragraph(
      `${tr.t('field.aqrf')}: ${level}${two ? `  ·  ${tr2.t('field.aqrf')}: ${level}` : ''}`,
      margin + pad,
      boxTop + 2,
      { size: 13, bold: true, width: inner - 2 * pad, color: ACCENT },
    );
    by = text.paragraph(tr.t(`aqrf.${level}`), margin + pad, by, {
      size: 11,
      width: inner - 2 * pad,
      lang: tr.lang,
      maxLines: 2,
    });
    if (two)
      by = text.paragraph(tr2.t(`aqrf.${level}`), margin + pad, by, {
        size: 10,
        width: inner - 2 * pad,
        color: MUTED,
        lang: tr2.lang,
        maxLines: 2,
      });
    doc
      .lineWidth(1)
      .strokeColor(ACCENT)
      .roundedRect(margin, boxTop, inner, by - boxTop + 6, 6)
      .stroke();
    y = by + 16;
  }

  // the facts, with labels in both languages; the QR code to their right
  const large = qrText.length > 200;
  const qrSize = large ? 230 : 170;
  const factsWidth = inner - qrSize - 24;
  const dates = (iso: string | undefined) =>
    iso ? (two ? `${tr.date(iso)}  /  ${tr2.date(iso)}` : tr.date(iso)) : '';
  const accreditation = view.accreditation?.covered
    ? tr.t('accreditation.ok', {
        from: tr.date(view.accreditation.validFrom),
        until: tr.date(view.accreditation.validUntil),
      })
    : view.accreditation
      ? tr.t('accreditation.no')
      : view.centre
        ? ''
        : tr.t('accreditation.unknown');
  const facts: [string, string][] = [
    [
      'field.centre',
      view.centre
        ? `${view.centre.name}, ${tr.countryName(view.centre.country)}`
        : (c?.issuerName ?? c?.issuer ?? ''),
    ],
    ['field.accreditation', accreditation],
    [
      'field.assessed',
      `${dates(c?.assessmentDate)}${c?.assessmentLanguage ? ` (${tr.languageName(c.assessmentLanguage)})` : ''}`,
    ],
    ['field.validFrom', dates(c?.validFrom)],
    ['field.validUntil', dates(c?.validUntil)],
  ];
  const factsTop = y;
  for (const [key, value] of facts) {
    if (!value) continue;
    y = text.paragraph(both(key).join(' · '), margin, y, { size: 9, color: MUTED, width: factsWidth });
    y = text.paragraph(value, margin, y, { size: 11.5, width: factsWidth, lang: tr.lang, maxLines: 3 });
  }

  const qrX = margin + inner - qrSize;
  const qrTop = factsTop + 4;
  drawQr(doc, formats.qr.modules(qrText), qrX, qrTop, qrSize);
  let qy = text.paragraph(tr.t('pdf.scan'), qrX - 10, qrTop + qrSize + 2, {
    size: 10,
    bold: true,
    width: qrSize + 20,
    align: 'center',
    lang: tr.lang,
  });
  if (two)
    qy = text.paragraph(tr2.t('pdf.scan'), qrX - 10, qy, {
      size: 9,
      width: qrSize + 20,
      align: 'center',
      lang: tr2.lang,
    });
  text.paragraph(verifyUrl, qrX - 20, qy, { size: 7, color: MUTED, width: qrSize + 40, align: 'center' });
  if (input.walletOffer) walletCode(doc, text, formats, input, y, qy);

  // footer: printing date (the QR code tells the current status) and the translation status
  let fy = A4.h - 118;
  fy = text.paragraph(tr.t('pdf.printed', { date: tr.date(printedAt) }), margin, fy, {
    size: 8.5,
    color: MUTED,
    width: inner,
    lang: tr.lang,
  });
  if (two)
    fy = text.paragraph(tr2.t('pdf.printed', { date: tr2.date(printedAt) }), margin, fy, {
      size: 8.5,
      color: MUTED,
      width: inner,
      lang: tr2.lang,
    });
  if (view.state === 'revoked' || view.state === 'suspended') stamp(doc, text, input, view.state);
  const drafts = [tr, ...(two ? [tr2] : [])].filter((x) => x.machineDrafted);
  if (drafts.length)
    text.paragraph(drafts.map((x) => x.t('machineDrafted')).join(' '), margin, fy, {
      size: 7.5,
      color: MUTED,
      width: inner,
    });
  doc.end();
  return done;
}

/**
 * A revoked or suspended certificate is never printed clean: a large diagonal stamp across the
 * page in both languages with the date of the change when the hub knows it, and a red line at
 * the top saying it is not valid. The page is single (one A4 sheet), so this is every page.
 */
function stamp(
  doc: InstanceType<typeof PDFDocument>,
  text: Awaited<ReturnType<Pick<Formats, 'pdfText'>['pdfText']>>,
  { view, tr, tr2 }: CertificatePdfInput,
  state: 'revoked' | 'suspended',
): void {
  const langs = tr2.lang === tr.lang ? [tr] : [tr, tr2];
  const color = state === 'revoked' ? STAMP_RED : STAMP_AMBER;
  const since = (t: Translator) =>
    view.statusSince ? t.t(`state.${state}.since`, { date: t.date(view.statusSince) }) : '';
  const width = 520;
  doc.save();
  doc.rotate(-32, { origin: [A4.w / 2, A4.h / 2] });
  doc.opacity(0.6);
  let y = A4.h / 2 - 70;
  for (const t of langs) {
    y = text.paragraph(t.t(`pdf.stamp.${state}`), A4.w / 2 - width / 2, y, {
      size: t === tr ? 52 : 30,
      bold: true,
      color,
      width,
      align: 'center',
      lang: t.lang,
      maxLines: 1,
    });
  }
  const date = since(tr);
  if (date)
    text.paragraph(date, A4.w / 2 - width / 2, y, {
      size: 16,
      bold: true,
      color,
      width,
      align: 'center',
      lang: tr.lang,
      maxLines: 1,
    });
  doc.restore();
  // and in words at the top of the page, upright
  const line = langs
    .map((t) => [t.t(`pdf.stamp.${state}`), since(t), t.t('pdf.stamp.note')].filter(Boolean).join(' '))
    .join('  ·  ');
  doc
    .save()
    .fillColor(color)
    .rect(28, 28, A4.w - 56, 14)
    .fill()
    .restore();
  text.paragraph(line, 36, 29, { size: 8, bold: true, color: '#ffffff', width: A4.w - 72, maxLines: 1 });
}

/** "Add to your wallet": the offer's code below the facts, left of the verification code, above the footer. */
function walletCode(
  doc: InstanceType<typeof PDFDocument>,
  text: Awaited<ReturnType<Pick<Formats, 'pdfText'>['pdfText']>>,
  formats: Pick<Formats, 'qr'>,
  input: CertificatePdfInput,
  factsBottom: number,
  qrBottom: number,
): void {
  const top = Math.max(factsBottom, qrBottom - 140) + 12;
  const size = Math.min(110, A4.h - 118 - 40 - top);
  if (size < 70) return;
  const x = 48;
  drawQr(doc, formats.qr.modules(input.walletOffer!), x, top, size);
  let y = text.paragraph(input.tr.t('pdf.wallet'), x + size + 10, top + 10, {
    size: 10,
    bold: true,
    width: 200,
    lang: input.tr.lang,
  });
  if (input.tr2.lang !== input.tr.lang)
    y = text.paragraph(input.tr2.t('pdf.wallet'), x + size + 10, y, {
      size: 9,
      width: 200,
      lang: input.tr2.lang,
    });
  text.paragraph(input.tr.t('pdf.walletPin'), x + size + 10, y + 4, {
    size: 8.5,
    color: MUTED,
    width: 200,
    lang: input.tr.lang,
  });
}

/** The QR code as vector squares (crisp at any print size), with its quiet zone left white. */
function drawQr(
  doc: InstanceType<typeof PDFDocument>,
  { size: n, dark }: QrMatrix,
  x: number,
  y: number,
  size: number,
): void {
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.save().fillColor('#ffffff').rect(x, y, size, size).fill().fillColor(INK);
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && dark(row, col)) col++;
      doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell);
    }
  }
  doc.fill().restore();
}
