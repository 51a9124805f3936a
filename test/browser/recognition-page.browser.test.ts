import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import type { TestHub } from '../helpers/test-hub.js';
import { issueValid } from '../helpers/certificates.js';

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

  it('no page broke its Content-Security-Policy: Chromium refused nothing (styles, scripts, fetches, images)', () => {
    expect(browser.cspViolations).toEqual([]);
  });
});
