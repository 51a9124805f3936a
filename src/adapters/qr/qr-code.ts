import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import type { QrCodes } from '../../services/format-ports.js';

/**
 * QR codes for certificates. Error correction M: readable by cheap phone cameras
 * on a printed page, while a URL stays a small QR version. A quiet zone of 4 modules, the
 * width ISO/IEC 18004 §6.3.8 asks for: with 2, a dense code (a whole credential) drawn edge to
 * edge at a non-integer scale did not decode.
 */
const OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 4 };

export const qrSvg = (text: string): Promise<string> => QRCode.toString(text, { ...OPTIONS, type: 'svg' });
/** At least 4 pixels a module, so a dense code (a whole credential) stays readable. */
export const qrPng = (text: string, minWidth = 384): Promise<Buffer> =>
  QRCode.toBuffer(text, {
    ...OPTIONS,
    type: 'png',
    width: Math.max(minWidth, (qrModules(text).size + 2 * OPTIONS.margin) * 4),
  });

// qrcode's own sizing steps, without drawing the symbol: QRCode.create also scores all eight
// mask patterns, which made choosing the version a sixth of a certificate's issuance (bench/)
const require = createRequire(import.meta.url);
const Segments = require('qrcode/lib/core/segments.js') as {
  rawSplit(t: string): unknown;
  fromString(t: string, v: number): unknown;
};
const Version = require('qrcode/lib/core/version.js') as {
  getBestVersionForData(segments: unknown, ecl: unknown): number | undefined;
  getCapacity(version: number, ecl: unknown, mode: unknown): number;
};
const ECLevel = require('qrcode/lib/core/error-correction-level.js') as { M: unknown };
const Mode = require('qrcode/lib/core/mode.js') as { MIXED: unknown };

/** Data bits of each version at error correction M (index = version). */
const DATA_BITS = [
  0,
  ...Array.from({ length: 40 }, (_, i) => Version.getCapacity(i + 1, ECLevel.M, Mode.MIXED)),
];
const ALPHANUMERIC = /[A-Z0-9 $%*+\-./:]/;

/**
 * Bits no encoding of the text can go below: every segment header at its smallest (4 mode
 * bits and 8 count bits), bytes at 8 bits each, and a run of numeric or alphanumeric
 * characters at 10/3 and 11/2 bits a character only if it also pays its own header and, unless
 * it ends the text, the header of the segment after it (ISO/IEC 18004 section 7.4).
 */
function lowerBoundBits(text: string): number {
  let bits = 12; // the first segment's header
  let run = 0;
  let runBits = 0;
  let runAtStart = false;
  const endRun = (atEnd: boolean) => {
    // a run that starts the text may be the first segment, whose header is counted already
    if (run > 0) bits += Math.min(8 * run, runBits + (runAtStart ? 0 : 13) + (atEnd ? 0 : 12));
    run = 0;
    runBits = 0;
  };
  let position = 0;
  for (const ch of text) {
    if (ALPHANUMERIC.test(ch)) {
      if (run === 0) runAtStart = position === 0;
      position++;
      run++;
      runBits += ch >= '0' && ch <= '9' ? 10 / 3 : 11 / 2;
    } else {
      endRun(false);
      position++;
      bits += 8 * Buffer.byteLength(ch);
    }
  }
  endRun(true);
  return bits;
}

/** Count bits change at versions 10 and 27 (ISO/IEC 18004 table 3). */
const widthClass = (version: number): number => (version < 10 ? 0 : version < 27 ? 1 : 2);

/** The smallest version holding the text as one byte segment. */
function allByteVersion(text: string): number | undefined {
  const bytes = Buffer.byteLength(text);
  for (let v = 1; v <= 40; v++) {
    const countBits = v < 10 ? 8 : 16;
    if (bytes < 2 ** countBits && 4 + countBits + 8 * bytes <= DATA_BITS[v]!) return v;
  }
  return undefined;
}

/**
 * The version QRCode.create picks lies between these (test/adapters/qr-code.test.ts checks).
 * Upper: createSymbol optimises the segments for the version of the unoptimised split, and
 * the result fits there; one byte segment is among the encodings it weighs, so its version
 * bounds too when it uses the same count widths.
 */
export function qrVersionBounds(text: string): {
  lower: number;
  upper: number | undefined;
  estimated: number | undefined;
} {
  const need = lowerBoundBits(text);
  const lower = DATA_BITS.findIndex((capacity, v) => v > 0 && capacity >= need);
  // the version createSymbol estimates from the unoptimised split (and optimises the segments for)
  const estimated = Version.getBestVersionForData(Segments.rawSplit(text), ECLevel.M);
  const oneSegment = allByteVersion(text);
  const upper =
    estimated === undefined
      ? undefined
      : oneSegment !== undefined && oneSegment < estimated && widthClass(oneSegment) === widthClass(estimated)
        ? oneSegment
        : estimated;
  return { lower: lower === -1 ? 41 : lower, upper, estimated };
}

/**
 * The QR version (1..40) the text needs at error correction M, as QRCode.create chooses it
 * (qrcode/lib/core/qrcode.js createSymbol); throws when it does not fit in version 40. When the
 * bounds meet (a verification URL, typically) the optimal segmentation is not searched for.
 */
export function qrVersion(text: string): number {
  if (text === '') throw new Error('No input text');
  const { lower, upper, estimated } = qrVersionBounds(text);
  if (upper !== undefined && lower === upper) return upper;
  const best = Version.getBestVersionForData(Segments.fromString(text, estimated || 40), ECLevel.M);
  if (!best) throw new Error('The amount of data is too big to be stored in a QR Code');
  return best;
}

/** The module matrix (row-major, true = dark), for drawing the code in a PDF. */
export function qrModules(text: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}

/** The QrCodes port (../../services/format-ports.ts). */
export const qrCodes: QrCodes = { version: qrVersion, svg: qrSvg, png: qrPng, modules: qrModules };
