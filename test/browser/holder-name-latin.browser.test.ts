import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { launchChromium, ARTIFACTS, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import { brickRequest, issue, type TestHub } from '../helpers/test-hub.js';
import { catalogue } from '../../src/http/pages/i18n.js';

const T = catalogue();

/** A Thai employer's phone: a Khmer worker's certificate shows the name in Khmer and, in its own row, in Latin letters. */
describe("the holder's name in Latin letters, in Chromium", () => {
  let hub: TestHub & { url: string };
  let browser: Browser;
  let verifyPath: string;
  beforeAll(async () => {
    hub = await startLiveHub();
    const issued = await issue(
      hub,
      brickRequest({
        holder: { name: 'សុខ ដារា', nameLatin: 'Sok Dara', birthDate: '1995-04-12', showBirthDate: true },
      }),
    );
    verifyPath = new URL(issued.verifyUrl).pathname;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('the verification page in Thai shows both names and the birth date, on a 390 px screen without sideways scrolling', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${hub.url}${verifyPath}?lang=th`);
    expect(await page.locator('html').getAttribute('lang')).toBe('th');
    expect(await page.locator('[data-field=worker]').innerText()).toBe('សុខ ដារា');
    const latin = page.locator('[data-field=worker-latin]');
    expect(await latin.innerText()).toBe('Sok Dara');
    expect(await latin.isVisible()).toBe(true);
    expect(await latin.getAttribute('lang')).toBe('und-Latn');
    // its label is the row's term, in the page's language
    expect(await latin.evaluate((dd) => dd.previousElementSibling?.textContent)).toBe(
      T.th.texts['field.workerLatin'],
    );
    expect(await page.locator('[data-field=birth-date]').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'verify-latin-name-th.png'), fullPage: true });
    await page.close();
  });

  it('no page broke its Content-Security-Policy', () => {
    expect(browser.cspViolations).toEqual([]);
  });
});
