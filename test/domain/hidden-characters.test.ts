import { describe, expect, it } from 'vitest';
import {
  CONTROL_RANGES,
  HIDDEN_RANGES,
  hiddenCharacters,
  revealHidden,
} from '../../src/domain/hidden-characters.js';
import { EARLIEST_BIRTH_DATE, requestProblems } from '../../src/domain/certify-rules.js';
import { checkRow } from '../../src/domain/batch-rows.js';
import { REVEAL_SCRIPT } from '../../src/http/pages/reveal-script.js';

const covers = (ranges: readonly (readonly [number, number])[], cp: number) =>
  ranges.some(([a, b]) => cp >= a && cp <= b);
const kinds = (text: string) => hiddenCharacters(text).map((h) => `${h.kind}:${h.codePoint.toString(16)}`);

describe('hidden characters (src/domain/hidden-characters.ts)', () => {
  it("the tables hold every control (Cc) and format (Cf) character of the runtime's Unicode data", () => {
    const missing: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (/\p{Cc}/u.test(ch) && !covers(CONTROL_RANGES, cp)) missing.push(`Cc ${cp.toString(16)}`);
      if (/\p{Cf}/u.test(ch) && !covers(HIDDEN_RANGES, cp)) missing.push(`Cf ${cp.toString(16)}`);
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ['NUL', 'Sok\u0000Dara', ['control:0']],
    ['a line break', 'Sok\nDara', ['control:a']],
    ['a tab', 'Sok\tDara', ['control:9']],
    ['a C1 control (NEL)', 'Sok\u0085Dara', ['control:85']],
    ['DEL', 'Sok\u007fDara', ['control:7f']],
    ['a line separator', 'Sok\u2028Dara', ['control:2028']],
    ['a right-to-left override', 'Sok Dara\u202eevil', ['hidden:202e']],
    ['a left-to-right isolate', '\u2066Sok\u2069', ['hidden:2066', 'hidden:2069']],
    ['right-to-left and left-to-right marks', 'Sok\u200fDara\u200e', ['hidden:200f', 'hidden:200e']],
    ['an Arabic letter mark', 'Sok\u061cDara', ['hidden:61c']],
    ['a zero-width space between Latin letters', 'Sok\u200bDara', ['hidden:200b']],
    ['a word joiner', 'Sok\u2060Dara', ['hidden:2060']],
    ['a BOM', '\ufeffSok Dara', ['hidden:feff']],
    ['a soft hyphen', 'So\u00adk', ['hidden:ad']],
    ['a Hangul filler', '\u3164', ['hidden:3164']],
    ['a tag character (astral)', 'Sok\u{e0041}', ['hidden:e0041']],
    ['a ZWJ between Latin letters', 'So\u200dk', ['hidden:200d']],
    ['a ZWNJ at the end of a Khmer name', 'សុខ\u200c', ['hidden:200c']],
    ['a ZWSP between a Khmer and a Latin letter', 'សុខ\u200bDara', ['hidden:200b']],
  ])('finds %s', (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each([
    ['Khmer with a zero-width space between words (as Khmer keyboards type it)', 'សុខ\u200bដារា'],
    ['Khmer with a zero-width non-joiner', 'ស្រី\u200cពៅ'],
    ['Burmese with a zero-width space', 'မောင်\u200bမောင်'],
    ['Persian with a zero-width non-joiner (Mohammad-Reza)', 'محمد\u200cرضا'],
    ['Devanagari with a joiner after a virama', 'क्\u200dष'],
    ['Sinhala with a joiner (rakaransaya)', 'ශ්\u200dරී'],
    ['Thai and Lao names', 'สมชาย ใจดี ສົມພອນ'],
    ['Latin, combining marks, an apostrophe', "Nguyễn Văn A O'Neil"],
  ])('allows %s', (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('reveals what it finds as ⟨U+XXXX⟩ (or other brackets), and leaves everything else as it was', () => {
    expect(revealHidden('Sok Dara\u202eevil')).toEqual({ text: 'Sok Dara⟨U+202E⟩evil', hidden: 1 });
    expect(revealHidden('\u{e0041}x\u0000', ['[', ']'])).toEqual({ text: '[U+E0041]x[U+0000]', hidden: 2 });
    expect(revealHidden('សុខ\u200bដារា')).toEqual({ text: 'សុខ\u200bដារា', hidden: 0 });
  });
});

describe("the browser scripts' copy (src/http/pages/reveal-script.ts)", () => {
  it('reveals exactly what the domain function reveals, on names and on seeded random text', () => {
    const browser = new Function(`${REVEAL_SCRIPT}; return revealHidden;`)() as typeof revealHidden;
    const names = [
      'Sok Dara\u202eevil',
      'សុខ\u200bដារា',
      'សុខ\u200bDara',
      '\ufeff\u0000x\u2028',
      'محمد\u200cرضا',
      '\u200d',
      'a\u{e0041}b',
      '',
      'Nguyễn',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const pool = [
      0x41, 0x20, 0x0, 0x85, 0x200b, 0x200c, 0x200d, 0x202e, 0x2066, 0xfeff, 0x1780, 0x17d2, 0x1000, 0x0e01,
      0x0627, 0x0915, 0x094d, 0x00ad, 0x3164, 0xe0020, 0x1f600,
    ];
    for (let i = 0; i < 2000; i++)
      names.push(
        Array.from({ length: 1 + (next() % 8) }, () =>
          String.fromCodePoint(pool[next() % pool.length]!),
        ).join(''),
      );
    for (const name of names) expect(browser(name), JSON.stringify(name)).toEqual(revealHidden(name));
  });
});

describe('holder rules (src/domain/certify-rules.ts), shared by POST /certificates and cohort rows', () => {
  const today = '2026-11-20';
  const req = (holder: Record<string, string>) => ({
    holder: { name: 'Sok Dara', birthDate: '1995-04-12', ...holder },
    assessment: { date: '2026-11-18' },
  });
  const rules = (holder: Record<string, string>) =>
    requestProblems(req(holder), today).map((p) => `${p.field}:${p.rule}`);

  it.each([
    ['an empty name', { name: '' }, 'holder.name:required'],
    ['a name of spaces', { name: ' \u00a0\u3000' }, 'holder.name:required'],
    ['a name with a tab', { name: 'Sok\tDara' }, 'holder.name:control-characters'],
    ['a name with NUL', { name: 'Sok\u0000' }, 'holder.name:control-characters'],
    ['a name with a C1 control', { name: 'Sok\u009bDara' }, 'holder.name:control-characters'],
    ['a name with a right-to-left override', { name: 'Sok Dara\u202e' }, 'holder.name:invisible-characters'],
    [
      'a name with a zero-width space between Latin letters',
      { name: 'Sok\u200bDara' },
      'holder.name:invisible-characters',
    ],
    ['a name that is only a BOM', { name: '\ufeff' }, 'holder.name:required'],
    [
      'a document number with a bidi isolate',
      { documentNumber: 'N123\u2066' },
      'holder.documentNumber:invisible-characters',
    ],
    ['a birth date after the day of issuance', { birthDate: '2026-11-21' }, 'holder.birthDate:future-date'],
    ['a birth date before 1900', { birthDate: '1899-12-31' }, 'holder.birthDate:implausible-date'],
  ])('refuses %s', (_name, holder, expected) => {
    expect(rules(holder)).toEqual([expected]);
  });

  it('accepts the edges: born on the day of issuance or on 1900-01-01, a Khmer name typed with a zero-width space', () => {
    expect(EARLIEST_BIRTH_DATE).toBe('1900-01-01');
    for (const holder of [
      { birthDate: today },
      { birthDate: '1900-01-01' },
      { name: 'សុខ\u200bដារា' },
    ] as Record<string, string>[])
      expect(rules(holder)).toEqual([]);
  });

  it('a cohort row gets the same codes, on its column', () => {
    const row = (cells: Record<string, string>) =>
      checkRow(
        {
          qualification: 'TH-BRICK-1',
          holderName: 'Sok Dara',
          holderBirthDate: '1995-04-12',
          assessmentDate: '2026-11-18',
          assessmentLanguage: 'km',
          result: 'competent',
          ...cells,
        },
        today,
      ).errors.map((e) => `${e.column}:${e.code}`);
    expect(row({ holderName: 'Sok\u202eDara' })).toEqual(['holderName:invisible-characters']);
    expect(row({ holderName: 'Sok\u0085Dara' })).toEqual(['holderName:control-characters']);
    expect(row({ holderName: '   ' })).toEqual(['holderName:required']);
    expect(row({ holderBirthDate: '2027-01-01' })).toEqual(['holderBirthDate:future-date']);
    expect(row({ holderBirthDate: '1850-01-01' })).toEqual(['holderBirthDate:implausible-date']);
    expect(row({ holderDocumentNumber: 'N1\u200b2' })).toEqual(['holderDocumentNumber:invisible-characters']);
    expect(row({ holderName: 'សុខ\u200bដារា' })).toEqual([]);
  });
});
