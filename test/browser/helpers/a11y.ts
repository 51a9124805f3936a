import type { Page } from 'playwright-core';

export interface A11yReport {
  lang: string;
  headings: string[];
  unlabelled: string[];
  smallTargets: string[];
  lowContrast: string[];
}

/**
 * A few WCAG 2.2 checks on what a page shows now: the page's language, the heading outline
 * (one h1, no skipped level), a label for every form control (1.3.1, 4.1.2), targets of at
 * least 24 × 24 px for buttons, controls and navigation links (2.5.8; links inside sentences
 * are exempt), and text contrast of at least 4.5:1 against the nearest background (1.4.3).
 */
export function a11yReport(page: Page): Promise<A11yReport> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}#${el.id}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) =>
      [r!, g!, b!]
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const background = (el: Element | null): number[] => {
      for (let n = el; n; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3]! > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
      .filter(visible)
      .map((h) => h.tagName);
    const unlabelled = [...document.querySelectorAll('input:not([type=hidden]),textarea,select')]
      .filter(visible)
      .filter((el) => !((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label')))
      .map(describe);
    const smallTargets = [...document.querySelectorAll('button, input, select, textarea, nav a, .links a')]
      .filter(visible)
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width < 24 || r.height < 24;
      })
      .map(
        (el) =>
          `${describe(el)} ${Math.round(el.getBoundingClientRect().width)}x${Math.round(el.getBoundingClientRect().height)}`,
      );
    const lowContrast: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      if (!visible(el)) continue;
      const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
      if (!hasText) continue;
      const fg = lum(rgb(getComputedStyle(el).color));
      const bg = lum(background(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) lowContrast.push(`${describe(el)} ${ratio.toFixed(2)}`);
    }
    return { lang: document.documentElement.lang, headings, unlabelled, smallTargets, lowContrast };
  });
}

/** the heading levels in order never skip one, and there is exactly one h1 */
export const headingOutlineOk = (headings: string[]) =>
  headings.filter((h) => h === 'H1').length === 1 &&
  headings.every((h, i) => i === 0 || Number(h[1]) <= Number(headings[i - 1]![1]) + 1);
