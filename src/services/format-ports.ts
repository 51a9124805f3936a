import type { Readable } from 'node:stream';
import type PDFDocument from 'pdfkit';

/**
 * Format ports: the QR, CSV, ZIP and PDF-text adapters (src/adapters/qr, csv, zip, pdf) that
 * services and the HTTP layer use without importing them; the wiring (src/wiring.ts) hands them
 * over in the hub context (docs/architecture.md, "Layers").
 */

/** The `SKP1:` credential QR payload (../domain/credential-payload.ts), deflated by an adapter. */
export interface CredentialPayloadCodec {
  encode(serialized: string): string;
  /** a JSON object or a compact JWT; throws when the text is damaged, too large or too deep */
  decode(text: string): Record<string, unknown> | string;
}

/** A QR code's module matrix (row-major, true = dark). */
export interface QrMatrix {
  size: number;
  dark: (row: number, col: number) => boolean;
}

/** QR codes for certificates (error correction M). */
export interface QrCodes {
  /** the QR version (1..40) the text needs; throws when it fits no QR code */
  version(text: string): number;
  svg(text: string): Promise<string>;
  png(text: string, minWidth?: number): Promise<Buffer>;
  modules(text: string): QrMatrix;
}

export type CsvProblem = 'empty' | 'encoding' | 'quotes' | 'too-many-rows' | 'header';
export interface CsvProblemDetails {
  reason: CsvProblem;
  line?: number;
  byte?: number;
  [k: string]: unknown;
}
export interface CsvRecord {
  cells: string[];
  /** spreadsheet row (the header is row 1) */ row: number;
  /** the file line where the record starts */ line: number;
}
export interface CsvTable {
  header: string[];
  records: CsvRecord[];
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
  delimiter: ',' | ';' | '\t';
}

/** Reading uploaded CSV and writing formula-safe CSV for spreadsheets. */
export interface CsvCodec {
  /** the table, or why the file is not one (with the line where there is one) */
  read(
    body: Buffer,
    maxRows: number,
  ): { ok: true; table: CsvTable } | { ok: false; message: string; details: CsvProblemDetails };
  /** a whole document (BOM, CRLF), every cell neutralised against formula injection */
  document(rows: readonly (readonly unknown[])[]): string;
}

/** A streamed ZIP archive: entries are added in order and the bytes flow as they are made. */
export interface ZipWriter {
  add(name: string, data: Buffer | string, compress?: boolean): void;
  end(): void;
  stream: Readable;
}

export interface PdfTextStyle {
  size: number;
  bold?: boolean;
  color?: string;
}
/** Text in any of the hub's scripts laid out on a pdfkit page (shaped, with its fonts embedded). */
export interface PdfText {
  width(text: string, style: PdfTextStyle): number;
  line(
    text: string,
    x: number,
    baseline: number,
    style: PdfTextStyle & { align?: 'left' | 'center' | 'right'; width?: number; lang?: string },
  ): number;
  wrap(text: string, style: PdfTextStyle, width: number): string[];
  paragraph(
    text: string,
    x: number,
    top: number,
    style: PdfTextStyle & {
      width: number;
      align?: 'left' | 'center' | 'right';
      lang?: string;
      lineHeight?: number;
      maxLines?: number;
    },
  ): number;
}

/** what a certificate PDF's QR code holds (src/adapters/pdf/pdf-qr-reader.ts) */
export interface PdfQr {
  payload: string;
  /** where it came from: the drawn QR code, or a URL written in the file */
  source: 'qr' | 'url';
}

export interface Formats {
  payloads: CredentialPayloadCodec;
  qr: QrCodes;
  csv: CsvCodec;
  zip(mtime: Date): ZipWriter;
  /** registers the fonts on the document and lays text out on it */
  pdfText(doc: InstanceType<typeof PDFDocument>): Promise<PdfText>;
  /** reads the QR code (or a verification URL) back from a certificate PDF; a SkillPassError when there is none */
  pdfQr(pdf: Buffer): Promise<PdfQr>;
}
