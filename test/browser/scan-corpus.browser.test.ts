import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, ARTIFACTS, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import type { TestHub } from '../helpers/test-hub.js';
import { issueValid, tamperedCredential } from '../helpers/certificates.js';
import { adversarialCorpus, corpusSources, type CorpusCase } from '../helpers/adversarial-corpus.js';
import { catalogue } from '../../src/http/pages/i18n.js';

const T = catalogue().en.texts;

/**
 * The scanner's paste in Chromium (/scan): the adversarial corpus (test/helpers/adversarial-corpus.ts)
 * pasted one case after another never shows a valid entry, each case gets its own entry, and a
 * forged copy of a certificate already in the list, scanned before or after the genuine one,
 * neither hides it nor is hidden by it.
 */
describe('/scan paste in Chromium against the adversarial corpus', () => {
  let hub: TestHub & { url: string };
  let browser: Browser;
  let cases: CorpusCase[];
  beforeAll(async () => {
    hub = await startLiveHub();
    cases = await adversarialCorpus(await corpusSources(hub));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  const text = (input: CorpusCase['input']) => (typeof input === 'string' ? input : JSON.stringify(input));
  /** pastes and waits until the newest entry has its answer (undefined: the page said it is not a certificate at all) */
  async function paste(page: Page, value: string) {
    const before = await page.locator('#results li.entry').count();
    await page.evaluate(() => {
      document.getElementById('scan-status')!.textContent = '';
    });
    await page.locator('#credential').fill(value);
    await page.locator('#paste button[type=submit]').click();
    await page.waitForFunction(
      ({ count, checking, notCertificate }) => {
        if (document.getElementById('scan-status')?.textContent === notCertificate) return true;
        const items = document.querySelectorAll('#results li.entry');
        const newest = items[0];
        return items.length > count && newest !== undefined && newest.textContent !== checking;
      },
      { count: before, checking: T['scan.checking'], notCertificate: T['scan.notCertificate'] },
      { timeout: 20_000 },
    );
    if ((await page.locator('#results li.entry').count()) === before) return undefined;
    return page
      .locator('#results li.entry')
      .first()
      .evaluate((li) => ({
        outcome: li.getAttribute('data-outcome'),
        text: li.textContent ?? '',
        conflict: li.classList.contains('conflict'),
      }));
  }

  it('lists every case as its own entry, never valid, with its outcome', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hub.url}/scan?lang=en`);
    let listed = 0;
    for (const c of cases) {
      const entry = await paste(page, text(c.input));
      if (entry === undefined) {
        // not even the shape of a certificate (an unsigned JWT): the scanner says so and lists nothing
        expect(c.input, c.name).toMatch(/\.$/);
        continue;
      }
      listed++;
      if (c.jsonBodyRefused) {
        // the hub refuses the request as bad input: an error entry, not a verdict
        expect(entry.outcome, c.name).toBeNull();
        expect(entry.text, c.name).toContain(T['scan.failed']!.split('{')[0]!);
        continue;
      }
      expect(entry.outcome, c.name).toBe(c.expect.outcome);
    }
    expect(await page.locator('#results li.entry').count()).toBe(listed);
    expect(listed).toBeGreaterThanOrEqual(cases.length - 2);
    expect(await page.locator('#results li.entry[data-outcome=valid]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'scan-corpus-en.png'), fullPage: false });
    await page.close();
  }, 240_000); // some 90 pastes, each a real request

  it('a forged copy scanned after the genuine certificate is listed and flagged, not merged into it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hub.url}/scan?lang=en`);
    const genuine = await issueValid(hub, { holder: { name: 'Lim Sreyneang', birthDate: '1994-05-06' } });
    const forged = {
      ...(genuine.credential as Record<string, unknown>),
      credentialSubject: {
        ...(genuine.credential as Record<string, any>).credentialSubject,
        name: 'Someone Else',
      },
    };
    expect((await paste(page, JSON.stringify(genuine.credential)))?.outcome).toBe('valid');
    const copy = await paste(page, JSON.stringify(forged));
    expect(copy).toMatchObject({ outcome: 'invalid', conflict: true });
    expect(copy?.text).toContain(T['scan.differentCopy']);
    expect(await page.locator('#results li.entry').count()).toBe(2);
    expect(await page.locator('#results li.entry[data-outcome=valid].conflict').count()).toBe(1);
    await page.close();
  });

  it('a forged copy scanned first does not hide the genuine certificate scanned after it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hub.url}/scan?lang=en`);
    const forged = await tamperedCredential(hub);
    expect((await paste(page, JSON.stringify(forged)))?.outcome).toBe('invalid');
    const genuine = await hub.app.inject({
      url: `/certificates/${String(forged.id).replace('urn:uuid:', '')}`,
    });
    const real = await paste(page, genuine.body);
    expect(real).toMatchObject({ outcome: 'valid', conflict: true });
    expect(await page.locator('#results li.entry').count()).toBe(2);
    await page.close();
  });
});
