import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { launchChromium, ARTIFACTS, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import type { TestHub } from '../helpers/test-hub.js';
import { bareId, issueRevoked, issueValid } from '../helpers/certificates.js';
import { decodePng } from '../helpers/qr-decode.js';
import { catalogue } from '../../src/http/pages/i18n.js';
import { a11yReport, headingOutlineOk } from './helpers/a11y.js';

const T = catalogue();
const FAMILY = {
  th: 'Noto Sans Thai',
  km: 'Noto Sans Khmer',
  lo: 'Noto Sans Lao',
  my: 'Noto Sans Myanmar',
} as const;

/**
 * Phones without Thai, Khmer, Lao or Burmese fonts still render the pages: the hub serves the
 * Noto subsets itself (src/http/pages/web-fonts.ts). And the worker's page, once visited, opens
 * with its QR code without network (src/http/pages/web-app.ts).
 */
describe('web fonts and the offline worker page in Chromium', () => {
  let hub: TestHub & { url: string };
  let browser: Browser;
  let valid: Awaited<ReturnType<typeof issueValid>>;
  beforeAll(async () => {
    hub = await startLiveHub();
    valid = await issueValid(hub);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('in Thai, Khmer, Lao and Burmese the page loads its Noto face from this hub, cached for a year', async () => {
    for (const lang of ['th', 'km', 'lo', 'my'] as const) {
      const page = await browser.context.newPage();
      const fonts: { url: string; cacheControl: string; status: number }[] = [];
      page.on('response', (r) => {
        if (r.url().endsWith('.woff2'))
          fonts.push({ url: r.url(), cacheControl: r.headers()['cache-control'] ?? '', status: r.status() });
      });
      await page.goto(`${hub.url}/v/${bareId(valid.id)}?lang=${lang}`, { waitUntil: 'networkidle' });
      const faces = await page.evaluate(async (family) => {
        await document.fonts.ready;
        const list: { family: string; weight: string; status: string }[] = [];
        document.fonts.forEach((f) =>
          list.push({ family: f.family.replace(/"/g, ''), weight: f.weight, status: f.status }),
        );
        return {
          list,
          check: document.fonts.check(`16px "${family}"`, document.querySelector('h1')!.textContent!),
        };
      }, FAMILY[lang]);
      // the regular and the bold face of this script are loaded (the heading is bold); of the other
      // scripts only the regular face, for the language names in the switcher
      const loaded = faces.list.filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.weight}`);
      expect(loaded, lang).toContain(`${FAMILY[lang]} 400`);
      expect(loaded, lang).toContain(`${FAMILY[lang]} 700`);
      expect(
        loaded.filter((f) => f.endsWith(' 700')),
        lang,
      ).toEqual([`${FAMILY[lang]} 700`]);
      expect(faces.check, lang).toBe(true);
      expect(fonts.length, lang).toBe(loaded.length);
      for (const f of fonts) {
        expect(f.url, lang).toMatch(new RegExp(`^${hub.url}/assets/fonts/[\\w-]+-[0-9a-f]{12}\\.woff2$`));
        expect(f.status, lang).toBe(200);
        expect(f.cacheControl, lang).toBe('public, max-age=31536000, immutable');
      }
      // the text is drawn with the served face: the heading's font is the Noto family
      expect(await page.locator('h1').evaluate((h) => getComputedStyle(h).fontFamily), lang).toContain(
        FAMILY[lang],
      );
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await page.close();
    }
  });

  it('an English page fetches only the regular faces, for the language names in the switcher', async () => {
    const page = await browser.context.newPage();
    const fonts: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.woff2')) fonts.push(r.url().replace(/^.*\/assets\/fonts\//, ''));
    });
    await page.goto(`${hub.url}/scan?lang=en`, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    expect(fonts.map((f) => f.replace(/-[0-9a-f]{12}\.woff2$/, '')).sort()).toEqual([
      'noto-sans-khmer-khmer-400-normal',
      'noto-sans-lao-lao-400-normal',
      'noto-sans-myanmar-myanmar-400-normal',
      'noto-sans-thai-thai-400-normal',
    ]);
    await page.close();
  });

  it("the worker's page shows the QR code, and after one visit opens offline with the page and QR code", async () => {
    const page = await browser.context.newPage();
    const url = `${hub.url}/v/${bareId(valid.id)}/worker?lang=lo`;
    await page.goto(url);
    expect(await page.locator('link[rel=manifest]').getAttribute('href')).toBe(
      `/v/${bareId(valid.id)}/worker/manifest.webmanifest?lang=lo`,
    );
    expect(await page.locator('#present').innerText()).toBe(T.lo.texts['worker.show.title']);
    const qr = page.locator('.present img');
    expect(await qr.getAttribute('alt')).toBe(T.lo.texts['worker.qrAlt']);
    await page.waitForSelector('html[data-offline-ready=true]', { timeout: 20_000 });
    expect(await page.locator('#offline-note').isHidden()).toBe(true);

    await browser.context.setOffline(true);
    try {
      await page.reload();
      expect(await page.locator('h1').innerText()).toBe(T.lo.texts['worker.title']);
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.present img');
        return img !== null && img.complete && img.naturalWidth > 0;
      });
      // it says it is the saved copy
      expect(await page.locator('#offline-note').isVisible()).toBe(true);
      const shot = await page.locator('.present img').screenshot();
      expect(decodePng(shot)).toBe(valid.verifyUrl);
      await page.screenshot({ path: join(ARTIFACTS, 'worker-offline-lo.png'), fullPage: true });
    } finally {
      await browser.context.setOffline(false);
    }
    await page.close();
  });

  it("a revoked certificate's worker page says it is revoked, with no QR code to show and no 'valid until'", async () => {
    const revoked = await issueRevoked(hub);
    const page = await browser.context.newPage();
    await page.goto(`${hub.url}/v/${bareId(revoked.id)}/worker?lang=km`);
    expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('revoked');
    expect(await page.locator('[data-status]').innerText()).toBe(T.km.texts['worker.now.revoked']);
    expect(await page.locator('.present').count()).toBe(0);
    const text = await page.locator('main').innerText();
    expect(text).not.toContain(T.km.texts['worker.show']);
    expect(text).not.toContain(T.km.texts['worker.check']);
    expect(text).not.toContain(
      T.km.texts['worker.valid']!.split('{date}')
        .sort((a, b) => b.length - a.length)[0]!
        .trim(),
    );
    await page.screenshot({ path: join(ARTIFACTS, 'worker-revoked-km.png'), fullPage: true });
    await page.close();
  });

  it("the worker's page is accessible, valid and revoked: language, headings, labels, 24 px targets, contrast", async () => {
    const revoked = await issueRevoked(hub, { holder: { name: 'Kham Vong', birthDate: '1991-03-04' } });
    for (const [id, lang] of [
      [valid.id, 'th'],
      [revoked.id, 'my'],
    ] as const) {
      const page = await browser.context.newPage();
      await page.goto(`${hub.url}/v/${bareId(id)}/worker?lang=${lang}`);
      const report = await a11yReport(page);
      expect(report.lang).toBe(lang);
      expect(headingOutlineOk(report.headings), report.headings.join(' ')).toBe(true);
      expect(report.unlabelled).toEqual([]);
      expect(report.smallTargets).toEqual([]);
      expect(report.lowContrast).toEqual([]);
      await page.close();
    }
  });

  it('no page broke its Content-Security-Policy: Chromium refused nothing (fonts, manifest, service worker)', () => {
    expect(browser.cspViolations).toEqual([]);
  });
});
