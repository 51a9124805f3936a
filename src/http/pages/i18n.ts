import { readFileSync } from 'node:fs';

/**
 * Texts of the pages and the printable certificate in the five languages of the people who
 * meet a certificate. The texts live in data/i18n/<lang>.json so a native speaker can
 * correct them without touching code; English is the fallback for a missing key.
 */
export const LANGUAGES = ['en', 'th', 'km', 'lo', 'my'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const I18N_DIR = new URL('../../../data/i18n/', import.meta.url);

interface Meta {
  language: string;
  nativeName: string;
  status: string;
}
type Texts = Record<string, string>;

const load = (lang: Lang): { meta: Meta; texts: Texts } => {
  const { _meta, ...texts } = JSON.parse(readFileSync(new URL(`${lang}.json`, I18N_DIR), 'utf8')) as Record<
    string,
    unknown
  >;
  return { meta: _meta as Meta, texts: texts as Texts };
};
const CATALOGUE = Object.fromEntries(LANGUAGES.map((l) => [l, load(l)])) as Record<
  Lang,
  ReturnType<typeof load>
>;

export const isLang = (v: unknown): v is Lang =>
  typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/** BCP 47 tag to one of ours: `km-KH` -> `km`; `mya`/`bur` -> `my`; anything else undefined. */
export function supportedLang(tag: string | undefined): Lang | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  const alias: Record<string, Lang> = { mya: 'my', bur: 'my', khm: 'km', lao: 'lo', tha: 'th', eng: 'en' };
  const l = base ? (alias[base] ?? base) : undefined;
  return isLang(l) ? l : undefined;
}

/** `?lang=` wins (first value if repeated), then the Accept-Language header by q weight, then English. */
export function negotiateLang(
  query: unknown,
  acceptLanguage: string | undefined,
  fallback: Lang = 'en',
): Lang {
  const asked = Array.isArray(query) ? query[0] : query;
  const fromQuery = typeof asked === 'string' ? supportedLang(asked) : undefined;
  if (fromQuery) return fromQuery;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const l = supportedLang(tag);
    if (l) return l;
  }
  return fallback;
}

export interface Translator {
  lang: Lang;
  /** the language's own name, e.g. ខ្មែរ */
  nativeName: string;
  machineDrafted: boolean;
  t(key: string, vars?: Record<string, string | number>): string;
  has(key: string): boolean;
  /** a date (or instant) in words in this language, UTC: 20 November 2026 */
  date(iso: string | undefined): string;
  /** a language tag's name in this language: km -> "Khmer" / "ខ្មែរ" */
  languageName(tag: string | undefined): string;
  countryName(code: string | undefined): string;
}

const fill = (text: string, vars: Record<string, string | number> = {}): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

export function translator(lang: Lang): Translator {
  const { meta, texts } = CATALOGUE[lang];
  const english = CATALOGUE.en.texts;
  const t = (key: string, vars?: Record<string, string | number>) =>
    fill(texts[key] ?? english[key] ?? key, vars);
  // Western digits in every language: Burmese dates would otherwise come in Myanmar digits (၂၀၂၆)
  // next to the Western digits of levels, times and certificate numbers on the same page. The
  // calendar stays the language's own (Thai: Buddhist era).
  const dateFormat = new Intl.DateTimeFormat(lang, {
    dateStyle: 'long',
    timeZone: 'UTC',
    numberingSystem: 'latn',
  });
  let regions: Intl.DisplayNames | undefined;
  let languages: Intl.DisplayNames | undefined;
  try {
    regions = new Intl.DisplayNames([lang, 'en'], { type: 'region' });
    languages = new Intl.DisplayNames([lang, 'en'], { type: 'language' });
  } catch {
    /* a runtime without ICU data: codes are shown as they are */
  }
  return {
    lang,
    t,
    has: (key) => key in texts || key in english,
    nativeName: meta.nativeName,
    machineDrafted: meta.status.startsWith('machine-drafted'),
    date: (iso) => {
      if (!iso) return '';
      const when = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
      return Number.isNaN(when.getTime()) ? iso : dateFormat.format(when);
    },
    languageName: (tag) => {
      if (!tag) return '';
      const base = tag.toLowerCase().split('-')[0]!;
      const key = `language.${base === 'tl' ? 'fil' : base}`;
      if (texts[key]) return texts[key]!;
      try {
        return languages?.of(tag) ?? tag;
      } catch {
        return tag;
      }
    },
    countryName: (code) => {
      if (!code) return '';
      try {
        return regions?.of(code.toUpperCase()) ?? code;
      } catch {
        return code;
      }
    },
  };
}

/** Every key and its text per language, for the completeness test. */
export const catalogue = (): Record<Lang, { meta: Meta; texts: Record<string, string> }> => CATALOGUE;
