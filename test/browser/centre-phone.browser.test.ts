import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { launchChromium, ARTIFACTS, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import type { TestHub } from '../helpers/test-hub.js';
import { HEADER } from '../helpers/cohorts.js';
import { catalogue } from '../../src/http/pages/i18n.js';

const KM = catalogue().km.texts;

/** A centre's staff member on a phone (390x844), in Khmer: the whole desk works without sideways scrolling. */
describe('the centre page on a phone, in Chromium', () => {
  let hub: TestHub & { url: string };
  let browser: Browser;
  beforeAll(async () => {
    hub = await startLiveHub();
    browser = await launchChromium();
    browser.context.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('in Khmer at 390 px: sign in, check a cohort with a problem, certify, list; nothing wider than the screen, every field labelled, targets of 24 px or more', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const noOverflow = async (when: string) =>
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth), when).toBeLessThanOrEqual(
        390,
      );
    await page.goto(`${hub.url}/centre?lang=km`);
    expect(await page.locator('html').getAttribute('lang')).toBe('km');
    expect(await page.locator('h1').innerText()).toBe(KM['centre.title']);
    expect(await page.locator('header nav a').count()).toBe(5);
    await noOverflow('signed out');
    await page.getByLabel(KM['centre.token']!).fill(hub.tokens.khNtti);
    await page.getByRole('button', { name: KM['centre.signIn'], exact: true }).click();
    await page.locator('#desk').waitFor({ state: 'visible' });
    expect(await page.locator('#status').innerText()).toBe(KM['centre.js.signedIn']);
    await page.locator('#cohort details summary').click(); // the columns table, open
    await noOverflow('signed in, the columns shown');

    const rows = [
      'TH-BRICK-1,សុខ ដារា,1995-04-12,,2026-11-18,km,competent,,Sok Dara,yes',
      'TH-BRICK-1,Chan Sophea,1990-02-03,,2026-11-18,km,competent,,,',
      'TH-BRICK-1,Keo Mony,12/04/1995,,2026-11-18,km,competent,,,',
    ];
    await page.locator('#csv').fill(`${HEADER},score,holderNameLatin,showBirthDate\n${rows.join('\n')}\n`);
    await page.getByRole('button', { name: KM['centre.check'] }).click();
    await page.locator('#errors-table').waitFor({ state: 'visible' });
    await noOverflow('preview with a problem');
    // on a phone each row is a card and each value carries its column's name
    const card = page.locator('#errors-table tbody tr').first();
    expect(await card.evaluate((el) => getComputedStyle(el).display)).toBe('block');
    expect(await card.locator('td').first().getAttribute('data-label')).toBe(KM['centre.col.row']);
    expect(await page.locator('#rows-table tbody tr').first().locator('td').nth(1).innerText()).toBe(
      'សុខ ដារា\nSok Dara',
    );
    expect(await page.locator('#rows-table tbody tr').first().locator('td').nth(3).innerText()).toBe(
      KM['centre.js.state.pending'],
    );

    const text = await page.locator('#csv').inputValue();
    await page.locator('#csv').fill(text.replace('12/04/1995', '1995-04-12'));
    await page.getByRole('button', { name: KM['centre.check'] }).click();
    await page.waitForFunction(() => document.getElementById('errors-table')!.hidden);
    await page.getByRole('button', { name: KM['centre.js.certifyMany']!.replace('{n}', '3') }).click();
    await page.locator('#download').waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.querySelectorAll('#certs-table tbody tr').length === 3);
    await noOverflow('certified, with the certificates listed');
    expect(await page.locator('#certs-table .badge').first().innerText()).toBe(KM['centre.js.status.valid']);
    await page.screenshot({ path: join(ARTIFACTS, 'centre-phone-km.png'), fullPage: true });

    // accessibility: every field labelled, every button and the header's links at least 24x24 CSS px
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')]
        .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label'))
        .map((el) => el.id),
    );
    expect(unlabelled).toEqual([]);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, header a')]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .map((el) => ({ text: (el as HTMLElement).innerText, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 24 || box.height < 24)
        .map(({ text, box }) => `${text} ${box.width}x${box.height}`),
    );
    expect(small).toEqual([]);
    await page.close();
  }, 120_000);

  it('no page broke its Content-Security-Policy (the texts come in a JSON data block, not a script)', () => {
    expect(browser.cspViolations).toEqual([]);
  });
});
