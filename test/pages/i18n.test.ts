import { describe, expect, it } from 'vitest';
import { catalogue, LANGUAGES, negotiateLang, translator } from '../../src/http/pages/i18n.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const SCRIPT: Record<string, RegExp> = {
  th: /[\u0e00-\u0e7f]/,
  km: /[\u1780-\u17ff]/,
  lo: /[\u0e80-\u0eff]/,
  my: /[\u1000-\u109f]/,
};

describe('translations (data/i18n/*.json)', () => {
  const all = catalogue();
  const english = all.en.texts;

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s has every English key, none empty, with the same placeholders',
    (lang) => {
      const { texts } = all[lang];
      expect(Object.keys(texts).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(texts)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(english[key]!));
      }
    },
  );

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s is written in its own script and marked machine-drafted for review',
    (lang) => {
      const { meta, texts } = all[lang];
      expect(meta.status).toMatch(/^machine-drafted/);
      expect(translator(lang).machineDrafted).toBe(true);
      expect(meta.nativeName).toMatch(SCRIPT[lang]!);
      for (const key of ['verdict.valid', 'verdict.invalid', 'verdict.indeterminate', 'aqrf.1', 'aqrf.8'])
        expect(texts[key], key).toMatch(SCRIPT[lang]!);
    },
  );

  it('has a one-line meaning for each of the 8 AQRF levels', () => {
    for (let n = 1; n <= 8; n++) expect(english[`aqrf.${n}`]).toBeTruthy();
  });

  it('picks the language from ?lang, then Accept-Language by weight, else English', () => {
    expect(negotiateLang('km', 'th')).toBe('km');
    expect(negotiateLang(['lo', 'th'], undefined)).toBe('lo');
    expect(negotiateLang(undefined, 'fr-FR, my;q=0.8, th;q=0.9')).toBe('th');
    expect(negotiateLang(undefined, 'km-KH,km;q=0.9,en-US;q=0.8')).toBe('km');
    expect(negotiateLang('xx', 'de')).toBe('en');
    expect(negotiateLang(undefined, 'th;q=0, lo')).toBe('lo');
  });

  it("names languages and formats dates in the reader's language", () => {
    expect(translator('en').languageName('km')).toBe('Khmer');
    expect(translator('km').languageName('km')).toBe('ខ្មែរ');
    expect(translator('en').languageName('de')).toBe('German');
    expect(translator('en').date('2026-11-18')).toBe('November 18, 2026');
    expect(translator('th').date('2026-11-18')).toContain('2569'); // Thai dates use the Buddhist era
  });

  it('writes dates with Western digits in every language, like the levels, times and numbers beside them', () => {
    for (const lang of LANGUAGES) {
      const d = translator(lang).date('2026-11-18T10:00:00Z');
      expect(d, lang).toMatch(/18/);
      // no native digits: Thai ๐-๙, Khmer ០-៩, Lao ໐-໙, Myanmar ၀-၉
      expect(d, lang).not.toMatch(/[\u0E50-\u0E59\u17E0-\u17E9\u0ED0-\u0ED9\u1040-\u1049]/);
    }
    expect(translator('my').date('2026-11-18')).toContain('2026');
  });
});
