import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { launchChromium, ARTIFACTS, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import type { TestHub } from '../helpers/test-hub.js';
import { HEADER } from '../helpers/cohorts.js';

/** A testing centre's staff member in Chromium: sign in, check a cohort, fix it, certify, make a wallet offer, then suspend and revoke. */
describe('the centre page in Chromium', () => {
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

  it('upload, preview with problems, fix, certify with progress, download; then search, suspend and revoke', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 1400 });
    await page.goto(`${hub.url}/centre`);
    await page.getByLabel('Centre token').fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#status.error').waitFor();
    await page.getByLabel('Centre token').fill(hub.tokens.khNtti);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#desk').waitFor({ state: 'visible' });

    const rows = [
      'TH-BRICK-1,Sok Dara,1995-04-12,,2026-11-18,km,competent',
      'TH-BRICK-1,Chan Sophea,1990-02-03,,2026-11-18,km,competent',
      'TH-BRICK-1,Keo Mony,12/04/1995,,2026-11-18,km,competent',
    ];
    await page.locator('#file').setInputFiles({
      name: 'cohort.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`),
    });
    await page.waitForFunction(() =>
      (document.getElementById('csv') as HTMLTextAreaElement).value.includes('Keo Mony'),
    );
    await page.getByRole('button', { name: 'Check the cohort' }).click();
    await page.locator('#errors-table').waitFor({ state: 'visible' });
    expect(await page.locator('#errors-table tbody tr').count()).toBe(1);
    expect(await page.locator('#errors-table tbody').innerText()).toContain('holderBirthDate');
    await page.screenshot({ path: join(ARTIFACTS, 'centre-preview.png'), fullPage: true });

    // fix the date in the text and check again
    const text = await page.locator('#csv').inputValue();
    await page.locator('#csv').fill(text.replace('12/04/1995', '1995-04-12'));
    await page.getByRole('button', { name: 'Check the cohort' }).click();
    await page.waitForFunction(() => document.getElementById('errors-table')!.hidden);
    await page.getByRole('button', { name: 'Certify 3 workers' }).click();
    await page.locator('#download').waitFor({ state: 'visible' });
    expect(await page.locator('#progress-text').innerText()).toContain('3 of 3 certified');
    const download = page.waitForEvent('download');
    await page.locator('#download').click();
    expect((await download).suggestedFilename()).toMatch(/^skillpass-batch-.*\.zip$/);
    await page.screenshot({ path: join(ARTIFACTS, 'centre-certified.png'), fullPage: true });

    // the certificates list: search, suspend, revoke
    await page.getByLabel(/Search by name/).fill('Chan');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#certs-table tbody tr').length === 1);
    // a wallet offer for the worker: its code (a blob: image, within the CSP), the PIN, the worker page link
    await page.locator('#certs-table').getByRole('button', { name: 'Wallet offer' }).click();
    await page.locator('#wallet').waitFor({ state: 'visible' });
    expect(await page.locator('#wallet-pin').innerText()).toMatch(/^[0-9]{6}$/);
    await page.waitForFunction(
      () => (document.getElementById('wallet-qr') as HTMLImageElement).naturalWidth > 0,
    );
    expect(await page.locator('#wallet-link').getAttribute('href')).toMatch(/\/worker\?credential_offer=/);
    page.on('dialog', (d) => {
      void d.accept();
    });
    await page.locator('#certs-table').getByRole('button', { name: 'Suspend' }).click();
    await page.locator('#certs-table .badge.suspended').waitFor();
    await page.locator('#certs-table').getByRole('button', { name: 'Revoke' }).click();
    await page.locator('#certs-table .badge.revoked').waitFor();
    expect(await page.locator('#certs-table tbody').innerText()).toContain('Chan Sophea');
    await page.screenshot({ path: join(ARTIFACTS, 'centre-certificates.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.close();
  }, 120_000);

  it('no page broke its Content-Security-Policy: Chromium refused nothing (styles, scripts, fetches, images)', () => {
    expect(browser.cspViolations).toEqual([]);
  });

  it('a name hiding a right-to-left override is refused in the preview and shown as ⟨U+202E⟩, never as the override itself', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hub.url}/centre`);
    await page.getByLabel('Centre token').fill(hub.tokens.khNtti);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#desk').waitFor({ state: 'visible' });
    await page
      .locator('#csv')
      .fill(`${HEADER}\nTH-BRICK-1,Sok Dara\u202eliaF,1995-04-12,,2026-11-18,km,competent\n`);
    await page.getByRole('button', { name: 'Check the cohort' }).click();
    await page.locator('#errors-table').waitFor({ state: 'visible' });
    expect(await page.locator('#errors-table tbody').innerText()).toContain(
      'invisible or direction-changing character (U+202E)',
    );
    const name = await page.locator('#rows-table tbody tr td:nth-child(2)').innerText();
    expect(name).toBe('Sok Dara⟨U+202E⟩liaF');
    await page.close();
  }, 60_000);
});
