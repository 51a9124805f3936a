import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import type { TestHub } from '../helpers/test-hub.js';
import { issueValid } from '../helpers/certificates.js';
import { authorityToken } from '../helpers/recognition.js';
import { verify } from '../helpers/test-hub.js';
import { catalogue } from '../../src/http/pages/i18n.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACTS } from './helpers/chromium.js';

const T = catalogue();

/** WCAG 2.x contrast ratio of two rgb() colours (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio). */
const contrast = (a: string, b: string): number => {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

/**
 * The authorities' recognition page in Chromium under its Content-Security-Policy: its styles
 * (inline, allowed by hash) apply, its script (a file) runs, and the form posts.
 */
describe('the recognition page in Chromium', () => {
  let hub: TestHub & { url: string };
  let browser: Browser;
  let verifyUrl: string;
  beforeAll(async () => {
    hub = await startLiveHub();
    verifyUrl = (await issueValid(hub)).verifyUrl;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('styled, scripted and posting: a pasted verification link is recognised in Thailand', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hub.url}/recognition`);
    // the layout's and the page's own inline styles applied
    expect(await page.locator('header.bar').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(241, 243, 245)',
    );
    expect(
      await page
        .locator('fieldset')
        .first()
        .evaluate((el) => getComputedStyle(el).borderTopLeftRadius),
    ).not.toBe('0px');
    // the page's script ran: it shows the file chooser
    expect(await page.locator('#file-row').isVisible()).toBe(true);
    await page.locator('#certificate').fill(verifyUrl);
    await page.locator('#destination').selectOption('TH');
    await Promise.all([
      page.waitForURL(`${hub.url}/recognition`),
      page.getByRole('button', { name: 'Check recognition' }).click(),
    ]);
    expect(await page.locator('#verdict-title').innerText()).toMatch(/recognised/i);
    await page.close();
  });

  it('on a phone (390x844), in Khmer: the decision is on the first screen after submitting and has the focus; the signed receipt downloads and verifies', async () => {
    const token = await authorityToken(hub, 'TH');
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${hub.url}/recognition?lang=km`);
    // accessibility: the language, one h1, every field labelled, no sideways scrolling
    expect(await page.locator('html').getAttribute('lang')).toBe('km');
    expect(await page.locator('h1').innerText()).toBe(T.km.texts['recognition.title']);
    expect(await page.locator('h1').count()).toBe(1);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label'))
        .map((el) => el.id),
    );
    expect(unlabelled).toEqual([]);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    // targets (the language links, the button) at least 24x24 CSS px
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, .bar a')]
        .map((el) => ({ text: (el as HTMLElement).innerText, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ text, box }) => `${text} ${box.width}x${box.height}`),
    );
    expect(small).toEqual([]);

    await page.locator('#certificate').fill(verifyUrl);
    await page.locator('#destination').selectOption('TH');
    await page.locator('#token').fill(token);
    await Promise.all([
      page.waitForURL(`${hub.url}/recognition`),
      page.getByRole('button', { name: T.km.texts['recognition.submit'] }).click(),
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('km');
    expect(await page.locator('#verdict-title').innerText()).toBe(
      T.km.texts['recognition.decision.recognised'],
    );
    const box = (await page.locator('.verdict').boundingBox())!;
    const scrollY = await page.evaluate(() => window.scrollY);
    expect(box.y + scrollY).toBeLessThan(844 - box.height); // wholly on the first screen, without scrolling
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('result');
    const colours = await page
      .locator('.verdict')
      .evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color }));
    expect(contrast(colours.bg, colours.fg)).toBeGreaterThanOrEqual(4.5);
    expect(await page.locator('#token').inputValue()).toBe(''); // the token is not put back into the page
    await page.screenshot({ path: join(ARTIFACTS, 'recognition-decision-km.png') });

    // the receipt: a button-sized link (at least 24x24 CSS px) that saves a JSON file
    const link = page.locator('#receipt-download');
    const size = (await link.boundingBox())!;
    expect(Math.min(size.width, size.height)).toBeGreaterThanOrEqual(24);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^recognition-receipt-[0-9a-f-]+\.json$/);
    const receipt = JSON.parse(await readFile((await download.path())!, 'utf8')) as Record<string, unknown>;
    expect((await verify(hub, { credential: receipt })).outcome).toBe('valid');
    await page.close();
  });

  it('no page broke its Content-Security-Policy: Chromium refused nothing (styles, scripts, fetches, images)', () => {
    expect(browser.cspViolations).toEqual([]);
  });
});
