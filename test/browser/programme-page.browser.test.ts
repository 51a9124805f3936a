import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { launchChromium, ARTIFACTS, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import { a11yReport, headingOutlineOk } from './helpers/a11y.js';
import type { TestHub } from '../helpers/test-hub.js';
import { seedProgramme, type ProgrammeData } from '../helpers/programme-data.js';
import { catalogue } from '../../src/http/pages/i18n.js';

const T = catalogue();

/**
 * The programme dashboard in Chromium, under the pages' Content-Security-Policy (no script
 * at all): the analyst types the token, the server draws the charts; they render as SVG,
 * the page is accessible, fits a phone, and prints without the form.
 */
describe('the programme dashboard in Chromium', () => {
  let hub: TestHub & { url: string };
  let browser: Browser;
  let data: ProgrammeData;
  beforeAll(async () => {
    hub = await startLiveHub();
    data = await seedProgramme(hub);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('in Lao on a 390 px phone: the form posts, the charts draw, accessible, no sideways scrolling, and it prints without the form', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${hub.url}/programme?lang=lo`);
    await page.locator('input[name=token]').fill(data.tokens.programmeKhTh);
    await Promise.all([
      page.waitForURL(`${hub.url}/programme`),
      page.getByRole('button', { name: T.lo.texts['programme.submit']! }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toBe(T.lo.texts['programme.title']);
    // three charts drawn (the corridor by quarter, wages, retention) as SVG with real bars
    const charts = page.locator('figure.chart svg');
    expect(await charts.count()).toBe(3);
    for (const svg of await charts.all()) {
      const box = (await svg.boundingBox())!;
      expect(box.width).toBeGreaterThan(300);
      expect(box.height).toBeGreaterThan(100);
    }
    const tallest = await page
      .locator('#placed-0 rect[data-value]')
      .evaluateAll((rects) => Math.max(...rects.map((r) => r.getBoundingClientRect().height)));
    expect(tallest).toBeGreaterThan(20);
    const report = await a11yReport(page);
    expect(report.lang).toBe('lo');
    expect(headingOutlineOk(report.headings), report.headings.join(' ')).toBe(true);
    expect(report.unlabelled).toEqual([]);
    expect(report.smallTargets).toEqual([]);
    expect(report.lowContrast).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'programme-dashboard-lo.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form.programme-form').isVisible()).toBe(false);
    expect(await page.locator('#summary').isVisible()).toBe(true);
    await page.close();
    expect(browser.cspViolations).toEqual([]);
  });
});
