import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, ARTIFACTS, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import { writeQrVideo } from './helpers/y4m.js';
import type { TestHub } from '../helpers/test-hub.js';
import { bareId, issueRevoked, issueValid, tamperedCredential } from '../helpers/certificates.js';
import { decodePng } from '../helpers/qr-decode.js';
import { storeAsCentre } from '../helpers/forge.js';
import { catalogue } from '../../src/http/pages/i18n.js';

const T = catalogue();

/**
 * A site manager scanning workers one after another: Chromium's fake camera plays a video of
 * QR codes (written here as Y4M from the QR module matrices), the /scan page decodes each
 * with jsQR, checks it with POST /verifications and lists the verdicts.
 */
describe('/scan in Chromium with a fake camera', () => {
  let hub: TestHub & { url: string };
  let browser: Browser;
  let dir: string;
  let valid: Awaited<ReturnType<typeof issueValid>>;
  let revoked: Awaited<ReturnType<typeof issueValid>>;
  let offline: Awaited<ReturnType<typeof issueValid>>;
  beforeAll(async () => {
    hub = await startLiveHub();
    valid = await issueValid(hub);
    revoked = await issueRevoked(hub);
    offline = await issueValid(hub, {
      holder: { name: 'Noy Keo', documentNumber: 'L998877' },
      qr: 'credential',
    });
    const offlineQr = decodePng(
      (await hub.app.inject({ url: `/certificates/${bareId(offline.id)}/qr.png` })).rawPayload,
    );
    dir = mkdtempSync(join(tmpdir(), 'skillpass-camera-'));
    const video = join(dir, 'qr-codes.y4m');
    writeQrVideo(video, [
      { text: valid.verifyUrl, frames: 12 },
      { frames: 4 },
      { text: revoked.verifyUrl, frames: 12 },
      { frames: 4 },
      { text: offlineQr, frames: 16 },
      { frames: 4 },
    ]);
    browser = await launchChromium({
      extraArgs: [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    await browser.context.grantPermissions(['camera'], { origin: hub.url });
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const entries = (page: Page) => page.locator('#results li.entry[data-outcome]');
  const waitForEntries = async (page: Page, n: number) => {
    await page.waitForFunction(
      (count) => document.querySelectorAll('#results li.entry[data-outcome]').length >= count,
      n,
      { timeout: 45_000 },
    );
    return entries(page).evaluateAll((lis) =>
      lis.map((li) => ({
        outcome: li.getAttribute('data-outcome'),
        name: li.querySelector('.name')?.textContent ?? '',
        text: li.textContent ?? '',
      })),
    );
  };

  it('lists each worker scanned in a row with the verdict, once each (URL codes and a whole-credential code)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hub.url}/scan?lang=km`);
    expect(await page.locator('h1').innerText()).toBe(T.km.texts['scan.title']);
    await page.locator('#start').click();
    const list = await waitForEntries(page, 3);
    await page.waitForTimeout(3000); // the video loops: nothing is listed twice
    expect(await entries(page).count()).toBe(3);
    const byName = Object.fromEntries(list.map((e) => [e.name, e]));
    expect(byName['Sok Dara']?.outcome).toBe('valid');
    expect(byName['Sok Dara']?.text).toContain(T.km.texts['verdict.valid']);
    expect(byName['Chan Sophea']?.outcome).toBe('invalid');
    expect(byName['Chan Sophea']?.text).toContain(T.km.texts['code.revoked']);
    expect(byName['Noy Keo']?.outcome).toBe('valid');
    await page.screenshot({ path: join(ARTIFACTS, 'scan-camera-km.png'), fullPage: true });
    await page.keyboard.press('Escape'); // the full-screen verdict of the last scan
    await page.locator('#stop').click();
    await page.close();
  });

  it('checks a photo of a QR code, and pasted credentials (a JWT, a tampered JSON), adding them to the list', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hub.url}/scan?lang=th`);
    const jwt = await issueValid(hub, {
      format: 'vc+jwt',
      holder: { name: 'Somchai Dee', birthDate: '1988-08-08' },
    });
    const png = (await hub.app.inject({ url: `/certificates/${bareId(jwt.id)}/qr.png` })).rawPayload;
    await page.locator('#photo').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: png });
    expect((await waitForEntries(page, 1))[0]).toMatchObject({ outcome: 'valid', name: 'Somchai Dee' });
    await page.keyboard.press('Escape'); // the full-screen verdict of the photo

    await page.locator('#credential').fill(jwt.credential as string);
    await page.locator('#paste button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('#results li.again') !== null); // the same certificate again: flagged, not listed twice

    await page.locator('#credential').fill(JSON.stringify(await tamperedCredential(hub)));
    await page.locator('#paste button[type=submit]').click();
    const list = await waitForEntries(page, 2);
    expect(list[0]).toMatchObject({ outcome: 'invalid', name: 'Someone Else' });
    expect(list[0]!.text).toContain(T.th.texts['verdict.invalid']);
    expect(list[0]!.text).toContain(T.th.texts['code.bad-signature']);
    expect(await page.locator('#results li[data-outcome=invalid] a').count()).toBe(0); // no link to the stored (genuine) copy's page
    await page.screenshot({ path: join(ARTIFACTS, 'scan-photo-paste-th.png'), fullPage: true });
    await page.close();
  });

  it('a pasted credential whose name hides a right-to-left override shows it as ⟨U+202E⟩, with a warning', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hub.url}/scan?lang=km`);
    const { credential } = await storeAsCentre(hub.ctx, 'kh-ntti', {
      name: 'Sok Dara\u202eliaF',
      birthDate: '1990-01-01',
    });
    await page.locator('#credential').fill(JSON.stringify(credential));
    await page.locator('#paste button[type=submit]').click();
    const [entry] = await waitForEntries(page, 1);
    expect(entry).toMatchObject({ outcome: 'valid', name: 'Sok Dara⟨U+202E⟩liaF' });
    expect(entry!.text).not.toContain('\u202e');
    expect(await page.locator('#results li.entry .hidden-name').innerText()).toBe(T.km.texts['name.hidden']);
    await page.close();
  });

  it('the QR codes as SVG, drawn by Chromium, decode to the verification URL or the credential', async () => {
    for (const issued of [valid, offline]) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 700, height: 700 });
      await page.goto(`${hub.url}/certificates/${bareId(issued.id)}/qr.svg`); // no width or height: it fills the window
      const shot = await page.screenshot();
      const text = decodePng(shot);
      expect(text === issued.verifyUrl || text.startsWith('SKP1:')).toBe(true);
      expect(text).toBe(
        decodePng((await hub.app.inject({ url: `/certificates/${bareId(issued.id)}/qr.png` })).rawPayload),
      );
      await page.close();
    }
  });

  it('no page broke its Content-Security-Policy: Chromium refused nothing (styles, scripts, fetches, images)', () => {
    expect(browser.cspViolations).toEqual([]);
  });
});
