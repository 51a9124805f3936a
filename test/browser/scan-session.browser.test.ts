import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, ARTIFACTS, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import { bearer, type TestHub } from '../helpers/test-hub.js';
import { bareId, issueRevoked, issueValid } from '../helpers/certificates.js';
import { storeAsCentre } from '../helpers/forge.js';
import { catalogue } from '../../src/http/pages/i18n.js';
import { a11yReport, headingOutlineOk } from './helpers/a11y.js';

const T = catalogue();

/** Records what the page plays and vibrates: a stand-in AudioContext and navigator.vibrate. */
const RECORD_SIGNALS = () => {
  const w = window as unknown as { __tones: number[]; __vibrations: unknown[]; AudioContext: unknown };
  w.__tones = [];
  w.__vibrations = [];
  w.AudioContext = class {
    state = 'running';
    currentTime = 0;
    destination = {};
    resume() {
      return Promise.resolve();
    }
    createOscillator() {
      const osc = {
        type: 'sine',
        frequency: { value: 0 },
        connect() {},
        start() {
          w.__tones.push(osc.frequency.value);
        },
        stop() {},
      };
      return osc;
    }
    createGain() {
      return { gain: { value: 1 }, connect() {} };
    }
  };
  Object.defineProperty(navigator, 'vibrate', {
    configurable: true,
    value: (pattern: unknown) => {
      w.__vibrations.push(pattern);
      return true;
    },
  });
};

/**
 * The scanner's session on a phone: after each scan a full-screen verdict (green, red, amber for
 * a suspension) with a tone and a vibration, a running count, the session as CSV, and
 * certificates checked from a picture or the hub's own PDF.
 */
