import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { catalogue } from '../../src/http/pages/i18n.js';

const T = catalogue();
const textsOf = (html: string) =>
  JSON.parse(
    /<script type="application\/json" id="centre-texts">([^<]*)<\/script>/.exec(html)![1]!,
  ) as Record<string, string>;

/** GET /centre in the five page languages: ?lang, then Accept-Language, else English. */
describe('GET /centre (the testing centre desk) in five languages', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('English by default, with a switcher to the five languages', async () => {
    const res = await hub.app.inject({ url: '/centre' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('en');
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toContain('<label for="token">Centre token</label>');
    for (const l of ['en', 'th', 'km', 'lo', 'my']) expect(res.body).toContain(`href="/centre?lang=${l}"`);
    expect(res.body).toContain('<a lang="en" hreflang="en" href="/centre?lang=en" aria-current="true">');
    expect(textsOf(res.body)['js.state.pending']).toBe('ready');
  });

  it.each(['th', 'km', 'lo', 'my'] as const)(
    '%s: the page, the column help and the script texts in that language',
    async (lang) => {
      const res = await hub.app.inject({ url: `/centre?lang=${lang}` });
      const html = res.body;
      expect(res.headers['content-language']).toBe(lang);
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`<h1>${T[lang].texts['centre.title']}</h1>`);
      expect(html).toContain(`<label for="token">${T[lang].texts['centre.token']}</label>`);
      expect(html).toContain(T[lang].texts['centre.column.holderNameLatin']!.replace('>', '&#62;'));
      const texts = textsOf(html);
      expect(texts['js.signedIn']).toBe(T[lang].texts['centre.js.signedIn']);
      expect(texts['col.row']).toBe(T[lang].texts['centre.col.row']);
      expect(Object.keys(texts).length).toBeGreaterThan(40);
    },
  );

  it('Accept-Language picks the language when ?lang does not', async () => {
    const res = await hub.app.inject({ url: '/centre', headers: { 'accept-language': 'lo-LA,lo;q=0.9' } });
    expect(res.body).toContain('<html lang="lo">');
  });
});
