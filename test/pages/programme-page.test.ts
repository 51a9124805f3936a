import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { seedProgramme, type ProgrammeData } from '../helpers/programme-data.js';
import { catalogue, LANGUAGES } from '../../src/http/pages/i18n.js';

const T = catalogue();

/**
 * The programme dashboard (GET/POST /programme) through the real app: the token form, who may
 * see figures, what a corridor-limited programme sees, withheld cells, the five languages.
 */
describe('the programme dashboard page', () => {
  let hub: TestHub;
  let data: ProgrammeData;
  beforeAll(async () => {
    hub = await startTestHub('2026-11-20T10:00:00Z');
    data = await seedProgramme(hub);
  });
  afterAll(async () => {
    await hub?.close();
  });
  const post = (form: Record<string, string>) =>
    hub.app.inject({
      method: 'POST',
      url: '/programme',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
  const summaryRows = (html: string) =>
    [
      ...(/<table class="figures" id="summary">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '').matchAll(
        /<tr><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g,
      ),
    ].map(
      (m) =>
        [m[1], [...m[2]!.matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, ''))] as const,
    );

  it('GET shows the token form in each of the five languages, and no figures', async () => {
    for (const lang of LANGUAGES) {
      const res = await hub.app.inject({ url: `/programme?lang=${lang}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain(`<html lang="${lang}">`);
      expect(res.body).toContain(T[lang].texts['programme.title']);
      expect(res.body).toContain('<input type="password" name="token"');
      expect(res.body).not.toContain('class="dashboard"');
    }
  });

  it('a programme token sees its own corridor only, drawn as charts, and the token is not written back', async () => {
    const res = await post({ token: data.tokens.programmeKhTh, lang: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('KH-TH construction pilot');
    expect(res.body).not.toContain(data.tokens.programmeKhTh);
    expect(summaryRows(res.body)).toEqual([['KH → TH', ['8', '0', '6', '75%', '83%', 'fewer than 5']]]);
    expect(res.body).not.toContain('TH → TH');
    // certified and placed by quarter: the 8 certificates of 2026-Q4, the 6 placements of 2026-Q2 (and two zeros)
    const chart = /<figure class="chart" id="placed-0">([\s\S]*?)<\/figure>/.exec(res.body)?.[1] ?? '';
    expect(chart).toContain('KH → TH');
    expect([...chart.matchAll(/data-value="(\d+)"/g)].map((m) => Number(m[1])).sort()).toEqual([0, 0, 6, 8]);
    // medians within THB: 12,500 at placement (10,000..15,000), 13,000 at follow-up (the five answered with a wage)
    expect(res.body).toMatch(/<th scope="row">KH → TH \(THB\)<\/th><td>12,500<\/td><td>13,000<\/td>/);
  });

  it('an admin token sees every corridor; a withheld figure is written out, never drawn to scale', async () => {
    const res = await post({ token: data.tokens.admin, lang: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(T.en.texts['programme.allProgrammes']);
    const rows = Object.fromEntries(summaryRows(res.body));
    expect(Object.keys(rows).sort()).toEqual(['KH → TH', 'TH → TH']);
    expect(rows['TH → TH']![0]).toBe('5');
    expect(res.body).toContain('data-suppressed');
  });

  it('refuses tokens that may not read statistics, and a malformed window, with the form again (never a 5xx)', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ token: data.tokens.employerTh }, 403, 'programme.error.token'],
      [{ token: hub.tokens.khNtti }, 403, 'programme.error.token'],
      [{ token: 'not-a-token' }, 401, 'programme.error.token'],
      [{}, 401, 'programme.error.token'],
      [{ token: data.tokens.admin, from: '2026-13' }, 400, 'programme.error.window'],
      [{ token: data.tokens.admin, from: '2026-Q3', to: '2026-Q1' }, 400, 'programme.error.window'],
    ];
    for (const [form, status, key] of cases) {
      const res = await post({ ...form, lang: 'th' });
      expect(res.statusCode, JSON.stringify(form)).toBe(status);
      expect(res.body).toContain(T.th.texts[key]!);
      expect(res.body).not.toContain('class="dashboard"');
      if (form.token) expect(res.body).not.toContain(form.token);
    }
    const huge = await hub.app.inject({
      method: 'POST',
      url: '/programme',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${'x'.repeat(10_000)}`,
    });
    expect(huge.statusCode).toBe(413);
  });

  it('a window keeps only its quarters', async () => {
    const res = await post({ token: data.tokens.admin, from: '2026-Q2', to: '2026-Q2', lang: 'km' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2026-Q2 – 2026-Q2');
    const chart = /<figure class="chart" id="placed-0">([\s\S]*?)<\/figure>/.exec(res.body)?.[1] ?? '';
    expect(chart).not.toContain('2026-Q4');
  });
});
