import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { bareId, issueRevoked, issueValid, tamperedCredential } from '../helpers/certificates.js';
import { catalogue, translator } from '../../src/http/pages/i18n.js';
import { renderVerifyPage } from '../../src/http/pages/verify-page.js';
import { plainView } from '../../src/services/verification/certificate-view.js';

const T = catalogue();
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The pages people meet, server-rendered: verdict, facts in plain words, five languages. */
describe('GET /v/:id and the pages around it', () => {
  let hub: TestHub;
  let valid: Awaited<ReturnType<typeof issueValid>>;
  let revoked: Awaited<ReturnType<typeof issueValid>>;
  beforeAll(async () => {
    hub = await startTestHub();
    valid = await issueValid(hub);
    revoked = await issueRevoked(hub);
  });
  afterAll(async () => {
    await hub?.close();
  });
  const get = (url: string, headers: Record<string, string> = {}) => hub.app.inject({ url, headers });

  it('a valid certificate: large verdict, then the facts in plain words (English)', async () => {
    const res = await get(`/v/${bareId(valid.id)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const page = text(res.body);
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).toMatch(/<h1>Valid certificate<\/h1>/);
    expect(res.body).toContain('data-outcome="valid"');
    for (const fact of [
      'Sok Dara',
      'Bricklaying, level 1',
      'TH-BRICK-1',
      `Level 1 – ${T.en.texts['aqrf.1']}`,
      'Demo National Technical Training Institute (Phnom Penh)',
      'Cambodia',
      'Accredited for this qualification from January 1, 2025 to December 31, 2028',
      'November 18, 2026',
      'Khmer',
      'November 20, 2026',
      'November 20, 2031',
    ]) {
      expect(page).toContain(fact);
    }
    expect(res.body).not.toContain('What failed');
  });

  it("speaks the reader's language: Accept-Language or ?lang=, with the qualification title from the registry", async () => {
    const km = await get(`/v/${bareId(valid.id)}`, { 'accept-language': 'km-KH,km;q=0.9,en;q=0.5' });
    expect(km.headers['content-language']).toBe('km');
    expect(km.body).toContain('<html lang="km">');
    expect(km.body).toContain(`<h1>${T.km.texts['verdict.valid']}</h1>`);
    expect(km.body).toContain('ជាងរៀបឥដ្ឋ កម្រិត ១'); // the registry's Khmer title
    expect(km.body).toContain(T.km.texts['aqrf.1']);
    expect(km.body).toContain(T.km.texts['language.km']);
    expect(km.body).toContain(T.km.texts.machineDrafted);
    const th = await get(`/v/${bareId(valid.id)}?lang=th`, { 'accept-language': 'km' });
    expect(th.body).toContain(`<h1>${T.th.texts['verdict.valid']}</h1>`);
    expect(th.body).toContain('ช่างก่ออิฐ ระดับ 1');
    expect(th.body).toContain('2569'); // Buddhist-era year
    // the switcher links to every language, the current one marked
    for (const l of ['en', 'th', 'km', 'lo', 'my'])
      expect(th.body).toContain(`href="/v/${bareId(valid.id)}?lang=${l}"`);
    expect(th.body).toMatch(/lang="th" hreflang="th" href="[^"]+" aria-current="true"/);
  });

  it('a revoked certificate: "Revoked" and since when, what failed and what to do next, in the reader\'s language', async () => {
    const en = await get(`/v/${bareId(revoked.id)}`);
    expect(en.body).toContain('<h1>Revoked</h1>');
    expect(en.body).toContain('data-state="revoked"');
    expect(text(en.body)).toContain('Revoked on November 20, 2026.');
    expect(en.body).toContain('data-code="revoked"');
    expect(text(en.body)).toContain(T.en.texts['code.revoked']);
    expect(text(en.body)).toContain(T.en.texts['next.revoked']);
    const my = await get(`/v/${bareId(revoked.id)}?lang=my`);
    expect(my.body).toContain(`<h1>${T.my.texts['state.revoked']}</h1>`);
    expect(my.body).toContain(T.my.texts['code.revoked']);
    expect(my.body).toContain(T.my.texts['next.revoked']);
  });

  it('a tampered credential posted from the paste form (no script): "Altered", the signature failed, the forged name not shown but the hub\'s own record', async () => {
    const forged = await tamperedCredential(hub);
    const form = new URLSearchParams({ credential: JSON.stringify(forged), lang: 'lo' }).toString();
    const res = await hub.app.inject({
      method: 'POST',
      url: '/v',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<h1>${T.lo.texts['state.altered']}</h1>`);
    expect(res.body).toContain('data-state="altered"');
    expect(res.body).toContain('data-check="proof"');
    expect(res.body).toContain(T.lo.texts['next.tampered']);
    expect(res.body).not.toContain('Someone Else');
    expect(res.body).toContain(T.lo.texts['content.notShown']);
    expect(res.body).toMatch(/data-record="hub">[^]*data-field="worker"><bdi>Sok Dara<\/bdi>/);
    // the same path takes an SKP1 text or a JWT
    const jwt = await issueValid(hub, { format: 'vc+jwt' });
    const ok = await hub.app.inject({
      method: 'POST',
      url: '/v',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ credential: jwt.credential as string }).toString(),
    });
    expect(ok.body).toContain('<h1>Valid certificate</h1>');
  });

  it('a result that cannot be confirmed (status list unreadable): "Cannot confirm", and to try again later', () => {
    const html = renderVerifyPage(
      plainView({
        outcome: 'indeterminate',
        verifiedAt: '2026-11-20T10:00:00Z',
        checks: [
          { id: 'proof', outcome: 'valid' },
          {
            id: 'status',
            outcome: 'indeterminate',
            code: 'status-unavailable',
            message: 'The status list could not be read.',
          },
        ],
        credential: { format: 'di', issuer: 'did:web:example.org', holderName: 'Sok Dara', aqrfLevel: 2 },
      }),
      translator('km'),
    );
    expect(html).toContain(`<h1>${T.km.texts['verdict.indeterminate']}</h1>`);
    expect(html).toContain('class="warn" data-check="status" data-code="status-unavailable"');
    expect(html).toContain(T.km.texts['code.status-unavailable']);
    expect(html).toContain(T.km.texts['next.indeterminate']);
    expect(html).toContain(T.km.texts['aqrf.2']);
    expect(html).toContain(T.km.texts['accreditation.unknown']);
  });

  it('an unknown number: 404 with a verdict page, not an error', async () => {
    const res = await get('/v/00000000-0000-4000-8000-000000000000?lang=km');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain(T.km.texts['code.unknown-certificate']);
  });

  it('weighs under 60 KB with everything it needs: no script, no stylesheet or image to fetch; only fonts from this hub', async () => {
    for (const lang of ['en', 'th', 'km', 'lo', 'my']) {
      for (const id of [valid.id, revoked.id]) {
        const res = await get(`/v/${bareId(id)}?lang=${lang}`);
        expect(res.rawPayload.length).toBeLessThan(60 * 1024);
        expect(res.body).not.toMatch(/<script|<img|@import/);
        // links: the icon and the web app manifest only (neither holds up the page)
        for (const [link] of res.body.matchAll(/<link\b[^>]*>/g))
          expect(link).toMatch(/^<link rel="(icon|apple-touch-icon|manifest)" href="\/[^/]/);
        // url(): the hub's own font subsets only, which a browser fetches for the characters it shows
        for (const [, url] of res.body.matchAll(/url\(([^)]*)\)/g))
          expect(url).toMatch(/^\/assets\/fonts\/[\w-]+-[0-9a-f]{12}\.woff2$/);
      }
    }
  });

  it("the worker's page explains the certificate and its AQRF level in their language, recognition left as a labelled placeholder", async () => {
    const km = await get(`/v/${bareId(valid.id)}/worker`); // defaults to the assessment language
    expect(km.body).toContain('<html lang="km">');
    expect(km.body).toContain(`<h1>${T.km.texts['worker.title']}</h1>`);
    expect(km.body).toContain(T.km.texts['aqrf.1']);
    expect(km.body).toContain(T.km.texts['aqrf.about']);
    expect(km.body).toContain('data-placeholder="recognition"');
    expect(km.body).toContain(T.km.texts['worker.recognition.placeholder']);
    expect(km.body).toContain('Basic general knowledge; simple routine tasks'); // the registry's descriptor, in English
    const en = await get(`/v/${bareId(valid.id)}/worker?lang=en`);
    expect(en.body.replace(/<[^>]+>/g, '')).toContain(
      'This certificate shows that Sok Dara was assessed as competent in “Bricklaying, level 1” on November 18, 2026 by Demo National Technical Training Institute (Phnom Penh).',
    );
  });

  it('the scan page works without a CDN: its scripts come from this hub, gzipped and cacheable', async () => {
    const page = await get('/scan?lang=km');
    expect(page.body).toContain(`<h1>${T.km.texts['scan.title']}</h1>`);
    expect(page.body).toContain('action="/v"');
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(2);
    for (const src of scripts) {
      expect(src).toMatch(/^\/assets\/(jsqr|scan)-[0-9a-f]{12}\.js$/);
      const res = await get(src, { 'accept-encoding': 'gzip' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers['cache-control']).toContain('immutable');
    }
  });
});
