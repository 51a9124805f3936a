import { inflateSync } from 'node:zlib';
import * as jsQRModule from 'jsqr';
import { SkillPassError, type ErrorCode } from '../../domain/errors.js';
import type { PdfQr } from '../../services/format-ports.js';

/**
 * Reads back the QR code of a certificate PDF, for the scanner's "upload a PDF". The PDFs this
 * hub prints (src/http/pages/certificate-pdf.ts) draw the QR code as vector squares: one fill
 * of many `re` rectangles of one cell height (PDF 32000-1 §8.5.2.1). So the code is rebuilt
 * from those rectangles into a bitmap and decoded with jsQR: exactly what a phone camera would
 * read, whatever the code holds (the verification URL, or the whole credential). No
 * rasterising, no text extraction (the hub's PDFs shape their text with embedded fonts, so
 * their text is glyph numbers, not characters). When no code is drawn that way (a PDF another
 * program re-made), a verification URL written plainly in the file (a link annotation's /URI,
 * uncompressed text) is the fallback. Bounded: the file's size is limited by the route, each
 * stream's inflated size and the rectangles read here are limited too.
 */
export type { PdfQr };

type Decode = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'attemptBoth' },
) => { data: string } | null;
const loaded = jsQRModule as unknown as { default: Decode | { default: Decode } };
const jsQR: Decode = typeof loaded.default === 'function' ? loaded.default : loaded.default.default;

const MAX_INFLATED = 8 * 1024 * 1024;
const MAX_TOTAL = 16 * 1024 * 1024; // a certificate's streams, fonts included, inflate to under 1 MB
const MAX_RECTS = 40_000;
const MAX_FILLS_TRIED = 4;
const MAX_MODULES = 200; // QR version 40 is 177 modules a side
const URL_IN_TEXT =
  /https?:\/\/[!-~]{1,200}?\/v\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const refuse = (message: string) => new SkillPassError('validation-failed', message);

/**
 * Text, not binary: the first bytes are printable ASCII or white space. Content streams (the
 * drawing operators, PDF 32000-1 §7.8.2) are; embedded fonts and images are not, and reading
 * those as operators would be wasted work.
 */
function looksLikeText(body: Buffer): boolean {
  const head = body.subarray(0, 512);
  for (const byte of head)
    if (byte > 0x7e || (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)) return false;
  return true;
}

/** every stream of the file that holds text (content streams), inflated when it is Flate-compressed */
function streams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  let total = 0;
  const start = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = start.exec(text))) {
    const from = m.index + m[0].length;
    const end = text.indexOf('endstream', from);
    if (end < 0) break;
    const raw = pdf.subarray(from, end);
    let body: Buffer = raw;
    try {
      body = inflateSync(raw, { maxOutputLength: MAX_INFLATED, finishFlush: 2 /* Z_SYNC_FLUSH */ });
    } catch {
      /* not Flate (or damaged): read as it is */
    }
    total += body.length;
    if (total > MAX_TOTAL) throw refuse('The PDF holds more content than a certificate.');
    if (looksLikeText(body)) out.push(body.toString('latin1'));
    start.lastIndex = end + 'endstream'.length; // past it: "endstream\n" itself ends in "stream\n"
  }
  return out;
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Tokens read across the whole file. A certificate's content is a few tens of thousands; the
 * budget stops a file of megabytes of numbers after a bounded, small amount of work (the read
 * runs on the event loop: an upload must not stall every other request).
 */