describe('/scan session in Chromium: verdict overlay, sound, count, CSV, picture and PDF upload', () => {
  let hub: TestHub & { url: string };
  let browser: Browser;
  let valid: Awaited<ReturnType<typeof issueValid>>;
  let revoked: Awaited<ReturnType<typeof issueValid>>;
  let suspended: Awaited<ReturnType<typeof issueValid>>;
  beforeAll(async () => {
    hub = await startLiveHub();
    valid = await issueValid(hub);
    revoked = await issueRevoked(hub);
    suspended = await issueValid(hub, { holder: { name: 'Lina Phan', birthDate: '1992-04-05' } });
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/status',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credentialId: suspended.id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
        status: true,
      },
    });
    if (res.statusCode !== 200) throw new Error(`suspend failed: ${res.body}`);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  const qrPng = async (id: string) =>
    (await hub.app.inject({ url: `/certificates/${bareId(id)}/qr.png` })).rawPayload;
  const openScan = async (lang: string) => {
    const page = await browser.context.newPage();
    await page.addInitScript(RECORD_SIGNALS);
    await page.goto(`${hub.url}/scan?lang=${lang}`);
    return page;
  };
  const overlayShown = async (page: Page) => {
    await page.waitForSelector('#overlay:not([hidden])', { timeout: 20_000 });
    return page.locator('#overlay').evaluate((o) => ({
      kind: o.getAttribute('data-kind'),
      icon: o.querySelector('#overlay-icon')?.textContent,
      title: o.querySelector('#overlay-title')?.textContent,
      name: o.querySelector('#overlay-name')?.textContent,
      qualification: o.querySelector('#overlay-qual')?.textContent,
      why: o.querySelector('#overlay-why')?.textContent,
      background: getComputedStyle(o).backgroundColor,
      color: getComputedStyle(o).color,
      focused: document.activeElement?.id,
      box: (() => {
        const r = o.getBoundingClientRect();
        return { w: Math.round(r.width), h: Math.round(r.height) };
      })(),
    }));
  };
  const signals = (page: Page) =>
    page.evaluate(() => {
      const w = window as unknown as { __tones: number[]; __vibrations: unknown[] };
      const out = { tones: [...w.__tones], vibrations: [...w.__vibrations] };
      w.__tones.length = 0;
      w.__vibrations.length = 0;
      return out;
    });

  it('a picture of a QR code: full-screen verdict (green valid, red revoked, amber suspended), a tone and a vibration each; a tap or a key dismisses it', async () => {
    const page = await openScan('km');
    const viewport = page.viewportSize()!;

    await page
      .locator('#upload')
      .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qrPng(valid.id) });
    const ok = await overlayShown(page);
    expect(ok).toMatchObject({
      kind: 'ok',
      icon: '✓',
      title: T.km.texts['verdict.valid'],
      name: 'Sok Dara',
      background: 'rgb(10, 107, 46)',
      color: 'rgb(255, 255, 255)',
      focused: 'overlay-close',
      box: { w: viewport.width, h: viewport.height },
    });
    expect(ok.qualification).toContain('TH-BRICK-1');
    // the icon and the verdict are large
    const sizes = await page.evaluate(() =>
      ['#overlay-icon', '#overlay-title', '#overlay-name'].map((s) =>
        parseFloat(getComputedStyle(document.querySelector(s)!).fontSize),
      ),
    );
    expect(sizes[0]).toBeGreaterThanOrEqual(80);
    expect(sizes[1]).toBeGreaterThanOrEqual(32);
    expect(sizes[2]).toBeGreaterThanOrEqual(24);
    expect(await signals(page)).toEqual({ tones: [880, 1320], vibrations: [100] });
    // accessible: an alert dialog named by its heading, a close button of a good size
    expect(await page.locator('#overlay').getAttribute('role')).toBe('alertdialog');
    const close = (await page.locator('#overlay-close').boundingBox())!;
    expect(close.height).toBeGreaterThanOrEqual(44);
    expect(close.width).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: join(ARTIFACTS, 'scan-overlay-valid-km.png') });
    await page.keyboard.press('Escape');
    expect(await page.locator('#overlay').isHidden()).toBe(true);

    await page
      .locator('#upload')
      .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qrPng(revoked.id) });
    const bad = await overlayShown(page);
    expect(bad).toMatchObject({
      kind: 'bad',
      icon: '✗',
      title: T.km.texts['verdict.invalid'],
      name: 'Chan Sophea',
      why: T.km.texts['code.revoked'],
      background: 'rgb(164, 22, 26)',
    });
    expect(await signals(page)).toEqual({ tones: [220], vibrations: [[300, 100, 300]] });
    await page.screenshot({ path: join(ARTIFACTS, 'scan-overlay-revoked-km.png') });
    await page.locator('#overlay').click({ position: { x: 10, y: 10 } }); // a tap anywhere
    expect(await page.locator('#overlay').isHidden()).toBe(true);

    await page
      .locator('#upload')
      .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qrPng(suspended.id) });
    const amber = await overlayShown(page);
    expect(amber).toMatchObject({
      kind: 'warn',
      icon: '!',
      title: T.km.texts['verdict.invalid'],
      name: 'Lina Phan',
      why: T.km.texts['code.suspended'],
      background: 'rgb(242, 169, 0)', // amber, with dark text
      color: 'rgb(17, 17, 17)',
    });
    expect(await signals(page)).toEqual({ tones: [587, 587], vibrations: [[150, 100, 150]] });
    await page.screenshot({ path: join(ARTIFACTS, 'scan-overlay-suspended-km.png') });
    await page.keyboard.press('Enter');
    expect(await page.locator('#overlay').isHidden()).toBe(true);

    // the list keeps the colours too: the suspended entry amber, not red
    const kinds = await page
      .locator('#results li.entry')
      .evaluateAll((lis) => lis.map((li) => [li.querySelector('.name')?.textContent, li.className]));
    expect(kinds).toEqual([
      ['Lina Phan', 'entry unsure'],
      ['Chan Sophea', 'entry bad'],
      ['Sok Dara', 'entry ok'],
    ]);
    // a pasted certificate is listed, without the full-screen verdict (the list is in view)
    await page.locator('#credential').fill(JSON.stringify(valid.credential));
    await page.locator('#paste button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('#results li.again') !== null);
    expect(await page.locator('#overlay').isHidden()).toBe(true);
    await page.close();
  });

  it("the hub's certificate PDF, uploaded: its QR code is read by the hub and checked (a URL code and a whole-credential code)", async () => {
    const page = await openScan('th');
    const offline = await issueValid(hub, {
      holder: { name: 'Noy Keo', documentNumber: 'L998877' },
      qr: 'credential',
    });
    for (const [issued, name] of [
      [revoked, 'Chan Sophea'],
      [offline, 'Noy Keo'],
    ] as const) {
      const pdf = (
        await hub.app.inject({ url: `/certificates/${bareId(issued.id)}/certificate.pdf?lang=th` })
      ).rawPayload;
      await page
        .locator('#upload')
        .setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: pdf });
      const shown = await overlayShown(page);
      expect(shown.name).toBe(name);
      expect(shown.kind).toBe(name === 'Noy Keo' ? 'ok' : 'bad');
      await page.keyboard.press('Escape');
    }
    // a file that is not a certificate: said so, nothing listed
    await page.locator('#upload').setInputFiles({
      name: 'notes.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\nnothing here'),
    });
    await page.waitForFunction(
      (text) => document.getElementById('scan-status')?.textContent === text,
      T.th.texts['scan.noQrPdf'],
    );
    expect(await page.locator('#results li.entry').count()).toBe(2);
    await page.close();
  });

  it('counts the session (valid, not valid, could not be checked) and downloads it as CSV, safe to open in a spreadsheet', async () => {
    const page = await openScan('en');
    // a genuine certificate whose worker name starts like a spreadsheet formula
    const { credential: formula } = await storeAsCentre(hub.ctx, 'kh-ntti', {
      name: '=HYPERLINK("http://evil.example","Sok")',
      birthDate: '1990-01-01',
    });
    for (const body of [JSON.stringify(valid.credential), JSON.stringify(formula)]) {
      await page.locator('#credential').fill(body);
      await page.locator('#paste button[type=submit]').click();
    }
    await page
      .locator('#upload')
      .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qrPng(revoked.id) });
    await overlayShown(page);
    await page.keyboard.press('Escape');
    await page
      .locator('#upload')
      .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qrPng(suspended.id) });
    await overlayShown(page);
    await page.keyboard.press('Escape');
    await page.waitForFunction(
      () => document.querySelectorAll('#results li.entry[data-outcome]').length === 4,
    );
    // one that cannot be checked (the network fails): counted as such
    await page.route('**/verifications', (route) => route.abort());
    await page.locator('#credential').fill(JSON.stringify(revoked.credential));
    await page.locator('#paste button[type=submit]').click();
    await page.waitForSelector('#summary[data-unsure="1"]');
    await page.unroute('**/verifications');
    expect(await page.locator('#results li.entry').count()).toBe(5);
    const summary = page.locator('#summary');
    expect(await summary.innerText()).toBe(
      T.en.texts['scan.summary']!.replace('{valid}', '2').replace('{invalid}', '2').replace('{unsure}', '1'),
    );

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
    expect(download.suggestedFilename()).toMatch(/^skillpass-scans-\d{4}-\d\d-\d\d-\d\d-\d\d\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff); // a BOM, so spreadsheets read the names as UTF-8
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('"scanned at","outcome","state/code","worker","qualification","certificate id"');
    expect(lines).toHaveLength(6);
    const cells = (line: string) =>
      [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));
    const rows = lines.slice(1).map(cells);
    // oldest first
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['valid', '', 'Sok Dara'],
      ['valid', '', `'=HYPERLINK("http://evil.example","Sok")`],
      ['invalid', 'revoked', 'Chan Sophea'],
      ['invalid', 'suspended', 'Lina Phan'],
      ['error', rows[4]![2], ''],
    ]);
    expect(rows[4]![2]).not.toBe('');
    for (const r of rows.slice(0, 4)) {
      expect(r[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(r[4]).toContain('TH-BRICK-1');
      expect(r[5]).toMatch(/^urn:uuid:/);
      // no cell starts a formula
      for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(rows[2]![5]).toBe(revoked.id);
    await page.close();
  });

  it('accessible in Burmese and Lao: language, headings, labels, 24 px targets and contrast, with and without the verdict on screen', async () => {
    for (const lang of ['my', 'lo']) {
      const page = await openScan(lang);
      await page
        .locator('#upload')
        .setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qrPng(suspended.id) });
      await overlayShown(page);
      const withOverlay = await a11yReport(page);
      await page.keyboard.press('Escape');
      const page2 = await a11yReport(page);
      for (const report of [withOverlay, page2]) {
        expect(report.lang).toBe(lang);
        expect(headingOutlineOk(report.headings), report.headings.join(' ')).toBe(true);
        expect(report.unlabelled).toEqual([]);
        expect(report.smallTargets).toEqual([]);
        expect(report.lowContrast).toEqual([]);
      }
      await page.close();
    }
  });

  it('no page broke its Content-Security-Policy: Chromium refused nothing', () => {
    expect(browser.cspViolations).toEqual([]);
  });
});
