import { readFileSync } from 'node:fs';
import type PDFDocument from 'pdfkit';
import { fontFile, scriptOf, SCRIPTS, type Script } from './fonts.js';

/**
 * Text in any of our five scripts on a pdfkit page, shaped by HarfBuzz.
 *
 * pdfkit lays out text with fontkit, whose shaper gets Burmese wrong (medial ra and stacked
 * consonants land on the wrong letter). Here pdfkit still embeds and subsets the fonts, but
 * each font's layout is replaced by HarfBuzz (harfbuzzjs, WebAssembly): the same shaping
 * engine browsers use. Each drawn line is wrapped in a marked-content span whose ActualText
 * is the line in logical order, so copying or extracting the text gives the words as written
 * (Khmer and Burmese glyphs are stored in visual order).
 */
type Doc = InstanceType<typeof PDFDocument>;
type HarfBuzz = typeof import('harfbuzzjs');
interface HbFont {
  font: InstanceType<HarfBuzz['Font']>;
  hb: HarfBuzz;
}

let harfbuzz: Promise<HarfBuzz> | undefined;
const hbFonts = new Map<string, HbFont>();

async function hbFont(path: string): Promise<HbFont> {
  harfbuzz ??= import('harfbuzzjs');
  const hb = await harfbuzz;
  let f = hbFonts.get(path);
  if (!f) {
    f = { hb, font: new hb.Font(new hb.Face(new hb.Blob(readFileSync(path)))) };
    hbFonts.set(path, f);
  }
  return f;
}

interface FontkitGlyph {
  advanceWidth: number;
}
interface FontkitFont {
  getGlyph(id: number): FontkitGlyph;
  hasGlyphForCodePoint(cp: number): boolean;
  layout: unknown;
  shapedByHarfBuzz?: boolean;
}

/** fontkit's layout(text) answered by HarfBuzz: glyph ids, advances and offsets in font units. */
function harfBuzzLayout(fk: FontkitFont, { hb, font }: HbFont) {
  return (text: string) => {
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    hb.shape(font, buffer);
    const infos = buffer.getGlyphInfos();
    const positions = buffer
      .getGlyphPositions()
      .map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset }));
    // clusters are UTF-16 offsets: the first glyph of a cluster carries its characters (ToUnicode)
    const starts = [...new Set(infos.map((g) => g.cluster))].sort((a, b) => a - b);
    const clusterText = (c: number) => text.slice(c, starts[starts.indexOf(c) + 1] ?? text.length);
    const glyphs = infos.map((g, i) => ({
      id: g.codepoint,
      advanceWidth: fk.getGlyph(g.codepoint).advanceWidth,
      codePoints:
        i > 0 && infos[i - 1]!.cluster === g.cluster
          ? []
          : [...clusterText(g.cluster)].map((ch) => ch.codePointAt(0)!),
    }));
    return {
      glyphs,
      positions,
      get advanceWidth() {
        return positions.reduce((sum, p) => sum + p.xAdvance, 0);
      },
    };
  };
}

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
}
interface Run {
  script: Script;
  text: string;
}

export class ShapedText {
  private constructor(
    private readonly doc: Doc,
    private readonly fonts: Map<string, HbFont>,
  ) {}

  /** Registers the fonts on the document (regular and bold for each script) and loads HarfBuzz. */
  static async attach(doc: Doc): Promise<ShapedText> {
    const fonts = new Map<string, HbFont>();
    for (const script of SCRIPTS) {
      for (const bold of [false, true]) {
        const path = fontFile(script, bold);
        doc.registerFont(`${script}-${bold ? 'bold' : 'regular'}`, path);
        fonts.set(`${script}-${bold ? 'bold' : 'regular'}`, await hbFont(path));
      }
    }
    return new ShapedText(doc, fonts);
  }

