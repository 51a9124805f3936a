import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The OFL Noto fonts the printable certificate embeds, one family per script, shipped in npm
 * packages (@expo-google-fonts/*: plain TTF files) so `npm ci` is all a server needs; nothing
 * is downloaded at run time.
 */
export type Script = 'latin' | 'thai' | 'khmer' | 'lao' | 'myanmar';
export const SCRIPTS: readonly Script[] = ['latin', 'thai', 'khmer', 'lao', 'myanmar'];

const PACKAGES: Record<Script, { pkg: string; file: string }> = {
  latin: { pkg: '@expo-google-fonts/noto-sans', file: 'NotoSans' },
  thai: { pkg: '@expo-google-fonts/noto-sans-thai', file: 'NotoSansThai' },
  khmer: { pkg: '@expo-google-fonts/noto-sans-khmer', file: 'NotoSansKhmer' },
  lao: { pkg: '@expo-google-fonts/noto-sans-lao', file: 'NotoSansLao' },
  myanmar: { pkg: '@expo-google-fonts/noto-sans-myanmar', file: 'NotoSansMyanmar' },
};

const require = createRequire(import.meta.url);

/** The TTF file for a script and weight; a clear error when the package is not installed. */
export function fontFile(script: Script, bold: boolean): string {
  const { pkg, file } = PACKAGES[script];
  const weight = bold ? '700Bold' : '400Regular';
  let dir: string;
  try {
    dir = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    throw new Error(
      `The font package ${pkg} is not installed (needed to print ${script} text): run \`npm ci\`.`,
    );
  }
  const path = join(dir, weight, `${file}_${weight}.ttf`);
  if (!existsSync(path))
    throw new Error(`Font file missing: ${path} (package ${pkg}); reinstall it with \`npm ci\`.`);
  return path;
}

/** The script a character needs a font for; undefined for spaces, digits and punctuation any font has. */
export function scriptOf(codePoint: number): Script | undefined {
  if (codePoint >= 0x0e00 && codePoint <= 0x0e7f) return 'thai';
  if (codePoint >= 0x0e80 && codePoint <= 0x0eff) return 'lao';
  if ((codePoint >= 0x1780 && codePoint <= 0x17ff) || (codePoint >= 0x19e0 && codePoint <= 0x19ff))
    return 'khmer';
  if (
    (codePoint >= 0x1000 && codePoint <= 0x109f) ||
    (codePoint >= 0xa9e0 && codePoint <= 0xa9ff) ||
    (codePoint >= 0xaa60 && codePoint <= 0xaa7f)
  )
    return 'myanmar';
  if (
    codePoint <= 0x40 ||
    (codePoint >= 0x5b && codePoint <= 0x60) ||
    (codePoint >= 0x7b && codePoint <= 0x7f) ||
    (codePoint >= 0x2000 && codePoint <= 0x206f) ||
    codePoint === 0xa0
  )
    return undefined;
  return 'latin';
}
