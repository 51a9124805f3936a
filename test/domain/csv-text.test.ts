import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, csvLine } from '../../src/domain/csv-text.js';

/** CSV text for spreadsheets (src/domain/csv-text.ts): RFC 4180 quoting, formula cells neutralised. */
describe('csv text', () => {
  it('prefixes a cell a spreadsheet would run as a formula with an apostrophe (OWASP CSV injection)', () => {
    for (const cell of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(cell).replace(/^"|"$/g, '')).toBe(`'${cell}`);
    expect(csvCell('Sokha')).toBe('Sokha');
  });

  it('quotes cells holding a comma, quote, line break, semicolon or edge spaces, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell(' lead')).toBe('" lead"');
    expect(csvCell(null)).toBe('');
  });

  it('ends lines with CRLF and starts the document with a BOM so Excel reads Khmer names', () => {
    expect(csvLine(['a', 1])).toBe('a,1\r\n');
    expect(csvDocument([['សុខា']])).toBe('\uFEFFសុខា\r\n');
  });
});