  private use(script: Script, style: TextStyle): FontkitFont {
    const name = `${script}-${style.bold ? 'bold' : 'regular'}`;
    this.doc.font(name).fontSize(style.size);
    const fk = (this.doc as unknown as { _font: { font: FontkitFont } })._font.font;
    if (!fk.shapedByHarfBuzz) {
      fk.layout = harfBuzzLayout(fk, this.fonts.get(name)!);
      fk.shapedByHarfBuzz = true;
    }
    return fk;
  }

  /** Splits text into runs of one script; spaces, digits and punctuation stay with their neighbours. */
  private runs(text: string, style: TextStyle): Run[] {
    const runs: Run[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let script = scriptOf(cp);
      const last = runs[runs.length - 1];
      // a neutral character joins the current run when that font has it, else Latin
      if (!script)
        script =
          last && (cp === 0x20 || this.use(last.script, style).hasGlyphForCodePoint(cp))
            ? last.script
            : 'latin';
      // combining marks and joiners belong to the run before them
      if (last && (last.script === script || /\p{M}|\u200c|\u200d/u.test(ch))) last.text += ch;
      else runs.push({ script, text: ch });
    }
    return runs;
  }

  width(text: string, style: TextStyle): number {
    return this.runs(text, style).reduce((sum, r) => {
      this.use(r.script, style);
      return sum + this.doc.widthOfString(r.text);
    }, 0);
  }

  /** One line at a baseline, no wrapping; `align` against `width` from `x`. Returns the drawn width. */
  line(
    text: string,
    x: number,
    baseline: number,
    style: TextStyle & { align?: 'left' | 'center' | 'right'; width?: number; lang?: string },
  ): number {
    const total = this.width(text, style);
    let cursor =
      style.align === 'center' && style.width
        ? x + (style.width - total) / 2
        : style.align === 'right' && style.width
          ? x + style.width - total
          : x;
    this.doc.markContent('Span', { actual: text, ...(style.lang ? { lang: style.lang } : {}) } as never);
    this.doc.fillColor(style.color ?? '#111111');
    for (const r of this.runs(text, style)) {
      this.use(r.script, style);
      this.doc.text(r.text, cursor, baseline, { lineBreak: false, baseline: 'alphabetic' } as never);
      cursor += this.doc.widthOfString(r.text);
    }
    this.doc.endMarkedContent();
    return total;
  }

  /** Breaks text into lines no wider than `width` at spaces (and zero-width spaces); an overlong word keeps its own line. */
  wrap(text: string, style: TextStyle, width: number): string[] {
    const words = text.split(/(?<=[ \u200b])/u);
    const lines: string[] = [];
    let current = '';
    for (const word of words) {
      const candidate = current + word;
      if (current && this.width(candidate.trimEnd(), style) > width) {
        lines.push(current.trimEnd());
        current = word;
      } else current = candidate;
    }
    if (current.trim()) lines.push(current.trimEnd());
    return lines;
  }

  /** A wrapped paragraph from a top edge; returns the y below it. The size shrinks (to 60 %) until every line fits. */
  paragraph(
    text: string,
    x: number,
    top: number,
    style: TextStyle & {
      width: number;
      align?: 'left' | 'center' | 'right';
      lang?: string;
      lineHeight?: number;
      maxLines?: number;
    },
  ): number {
    let size = style.size;
    let lines = this.wrap(text, { ...style, size }, style.width);
    const fits = () =>
      lines.every((l) => this.width(l, { ...style, size }) <= style.width) &&
      lines.length <= (style.maxLines ?? Infinity);
    while (!fits() && size > style.size * 0.6) {
      size *= 0.92;
      lines = this.wrap(text, { ...style, size }, style.width);
    }
    // stacked scripts (Khmer, Burmese) need taller lines than Latin
    const tall = /[\u1000-\u109f\u1780-\u17ff]/u.test(text)
      ? 1.75
      : /[\u0e00-\u0eff]/u.test(text)
        ? 1.55
        : 1.3;
    const step = size * (style.lineHeight ?? tall);
    let y = top;
    for (const l of lines) {
      this.line(l, x, y + step / 2 + size * 0.33, { ...style, size });
      y += step;
    }
    return y;
  }
}
