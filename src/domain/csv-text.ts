/**
 * Writing CSV for spreadsheets (RFC 4180, CRLF), safe to open: a cell that a spreadsheet would
 * run as a formula (starting with = + - @, a tab or a carriage return) is prefixed with ' so it
 * shows as text (OWASP "CSV injection").
 */
export const neutralise = (cell: string): string => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

export function csvCell(value: unknown): string {
  const text = neutralise(value === null || value === undefined ? '' : String(value));
  return /[",\r\n;]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** UTF-8 with a BOM, so Excel shows Khmer, Thai, Lao and Burmese names correctly. */
export const csvDocument = (rows: readonly (readonly unknown[])[]): string =>
  `\uFEFF${rows.map(csvLine).join('')}`;
