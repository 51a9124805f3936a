import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { launchChromium, ARTIFACTS, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import type { TestHub } from '../helpers/test-hub.js';
import { bareId, issueRevoked, issueValid, tamperedCredential } from '../helpers/certificates.js';
import { catalogue } from '../../src/http/pages/i18n.js';

const T = catalogue();

/** What a site manager's phone shows, in a real browser: valid, revoked and tampered certificates, in several languages. */
describe('the verification page in Chromium', () => {
  let hub: TestHub & { url: string };
  let browser: Browser;
  let valid: string;
  let revoked: string;
  beforeAll(async () => {
    hub = await startLiveHub();
    valid = bareId((await issueValid(hub)).id);
    revoked = bareId((await issueRevoked(hub)).id);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  const open = async (path: string, acceptLanguage?: string) => {
    const page = await browser.context.newPage();
    if (acceptLanguage) await page.setExtraHTTPHeaders({ 'accept-language': acceptLanguage });
    const res = await page.goto(`${hub.url}${path}`);
    expect(res?.status()).toBe(200);
    return page;
  };

  it("valid, in English, then in Khmer from the phone's language; the switcher changes language", async () => {
    const page = await open(`/v/${valid}`, 'en');
    expect(await page.locator('h1').innerText()).toBe('Valid certificate');
    expect(await page.locator('.verdict').getAttribute('data-outcome')).toBe('valid');
    expect(await page.locator('[data-field=worker]').innerText()).toBe('Sok Dara');
    expect(await page.locator('[data-field=language]').innerText()).toBe('Khmer');
    expect(await page.locator('[data-field=aqrf]').innerText()).toContain(T.en.texts['aqrf.1']);
    // the verdict is large and has good contrast
    const style = await page.locator('.verdict').evaluate((el) => {
      const s = getComputedStyle(el);
      const h = getComputedStyle(el.querySelector('h1')!);
      return { bg: s.backgroundColor, color: s.color, size: parseFloat(h.fontSize) };
    });
    expect(style).toMatchObject({ bg: 'rgb(10, 107, 46)', color: 'rgb(255, 255, 255)' });
    expect(style.size).toBeGreaterThanOrEqual(30);
    await page.screenshot({ path: join(ARTIFACTS, 'verify-valid-en.png'), fullPage: true });
    await page.close();

    const km = await open(`/v/${valid}`, 'km-KH,km;q=0.9');
    expect(await km.locator('h1').innerText()).toBe(T.km.texts['verdict.valid']!);
    expect(await km.locator('html').getAttribute('lang')).toBe('km');
    expect(await km.locator('[data-field=qualification]').innerText()).toContain('ជាងរៀបឥដ្ឋ កម្រិត ១');
    expect(await km.locator('[data-field=language]').innerText()).toBe('ខ្មែរ');
    await km.screenshot({ path: join(ARTIFACTS, 'verify-valid-km.png'), fullPage: true });
    await Promise.all([km.waitForURL(/lang=lo/), km.getByRole('link', { name: 'ລາວ' }).click()]);
    expect(await km.locator('h1').innerText()).toBe(T.lo.texts['verdict.valid']!);
    await km.close();
  });

  it('revoked: "Revoked", what failed and what to do next, in Thai and Burmese', async () => {
    for (const lang of ['th', 'my'] as const) {
      const page = await open(`/v/${revoked}?lang=${lang}`);
      expect(await page.locator('h1').innerText()).toBe(T[lang].texts['state.revoked']!);
      expect(await page.locator('.verdict').getAttribute('data-state')).toBe('revoked');
      expect(await page.locator('.verdict').getAttribute('data-outcome')).toBe('invalid');
      expect(await page.locator('[data-code=revoked] p').first().innerText()).toBe(
        T[lang].texts['code.revoked'],
      );
      expect(await page.locator('[data-next]').innerText()).toBe(T[lang].texts['next.revoked']);
      await page.screenshot({ path: join(ARTIFACTS, `verify-revoked-${lang}.png`), fullPage: true });
      await page.close();
    }
  });

  it('tampered: pasted on the scan page without JavaScript, the form posts it and the page says "Altered" (English and Lao), never showing the forged name', async () => {
    const forged = JSON.stringify(await tamperedCredential(hub));
    const noScript = await launchChromium({ javaScriptEnabled: false });
    try {
      for (const lang of ['en', 'lo'] as const) {
        const page = await noScript.context.newPage();
        await page.goto(`${hub.url}/scan?lang=${lang}`);
        expect(await page.locator('noscript').count()).toBe(1);
        await page.locator('#credential').fill(forged);
        await Promise.all([
          page.waitForURL(`${hub.url}/v`),
          page.locator('#paste button[type=submit]').click(),
        ]);
        expect(await page.locator('h1').innerText()).toBe(T[lang].texts['state.altered']!);
        expect(await page.locator('[data-check=proof]').count()).toBe(1);
        expect(await page.locator('[data-next]').innerText()).toBe(T[lang].texts['next.tampered']);
        expect(await page.locator('body').innerText()).not.toContain('Someone Else');
        expect(await page.locator('[data-record=hub] [data-field=worker]').innerText()).toBe('Sok Dara');
        await page.screenshot({ path: join(ARTIFACTS, `verify-tampered-${lang}.png`), fullPage: true });
        await page.close();
      }
    } finally {
      await noScript.close();
    }
  });

  it("the worker's page in Khmer, with the recognition placeholder labelled", async () => {
    const page = await open(`/v/${valid}/worker?lang=km`);
    expect(await page.locator('h1').innerText()).toBe(T.km.texts['worker.title']!);
    expect(await page.locator('[data-aqrf="1"]').innerText()).toBe(T.km.texts['aqrf.1']);
    expect(await page.locator('[data-placeholder=recognition] h2').innerText()).toBe(
      T.km.texts['worker.recognition.title'],
    );
    await page.screenshot({ path: join(ARTIFACTS, 'worker-km.png'), fullPage: true });
    await page.close();
  });

  it("transfers the page in under 60 KB, and loads nothing else but this hub's fonts, icon and manifest", async () => {
    const page = await browser.context.newPage();
    const requests: string[] = [];
    const cached: Record<string, string> = {};
    let bytes = 0;
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', async (r) => {
      if (r.url() !== `${hub.url}/v/${revoked}?lang=my`) {
        cached[r.url()] = r.headers()['cache-control'] ?? '';
        return;
      }
      bytes +=
        (await r.body().catch(() => Buffer.alloc(0))).length +
        Object.entries(r.headers()).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
    });
    await page.goto(`${hub.url}/v/${revoked}?lang=my`, { waitUntil: 'networkidle' });
    expect(requests[0]).toBe(`${hub.url}/v/${revoked}?lang=my`);
    // the rest: the font subsets (Burmese text, and the language names in the switcher), the icon and the manifest, all from this hub
    for (const url of requests.slice(1))
      expect(url).toMatch(
        new RegExp(
          `^${hub.url}/(assets/fonts/noto-sans-[\\w-]+\\.woff2|assets/icon-[\\w-]+\\.(svg|png)|favicon\\.ico|manifest\\.webmanifest\\?lang=my)$`,
        ),
      );
    // the fonts and the icon come once, then from the browser's cache for a year
    for (const [url, cc] of Object.entries(cached))
      if (url.includes('/assets/')) expect(cc, url).toBe('public, max-age=31536000, immutable');
    expect(bytes).toBeLessThan(60 * 1024);
    console.log(`GET /v/:id (my, revoked): ${bytes} bytes with headers`);
    await page.close();
  });

  it('no page broke its Content-Security-Policy: Chromium refused nothing (styles, scripts, fetches, images)', () => {
    expect(browser.cspViolations).toEqual([]);
  });
});
