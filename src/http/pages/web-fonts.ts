import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Noto Sans subsets for the scripts many phones lack (Thai, Khmer, Lao, Burmese), served by
 * this hub: the woff2 files and `unicode-range` of the @fontsource packages (SIL Open Font
 * License 1.1, from the Noto project). A browser downloads a file only when the page has a
 * character in its range (https://www.w3.org/TR/css-fonts-4/#unicode-range-desc), so an
 * English page fetches nothing. File names carry a content hash: cached for a year, immutable.
 * Latin is left to the system fonts.
 */
export interface FontFile {
  path: string;
  body: Buffer;
}

const SCRIPTS = [
  { pkg: 'noto-sans-thai', family: 'Noto Sans Thai', subset: 'thai' },
  { pkg: 'noto-sans-khmer', family: 'Noto Sans Khmer', subset: 'khmer' },
  { pkg: 'noto-sans-lao', family: 'Noto Sans Lao', subset: 'lao' },
  { pkg: 'noto-sans-myanmar', family: 'Noto Sans Myanmar', subset: 'myanmar' },
] as const;
const WEIGHTS = [400, 700] as const;

const require = createRequire(import.meta.url);

function load(): { files: FontFile[]; css: string } {
  const files: FontFile[] = [];
  const faces: string[] = [];
  for (const s of SCRIPTS) {
    const dir = dirname(require.resolve(`@fontsource/${s.pkg}/package.json`));
    for (const weight of WEIGHTS) {
      const name = `${s.pkg}-${s.subset}-${weight}-normal`;
      // the package's own CSS says which characters the subset covers
      const css = readFileSync(join(dir, `${weight}.css`), 'utf8');
      const block = css.split(`/* ${name} */`)[1] ?? '';
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1]?.trim();
      if (!range) throw new Error(`no unicode-range for ${name} in @fontsource/${s.pkg}`);
      const body = readFileSync(join(dir, 'files', `${name}.woff2`));
      const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
      const path = `/assets/fonts/${name}-${hash}.woff2`;
      files.push({ path, body });
      faces.push(
        `@font-face{font-family:"${s.family}";font-style:normal;font-weight:${weight};font-display:swap;src:url(${path}) format("woff2");unicode-range:${range}}`,
      );
    }
  }
  return { files, css: faces.join('\n') };
}

const FONTS = load();

/** every font file this hub serves */
export const FONT_FILES: readonly FontFile[] = FONTS.files;
/** the @font-face rules, one per script and weight */
export const FONT_FACE_CSS: string = FONTS.css;
