import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type Browser } from './helpers/chromium.js';
import { startLiveHub } from './helpers/live-hub.js';
import { postCredential } from './helpers/post-credential.js';
import type { TestHub } from '../helpers/test-hub.js';
import {
  bareId,
  issueRevoked,
  issueSuspended,
  issueValid,
  tamperedCredential,
  uncheckableCredential,
  unknownIssuerCredential,
} from '../helpers/certificates.js';
import { catalogue, LANGUAGES } from '../../src/http/pages/i18n.js';
import type { VerdictState } from '../../src/domain/verdict-state.js';

const T = catalogue();

/** WCAG 2.x contrast ratio of two computed `rgb(...)` colours (https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio). */
function contrast(a: string, b: string): number {
  const lum = (rgb: string) => {
    const [r, g, bl] = rgb
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map(Number) as [number, number, number];
    const lin = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Every verdict state of the verification page in a real browser: its own headline, colour
 * and icon, readable (contrast), the key facts on a phone's first screen in all five
 * languages, the checklist, no forged facts, no clean printout of a revoked certificate.
 */
describe('the verification page states in Chromium', () => {
  let hub: TestHub & { url: string };
  let browser: Browser;
  const ids: Partial<Record<VerdictState, string>> = {};
  const posted: Partial<Record<VerdictState, Record<string, unknown>>> = {};

  beforeAll(async () => {
    hub = await startLiveHub();
    ids.valid = bareId((await issueValid(hub)).id);
    posted.altered = await tamperedCredential(hub);
    posted['unknown-issuer'] = await unknownIssuerCredential(hub);
    posted.unchecked = await uncheckableCredential(hub);
    // revoked and suspended five days after issuance: the page shows that day, from the hub's own record
    hub.clock.set('2026-11-25T09:00:00Z');
    ids.revoked = bareId((await issueRevoked(hub)).id);
    ids.suspended = bareId((await issueSuspended(hub)).id);
    ids['not-found'] = '00000000-0000-4000-8000-000000000000';
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  /** Opens a state's page: by number, or the credential posted as the paste form does. */
  const openState = async (state: VerdictState, lang: string, viewport = { width: 390, height: 844 }) => {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    const credential = posted[state];
    if (credential) await postCredential(page, hub.url, JSON.stringify(credential), lang);
    else await page.goto(`${hub.url}/v/${ids[state] ?? ids.valid}?lang=${lang}`);
    return page;
  };
  /** expired and not yet valid: the same valid certificate, read after its end and before its start */
  const atTime = async <R>(iso: string, run: () => Promise<R>): Promise<R> => {
    const before = hub.clock.now().toISOString();
    hub.clock.set(iso);
    try {
      return await run();
    } finally {
      hub.clock.set(before);
    }
  };
  const open = (state: VerdictState, lang: string, viewport?: { width: number; height: number }) =>
    state === 'expired'
      ? atTime('2032-01-01T00:00:00Z', () => openState('valid', lang, viewport))
      : state === 'not-yet-valid'
        ? atTime('2026-11-19T00:00:00Z', () => openState('valid', lang, viewport))
        : openState(state, lang, viewport);

  const TITLE: Record<VerdictState, string> = {
    valid: 'verdict.valid',
    invalid: 'verdict.invalid',
    unchecked: 'verdict.indeterminate',
    revoked: 'state.revoked',
    suspended: 'state.suspended',
    expired: 'state.expired',
    'not-yet-valid': 'state.not-yet-valid',
    altered: 'state.altered',
    'unknown-issuer': 'state.unknown-issuer',
    'not-found': 'state.not-found',
  };
  const SHOWN: VerdictState[] = [
    'valid',
    'revoked',
    'suspended',
    'expired',
    'not-yet-valid',
    'altered',
    'unknown-issuer',
    'not-found',
    'unchecked',
  ];

  const verdictLook = (page: Page) =>
    page.locator('.verdict').evaluate((el) => {
      const bg = getComputedStyle(el).backgroundColor;
      return {
        state: el.getAttribute('data-state'),
        bg,
        h1: getComputedStyle(el.querySelector('h1')!).color,
        p: getComputedStyle(el.querySelector('p')!).color,
        icon: el.querySelector('svg.icon')?.innerHTML ?? '',
        iconSize: el.querySelector('svg.icon')!.getBoundingClientRect().width,
      };
    });

  // every language's headline is checked over HTTP (test/http/verify-states.test.ts); here the scripts that stack tallest
  it('each state has its own headline, sentence, colour and icon, with text contrast of at least 4.5:1 (English, Khmer, Burmese)', async () => {
    const seen = new Map<string, VerdictState>();
    for (const state of SHOWN) {
      for (const lang of ['en', 'km', 'my'] as const) {
        const page = await open(state, lang);
        const look = await verdictLook(page);
        expect(look.state, `${state} ${lang}`).toBe(state);
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        expect(await page.locator('h1').innerText()).toBe(T[lang].texts[TITLE[state]]);
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.locator('.verdict p').first().innerText()).not.toBe('');
        expect(contrast(look.h1, look.bg), `${state} ${lang} headline`).toBeGreaterThanOrEqual(4.5);
        expect(contrast(look.p, look.bg), `${state} ${lang} sentence`).toBeGreaterThanOrEqual(4.5);
        expect(look.iconSize).toBeGreaterThanOrEqual(24);
        if (lang === 'en') {
          // one colour and one icon per state
          const key = `${look.bg}|${look.icon}`;
          expect(seen.get(key), `${state} looks like ${seen.get(key)}`).toBeUndefined();
          seen.set(key, state);
        }
        // headings in order and never empty
        const headings = await page
          .locator('h1, h2')
          .evaluateAll((hs) =>
            hs.map((h) => ({ level: Number(h.tagName[1]), text: h.textContent?.trim() ?? '' })),
          );
        expect(headings[0]!.level).toBe(1);
        expect(headings.every((h) => h.text.length > 0)).toBe(true);
        await page.close();
      }
    }
  }, 240_000);

  it('suspended is amber with dark text, not red; revoked is red with white text', async () => {
    const suspended = await verdictLook(await open('suspended', 'en'));
    expect(suspended.bg).toBe('rgb(245, 184, 0)');
    expect(suspended.h1).toBe('rgb(17, 17, 17)');
    const revoked = await verdictLook(await open('revoked', 'en'));
    expect(revoked.bg).toBe('rgb(164, 22, 26)');
    expect(revoked.h1).toBe('rgb(255, 255, 255)');
  });

  it("revoked and suspended say since when, from the hub's own record of the change, in the reader's language", async () => {
    for (const [state, key] of [
      ['revoked', 'state.revoked.since'],
      ['suspended', 'state.suspended.since'],
    ] as const) {
      for (const lang of ['en', 'th'] as const) {
        const page = await open(state, lang);
        const since = page.locator('.verdict [data-since]');
        expect(await since.getAttribute('data-since')).toBe('2026-11-25T09:00:00Z');
        const date = lang === 'en' ? 'November 25, 2026' : '25 พฤศจิกายน 2569';
        expect(await since.innerText()).toBe(T[lang].texts[key]!.replace('{date}', date));
        await page.close();
      }
    }
  });

  it('on a 390x844 phone, in all five languages, the verdict, name, qualification, AQRF level, centre and end date are on the first screen', async () => {
    for (const state of ['valid', 'revoked', 'suspended'] as const) {
      for (const lang of LANGUAGES) {
        const page = await open(state, lang);
        expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
        for (const selector of [
          '.verdict h1',
          '[data-field=worker]',
          '[data-field=qualification]',
          '[data-field=aqrf]',
          '[data-field=centre]',
          '[data-field=valid-until]',
        ]) {
          const box = await page.locator(selector).boundingBox();
          expect(box, `${state} ${lang} ${selector}`).not.toBeNull();
          expect(box!.y, `${state} ${lang} ${selector}`).toBeGreaterThanOrEqual(0);
          expect(box!.y + box!.height, `${state} ${lang} ${selector} bottom`).toBeLessThanOrEqual(844);
          expect(box!.x + box!.width, `${state} ${lang} ${selector} right`).toBeLessThanOrEqual(390);
        }
        // nothing wider than the phone
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        await page.close();
      }
    }
  }, 180_000);

  it('"What was checked" on the valid page: every line passed, in plain words, with the centre and when it was checked', async () => {
    const page = await open('valid', 'en');
    const lines = await page
      .locator('.checklist li')
      .evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-item'), li.getAttribute('data-mark')]));
    expect(lines).toEqual([
      ['unaltered', 'passed'],
      ['issuer', 'passed'],
      ['level', 'passed'],
      ['dates', 'passed'],
      ['status', 'passed'],
    ]);
    expect(await page.locator('[data-item=unaltered]').innerText()).toContain(
      T.en.texts['checklist.unaltered'],
    );
    expect(await page.locator('[data-item=issuer]').innerText()).toContain(
      'Demo National Technical Training Institute (Phnom Penh) – TH-BRICK-1',
    );
    expect(await page.locator('[data-item=status]').innerText()).toContain(T.en.texts['mark.passed']);
    expect(await page.locator('[data-checked-at]').innerText()).toMatch(/November 25, 2026\. \d\d:\d\d UTC/);
    // a passed mark is readable on white
    const color = await page
      .locator('.m-passed')
      .first()
      .evaluate((el) => getComputedStyle(el).color);
    expect(contrast(color, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(4.5);
  });

  it('the checklist marks what failed and what could not be checked (revoked; altered; uncheckable)', async () => {
    const marks = async (state: VerdictState) => {
      const page = await open(state, 'km');
      const m = Object.fromEntries(
        await page
          .locator('.checklist li')
          .evaluateAll((lis) =>
            lis.map((li) => [li.getAttribute('data-item'), li.getAttribute('data-mark')]),
          ),
      );
      expect(await page.locator('[data-mark=failed] .mark').first().innerText()).toContain(
        T.km.texts['mark.failed'],
      );
      await page.close();
      return m;
    };
    expect(await marks('revoked')).toMatchObject({ unaltered: 'passed', status: 'failed' });
    expect(await marks('altered')).toEqual({
      unaltered: 'failed',
      issuer: 'not-checked',
      level: 'not-checked',
      dates: 'not-checked',
      status: 'not-checked',
    });
    const page = await open('unchecked', 'en');
    expect(
      await page
        .locator('.checklist li')
        .evaluateAll((lis) => lis.every((li) => li.getAttribute('data-mark') === 'not-checked')),
    ).toBe(true);
    await page.close();
  });

  it("altered: the forged name and qualification are not shown as the certificate's; the hub's own record is, beside the warning", async () => {
    for (const lang of LANGUAGES) {
      const page = await open('altered', lang);
      expect(await page.locator('body').innerText()).not.toContain('Someone Else');
      expect(await page.locator('[data-warning=content-not-shown]').innerText()).toBe(
        T[lang].texts['content.notShown'],
      );
      const record = page.locator('[data-record=hub]');
      expect(await record.locator('[data-field=worker]').innerText()).toBe('Sok Dara');
      expect(await record.locator('[data-field=qualification]').innerText()).toContain('TH-BRICK-1');
      expect(await page.locator('[data-untrusted] h2').innerText()).toBe(T[lang].texts['altered.record']);
      await page.close();
    }
    // an unknown issuer's claims are not shown as facts either
    const page = await open('unknown-issuer', 'en');
    expect(await page.locator('[data-field=worker]').count()).toBe(0);
    expect(await page.locator('[data-warning=content-not-shown]').count()).toBe(1);
    await page.close();
  });

  it('a revoked or suspended certificate offers no printout; a valid one does', async () => {
    for (const state of ['revoked', 'suspended'] as const) {
      const page = await open(state, 'en');
      expect(await page.locator('a[href*="certificate.pdf"]').count(), state).toBe(0);
      await page.close();
    }
    const page = await open('valid', 'en');
    expect(await page.locator('a[href*="certificate.pdf"]').count()).toBe(1);
    await page.close();
  });

  it('printing keeps the verdict in its colour and words, and leaves out the navigation', async () => {
    for (const state of ['revoked', 'suspended', 'valid'] as const) {
      const page = await open(state, 'en');
      const screen = await verdictLook(page);
      await page.emulateMedia({ media: 'print' });
      const print = await verdictLook(page);
      expect(print.bg).toBe(screen.bg);
      expect(await page.locator('.verdict h1').isVisible()).toBe(true);
      expect(await page.locator('.bar').isVisible()).toBe(false);
      expect(await page.locator('nav.links').isVisible()).toBe(false);
      expect(
        await page
          .locator('.verdict')
          .evaluate((el) => getComputedStyle(el).getPropertyValue('print-color-adjust')),
      ).toBe('exact');
      await page.close();
    }
  });

  it('links are targets of at least 24x24 px (WCAG 2.5.8)', async () => {
    for (const lang of LANGUAGES) {
      const page = await open('valid', lang);
      const small = await page.locator('.bar a, nav.links a').evaluateAll((as) =>
        as
          .map((a) => ({ text: a.textContent, r: a.getBoundingClientRect() }))
          .filter(({ r }) => r.width < 24 || r.height < 24)
          .map(({ text, r }) => `${text} ${r.width}x${r.height}`),
      );
      expect(small, lang).toEqual([]);
      await page.close();
    }
  });

  it('no page broke its Content-Security-Policy', () => {
    expect(browser.cspViolations).toEqual([]);
  });
});
