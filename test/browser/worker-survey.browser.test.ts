import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { launchChromium, ARTIFACTS, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import { a11yReport, headingOutlineOk } from './helpers/a11y.js';
import { bearer, brickRequest, issue, type TestHub } from '../helpers/test-hub.js';
import { bareId } from '../helpers/certificates.js';
import { catalogue } from '../../src/http/pages/i18n.js';

const LO = catalogue().lo.texts;
const EN = catalogue().en.texts;

/**
 * A worker on a phone (390x844), in Lao, opens the follow-up survey link the centre handed them at
 * certification (the certification answer's followUpSurvey, printed for the worker): first before
 * any job is recorded, then after a placement, and answers.
 */
describe('the worker survey on a phone, in Chromium', () => {
  let hub: TestHub & { url: string };
  let browser: Browser;
  let certificate: string;
  let surveyUrl: string;
  let employer: string;
  beforeAll(async () => {
    hub = await startLiveHub();
    browser = await launchChromium();
    browser.context.setDefaultTimeout(30_000);
    employer = (
      await hub.app.inject({
        method: 'POST',
        url: '/tokens',
        headers: bearer(hub.tokens.admin),
        payload: { role: 'employer', label: 'Siam Build Co.', country: 'TH' },
      })
    ).json().token;
    const issued = (await issue(
      hub,
      brickRequest({ holder: { name: 'Khamla Vong', birthDate: '1993-05-06', consentToFollowUp: true } }),
    )) as Awaited<ReturnType<typeof issue>> & { followUpSurvey: { url: string } };
    certificate = issued.id;
    surveyUrl = issued.followUpSurvey.url;
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it('in Lao at 390 px: from the link the centre handed over to the thanks page, nothing wider than the screen, accessible', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const noOverflow = async (when: string) =>
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth), when).toBeLessThanOrEqual(
        390,
      );
    const accessible = async (when: string) => {
      const report = await a11yReport(page);
      expect(report.lang, when).toBe('lo');
      expect(headingOutlineOk(report.headings), `${when}: ${report.headings.join(' ')}`).toBe(true);
      expect(report.unlabelled, when).toEqual([]);
      expect(report.smallTargets, when).toEqual([]);
      expect(report.lowContrast, when).toEqual([]);
    };
    // the link as printed for the worker, opened on this hub (the test hub's public URL is not the live one)
    const link = `${hub.url}${new URL(surveyUrl).pathname}?lang=lo`;
    expect(link).toMatch(/\/t\/[A-Za-z0-9_-]{24}\?lang=lo$/);
    // the worker page, open to anyone holding the certificate id, has no survey link
    await page.goto(`${hub.url}/v/${bareId(certificate)}/worker?lang=lo`);
    expect(await page.locator('a[href*="/t/"]').count()).toBe(0);
    // before any job is recorded: nothing to answer yet, said plainly
    await page.goto(link);
    expect(await page.locator('h1').innerText()).toBe(LO['survey.notYet.title']);
    await noOverflow('no questions yet');
    await accessible('no questions yet');
    const placed = await hub.app.inject({
      method: 'POST',
      url: '/placements',
      headers: bearer(employer),
      payload: {
        certificate,
        destination: 'TH',
        isco08: '7112',
        startDate: '2026-08-20', // the test hub's day is 2026-11-20: the 3-month questions are open
        monthlyWage: { amount: 12000, currency: 'THB' },
        contractType: 'fixed-term',
      },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    await page.goto(link);
    expect(await page.locator('h1').innerText()).toBe(LO['survey.title']);
    await noOverflow('the questions');
    await accessible('the questions');
    await page.screenshot({ path: join(ARTIFACTS, 'worker-survey-form-phone-lo.png'), fullPage: true });

    const employed = page.getByRole('group', { name: LO['survey.employed'] });
    await employed.getByLabel(LO['survey.yes']!, { exact: true }).check();
    await page.getByLabel(LO['survey.amount']!).fill('14500');
    expect(await page.getByLabel(LO['survey.currency']!).inputValue()).toBe('THB');
    await page.getByLabel(LO['survey.role']!).fill('ຊ່າງກໍ່ R2');
    const recommend = page.getByRole('group', { name: LO['survey.recommend'] });
    await recommend.getByLabel(LO['survey.yes']!, { exact: true }).check();
    await page.getByRole('button', { name: LO['survey.send'] }).click();
    await page.waitForURL(/\/thanks\?lang=lo$/);
    expect(await page.locator('h1').innerText()).toBe(LO['survey.thanks.title']);
    await noOverflow('thanks');
    await accessible('thanks');
    await page.screenshot({ path: join(ARTIFACTS, 'worker-survey-phone-lo.png'), fullPage: true });
    const placement = (await hub.ctx.store.repos.outcomes.placementsOfCertificate(certificate))[0]!;
    expect(await hub.ctx.store.repos.outcomes.workerAnswers([placement.id])).toEqual([
      expect.objectContaining({
        month: 3,
        stillEmployed: true,
        monthlyWage: { amount: 14500, currency: 'THB' },
        roleOrGrade: 'ຊ່າງກໍ່ R2',
        wouldRecommend: true,
      }),
    ]);
    await page.close();
  }, 120_000);

  it("the issuing centre's page shows the worker's link and QR code again, for the worker only", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${hub.url}/centre?lang=en`);
    await page.getByLabel('Centre token').fill(hub.tokens.khNtti);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#desk').waitFor({ state: 'visible' });
    await page.getByLabel(/Search by name/).fill('Khamla');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#certs-table tbody tr').length === 1);
    await page.locator('#certs-table').getByRole('button', { name: EN['centre.js.survey'] }).click();
    const card = page.locator('[data-survey-card]');
    await card.waitFor();
    expect(await card.innerText()).toContain(EN['centre.js.surveyNote']);
    expect(await card.locator('a').getAttribute('href')).toBe(surveyUrl);
    await card
      .locator('img')
      .evaluate((img: HTMLImageElement) =>
        img.complete ? undefined : new Promise((resolve) => img.addEventListener('load', resolve)),
      );
    expect(await card.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(
      0,
    );
    await page.close();
  }, 60_000);

  it('no page broke its Content-Security-Policy', () => {
    expect(browser.cspViolations).toEqual([]);
  });
});
