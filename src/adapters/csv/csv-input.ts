import { parse } from 'csv-parse/sync';
import type { CsvCodec, CsvProblemDetails, CsvTable } from '../../services/format-ports.js';

export type { CsvProblem, CsvRecord, CsvTable } from '../../services/format-ports.js';

/**
 * Reading a cohort file as people really send it: UTF-8 (with or without a BOM, as Excel's
 * "CSV UTF-8" writes it), UTF-16 with a BOM (Excel's "Unicode text"), comma, semicolon or tab
 * separated, CRLF or LF, quoted cells with commas, quotes and line breaks (RFC 4180, parsed by
 * csv-parse). Anything else is refused with a precise reason and, where there is one, the line.
 */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly details: CsvProblemDetails,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

/** The position of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(buf: Uint8Array): number {
  for (let i = 0; i < buf.length;) {
    const b = buf[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0 || i + need >= buf.length) return i; // not a lead byte, or a sequence cut short by the end of the file
    for (let k = 1; k <= need; k++) if (((buf[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    if (need === 2 && ((b === 0xe0 && buf[i + 1]! < 0xa0) || (b === 0xed && buf[i + 1]! > 0x9f))) return i;
    if (need === 3 && ((b === 0xf0 && buf[i + 1]! < 0x90) || (b === 0xf4 && buf[i + 1]! > 0x8f))) return i;
    i += need + 1;
  }
  return -1;
}

const lineAt = (buf: Uint8Array, offset: number): number => {
  let n = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) n++;
  return n;
};

export function decodeCsv(buf: Buffer): { text: string; encoding: CsvTable['encoding'] } {
  if (buf.length === 0)
    throw new CsvError('The file is empty: it needs a header row and at least one worker.', {
      reason: 'empty',
    });
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return {
      text: new TextDecoder('utf-16le', { fatal: true }).decode(buf.subarray(2)),
      encoding: 'utf-16le',
    };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return {
      text: new TextDecoder('utf-16be', { fatal: true }).decode(buf.subarray(2)),
      encoding: 'utf-16be',
    };
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    throw new CsvError(
      `The file holds NUL bytes (first at byte ${nul + (bom ? 3 : 0)}): it looks like UTF-16 without a byte-order mark, or not a text file. Save it as "CSV UTF-8".`,
      { reason: 'encoding', byte: nul + (bom ? 3 : 0), line: lineAt(body, nul) },
    );
  }
  const bad = firstInvalidUtf8(body);
  if (bad >= 0) {
    const at = bad + (bom ? 3 : 0);
    throw new CsvError(
      `The file is not UTF-8: byte 0x${body[bad]!.toString(16).padStart(2, '0')} at line ${lineAt(body, bad)} (byte ${at}) is not valid UTF-8. Save it as "CSV UTF-8" (Excel) or choose UTF-8 when exporting.`,
      { reason: 'encoding', byte: at, line: lineAt(body, bad) },
    );
  }
  return { text: body.toString('utf8'), encoding: bom ? 'utf-8-bom' : 'utf-8' };
}

/** The separator the header line uses most, outside quotes: comma (default), semicolon or tab. */
function sniffDelimiter(text: string): CsvTable['delimiter'] {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t']
    ? ';'
    : counts['\t'] > counts[',']
      ? '\t'
      : ',';
}

const breaks = (s: string): number => (s.match(/\r\n|\n|\r/g) ?? []).length;

export function parseCsv(buf: Buffer, maxRows: number): CsvTable {
  const { text, encoding } = decodeCsv(buf);
  const bomless = text.replace(/^\uFEFF/, '');
  if (!bomless.trim())
    throw new CsvError('The file is empty: it needs a header row and at least one worker.', {
      reason: 'empty',
    });
  const delimiter = sniffDelimiter(bomless);
  let parsed: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    parsed = parse(bomless, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      to: maxRows + 2,
    }) as unknown as typeof parsed;
  } catch (e) {
    const err = e as { code?: string; message: string; lines?: number };
    const line = err.lines;
    const why =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted cell is never closed (a missing ")'
        : err.code === 'INVALID_OPENING_QUOTE'
          ? 'a quote (") appears inside a cell that does not start with one; write it as "" inside a quoted cell'
          : err.code === 'CSV_INVALID_CLOSING_QUOTE'
            ? 'a quoted cell is followed by text before the next separator; write a quote inside a quoted cell as ""'
            : err.message;
    throw new CsvError(`The CSV cannot be read at line ${line ?? '?'}: ${why}.`, {
      reason: 'quotes',
      ...(line ? { line } : {}),
      parser: err.code ?? 'unknown',
    });
  }
  const records = parsed
    .map((p, i) => ({
      cells: p.record,
      row: i + 1,
      line: p.info.lines - breaks(p.raw.replace(/^[\r\n]+/, '').replace(/(\r\n|\n|\r)$/, '')),
    }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...rows] = records;
  if (!header)
    throw new CsvError('The file is empty: it needs a header row and at least one worker.', {
      reason: 'empty',
    });
  if (rows.length > maxRows)
    throw new CsvError(
      `The file has more than ${maxRows} workers; split the cohort into files of at most ${maxRows} rows.`,
      { reason: 'too-many-rows', max: maxRows },
    );
  return { header: header.cells.map((c) => c.trim()), records: rows, encoding, delimiter };
}

/** parseCsv behind the CsvCodec port: a refusal is an answer, not a throw (the caller names its error code). */
export const readCsv: CsvCodec['read'] = (body, maxRows) => {
  try {
    return { ok: true, table: parseCsv(body, maxRows) };
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, message: e.message, details: e.details };
    throw e;
  }
};
