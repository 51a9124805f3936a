/**
 * Characters that change how a name looks without being seen. A right-to-left override
 * (U+202E) shows "Sok Dara\u202Eevil" with its tail reversed; a zero-width space or a
 * byte-order mark makes two names that look the same compare different; a line break or a
 * NUL breaks a page or a PDF. Holder names (src/domain/certify-rules.ts) may hold none of
 * them, and pages show a name from a credential issued elsewhere with each one made
 * visible as ⟨U+202E⟩ (revealHidden, and the same in the browser scripts:
 * src/http/pages/reveal-script.ts, built from these tables).
 *
 * Unicode's own classes decide (UAX #44 General_Category): Cc (C0, DEL, C1) and the line and
 * paragraph separators are control characters; Cf (format: bidirectional embeddings,
 * overrides, isolates and marks, zero-width space, joiners, word joiner, soft hyphen, BOM,
 * tags...) and the Hangul fillers, which render as nothing, are hidden characters. Written as
 * code point ranges, not \p{...}, so the phone browsers' ES2017 scripts use the same tables;
 * test/domain/hidden-characters.test.ts holds them to the runtime's Unicode data.
 *
 * Three of them are part of writing in some scripts, so they are allowed between two
 * characters of those scripts: U+200C ZERO WIDTH NON-JOINER and U+200D ZERO WIDTH JOINER
 * choose conjunct and joining forms in Arabic-script (Persian, Urdu), Indic and Sinhala
 * writing, Khmer and Myanmar (The Unicode Standard, section 23.2 "Layout Controls"; RFC 5892
 * appendix A.1-A.2 allows them in such contexts in domain names), and U+200B ZERO WIDTH
 * SPACE marks word boundaries in Khmer, Myanmar, Thai and Lao, which put no spaces between
 * words (some Khmer keyboard layouts type it with the space bar).
 */
export type CodeRange = readonly [number, number];

export const CONTROL_RANGES: readonly CodeRange[] = [
  [0x00, 0x1f],
  [0x7f, 0x9f],
  [0x2028, 0x2029],
];

export const HIDDEN_RANGES: readonly CodeRange[] = [
  [0x00ad, 0x00ad],
  [0x0600, 0x0605],
  [0x061c, 0x061c],
  [0x06dd, 0x06dd],
  [0x070f, 0x070f],
  [0x0890, 0x0891],
  [0x08e2, 0x08e2],
  [0x115f, 0x1160],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x2064],
  [0x2066, 0x206f],
  [0x3164, 0x3164],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff9, 0xfffb],
  [0x110bd, 0x110bd],
  [0x110cd, 0x110cd],
  [0x13430, 0x1343f],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0001, 0xe0001],
  [0xe0020, 0xe007f],
];

/** ZWSP, ZWNJ, ZWJ: allowed between two characters of JOINING_SCRIPT_RANGES */
export const IN_SCRIPT_INVISIBLES: readonly number[] = [0x200b, 0x200c, 0x200d];

/** Arabic, Syriac, the Indic scripts (Devanagari to Sinhala), Thai, Lao, Myanmar, Khmer (their Unicode blocks) */
export const JOINING_SCRIPT_RANGES: readonly CodeRange[] = [
  [0x0600, 0x06ff],
  [0x0700, 0x074f],
  [0x0750, 0x077f],
  [0x0870, 0x08ff],
  [0x0900, 0x0dff],
  [0x0e00, 0x0eff],
  [0x1000, 0x109f],
  [0x1780, 0x17ff],
  [0x19e0, 0x19ff],
  [0xa8e0, 0xa8ff],
  [0xa9e0, 0xa9ff],
  [0xaa60, 0xaa7f],
  [0xfb50, 0xfdff],
  [0xfe70, 0xfefe],
];

const within = (ranges: readonly CodeRange[], cp: number): boolean =>
  ranges.some(([from, to]) => cp >= from && cp <= to);
export const isControl = (cp: number): boolean => within(CONTROL_RANGES, cp);
const isHiddenClass = (cp: number): boolean => within(HIDDEN_RANGES, cp);
const isScriptCharacter = (cp: number | undefined): boolean =>
  cp !== undefined && within(JOINING_SCRIPT_RANGES, cp) && !isHiddenClass(cp) && !isControl(cp);

export interface HiddenCharacter {
  index: number;
  codePoint: number;
  kind: 'control' | 'hidden';
}

/** Every control or hidden character of `text` (by code point), except a ZWSP/ZWNJ/ZWJ between two characters of a script that uses it. */
export function hiddenCharacters(text: string): HiddenCharacter[] {
  const points = Array.from(text, (ch) => ch.codePointAt(0)!);
  const found: HiddenCharacter[] = [];
  points.forEach((cp, index) => {
    if (isControl(cp)) {
      found.push({ index, codePoint: cp, kind: 'control' });
      return;
    }
    if (!isHiddenClass(cp)) return;
    if (
      IN_SCRIPT_INVISIBLES.includes(cp) &&
      isScriptCharacter(points[index - 1]) &&
      isScriptCharacter(points[index + 1])
    )
      return;
    found.push({ index, codePoint: cp, kind: 'hidden' });
  });
  return found;
}

/** U+202E */
export const codePointLabel = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The text with each control or hidden character replaced by a visible label, ⟨U+202E⟩ (or
 * the brackets given: the PDF's fonts have no ⟨⟩), and how many there were.
 */
export function revealHidden(
  text: string,
  brackets: readonly [string, string] = ['⟨', '⟩'],
): { text: string; hidden: number } {
  const found = hiddenCharacters(text);
  if (found.length === 0) return { text, hidden: 0 };
  const points = Array.from(text);
  for (const h of found) points[h.index] = `${brackets[0]}${codePointLabel(h.codePoint)}${brackets[1]}`;
  return { text: points.join(''), hidden: found.length };
}