const MAX_TOKENS = 600_000;
const TOKEN = /[^\s[\]<>()/]+/g;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/** every fill made of rectangles only, with at least as many as a small QR code has runs */
function rectangleFills(content: string, budget: { tokens: number }): Rect[][] {
  const fills: Rect[][] = [];
  let numbers: number[] = [];
  let path: Rect[] = [];
  let rects = 0;
  let onlyRects = true;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(content); m; m = TOKEN.exec(content)) {
    if (--budget.tokens < 0) throw refuse('The PDF holds more content than a certificate.');
    const token = m[0];
    if (NUMBER.test(token)) {
      // only the last four operands matter (x y w h of `re`)
      if (numbers.length === 4) numbers.shift();
      numbers.push(Number(token));
      continue;
    }
    if (token === 're' && numbers.length === 4) {
      const [x, y, w, h] = numbers as [number, number, number, number];
      path.push({ x: Math.min(x, x + w), y: Math.min(y, y + h), w: Math.abs(w), h: Math.abs(h) });
      if (++rects > MAX_RECTS) throw refuse('The PDF draws more shapes than a certificate.');
    } else if (token === 'f' || token === 'f*' || token === 'F') {
      if (onlyRects && path.length >= 21) fills.push(path);
      path = [];
      onlyRects = true;
    } else if (token === 'm' || token === 'l' || token === 'c' || token === 'v' || token === 'y')
      onlyRects = false;
    else if (['n', 'S', 's', 'B', 'B*', 'b', 'b*'].includes(token)) {
      path = [];
      onlyRects = true;
    }
    numbers = [];
  }
  return fills;
}

/** the rectangles of one fill as QR modules, drawn 2 or 3 px each with a quiet zone, decoded */
function decodeFill(rects: Rect[]): string | undefined {
  const cell = Math.min(...rects.map((r) => r.h));
  if (!(cell > 0) || rects.some((r) => Math.abs(r.h - cell) > cell * 0.01)) return undefined;
  const x0 = Math.min(...rects.map((r) => r.x));
  const y0 = Math.min(...rects.map((r) => r.y));
  const n = Math.round(
    Math.max(...rects.map((r) => (r.x + r.w - x0) / cell), ...rects.map((r) => (r.y + r.h - y0) / cell)),
  );
  if (n < 21 || n > MAX_MODULES) return undefined;
  const px = 3;
  const quiet = 4;
  const side = (n + 2 * quiet) * px;
  for (const flip of [false, true]) {
    const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
    for (const r of rects) {
      const row0 = Math.round((r.y - y0) / cell);
      const col0 = Math.round((r.x - x0) / cell);
      const cols = Math.max(1, Math.round(r.w / cell));
      const row = flip ? n - 1 - row0 : row0;
      for (let dy = 0; dy < px; dy++)
        for (let c = col0; c < col0 + cols && c < n; c++)
          for (let dx = 0; dx < px; dx++) {
            const i = (((quiet + row) * px + dy) * side + (quiet + c) * px + dx) * 4;
            rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
          }
    }
    const code = jsQR(rgba, side, side, { inversionAttempts: 'dontInvert' });
    if (code?.data) return code.data;
  }
  return undefined;
}

/** The QR code (or, failing that, the verification URL) a certificate PDF holds. */
export function readPdfQr(pdf: Buffer): PdfQr {
  if (pdf.length < 8 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw refuse('This file is not a PDF.');
  const contents = streams(pdf);
  // the largest fills first (the QR code is the page's largest), and only a few: each costs a decode
  const budget = { tokens: MAX_TOKENS };
  const fills = contents.flatMap((c) => rectangleFills(c, budget)).sort((a, b) => b.length - a.length);
  for (const fill of fills.slice(0, MAX_FILLS_TRIED)) {
    const payload = decodeFill(fill);
    // a PDF made for the worker also holds a wallet offer's code (certificate-pdf.ts): not the certificate's
    if (payload && !payload.startsWith('openid-credential-offer:')) return { payload, source: 'qr' };
  }
  for (const text of [pdf.toString('latin1'), ...contents]) {
    const url = URL_IN_TEXT.exec(text)?.[0];
    if (url) return { payload: url, source: 'url' };
  }
  throw refuse('No SkillPass QR code or verification address was found in this PDF.');
}

/**
 * readPdfQr's answer as data, for a worker thread: an error thrown there reaches the pool as a
 * plain Error (structured clone keeps no class), so the refusal travels as its code and message.
 */
export type PdfQrResult = { ok: true; value: PdfQr } | { ok: false; code: ErrorCode; message: string };

export function readPdfQrResult(pdf: Uint8Array): PdfQrResult {
  try {
    return { ok: true, value: readPdfQr(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength)) };
  } catch (e) {
    if (e instanceof SkillPassError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

export const pdfQrOf = (result: PdfQrResult): PdfQr => {
  if (!result.ok) throw new SkillPassError(result.code, result.message);
  return result.value;
};
