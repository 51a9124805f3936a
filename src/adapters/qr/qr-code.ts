import { createRequire } from 'node:module';
import QRCode from 'qrcode';

/**
 * QR codes for certificates. Error correction M: readable by cheap phone cameras
 * on a printed page, while a URL stays a small QR version.
 */
const OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2 };

export const qrSvg = (text: string): Promise<string> => QRCode.toString(text, { ...OPTIONS, type: 'svg' });
/** At least 4 pixels a module, so a dense code (a whole credential) stays readable. */
export const qrPng = (text: string, minWidth = 384): Promise<Buffer> =>
  QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width: Math.max(minWidth, (qrModules(text).size + 2 * OPTIONS.margin) * 4) });

// qrcode's own sizing steps, without drawing the symbol: QRCode.create also scores all eight
// mask patterns, which made choosing the version a sixth of a certificate's issuance (bench/)
const require = createRequire(import.meta.url);
const Segments = require('qrcode/lib/core/segments.js') as { rawSplit(t: string): unknown; fromString(t: string, v: number): unknown };
const Version = require('qrcode/lib/core/version.js') as { getBestVersionForData(segments: unknown, ecl: unknown): number | undefined };
const ECLevel = require('qrcode/lib/core/error-correction-level.js') as { M: unknown };

/**
 * The QR version (1..40) the text needs at error correction M, as QRCode.create chooses it
 * (qrcode/lib/core/qrcode.js createSymbol; test/adapters/qr-code.test.ts compares them);
 * throws when it does not fit in version 40.
 */
export function qrVersion(text: string): number {
  if (text === '') throw new Error('No input text');
  const estimated = Version.getBestVersionForData(Segments.rawSplit(text), ECLevel.M);
  const best = Version.getBestVersionForData(Segments.fromString(text, estimated || 40), ECLevel.M);
  if (!best) throw new Error('The amount of data is too big to be stored in a QR Code');
  return best;
}

/** The module matrix (row-major, true = dark), for drawing the code in a PDF. */
export function qrModules(text: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}
