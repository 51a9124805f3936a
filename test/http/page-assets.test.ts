import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { bareId, issueRevoked, issueValid } from '../helpers/certificates.js';
import { catalogue } from '../../src/http/pages/i18n.js';
import { FONT_FILES } from '../../src/http/pages/web-fonts.js';
import { LAYOUT_CSS } from '../../src/http/pages/layout.js';

const T = catalogue();
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * What the pages load besides themselves: the hub's Noto font subsets, the icon (and
 * /favicon.ico), the web app manifests and the service worker; and what the worker's page
 * says for each state of the certificate.
 */
describe('page assets: fonts, icon, manifest, service worker', () => {
  let hub: TestHub;
  let valid: Awaited<ReturnType<typeof issueValid>>;
  beforeAll(async () => {
    hub = await startTestHub();
    valid = await issueValid(hub);
  });
  afterAll(async () => {
    await hub?.close();
  });
  const get = (url: string) => hub.app.inject({ url });

  it('serves the Thai, Khmer, Lao and Burmese Noto subsets (400 and 700) as woff2, cached for a year under hashed names', async () => {
    expect(FONT_FILES).toHaveLength(8);
    for (const family of ['Thai', 'Khmer', 'Lao', 'Myanmar'])
      for (const weight of [400, 700])
        expect(LAYOUT_CSS).toMatch(
          new RegExp(
            `@font-face\\{font-family:"Noto Sans ${family}";font-style:normal;font-weight:${weight};font-display:swap;src:url\\(/assets/fonts/[\\w-]+-[0-9a-f]{12}\\.woff2\\) format\\("woff2"\\);unicode-range:U\\+[0-9A-F]`,
          ),
        );
    for (const font of FONT_FILES) {
      expect(LAYOUT_CSS).toContain(`url(${font.path})`);
      const res = await get(font.path);
      expect(res.statusCode, font.path).toBe(200);
      expect(res.headers['content-type']).toBe('font/woff2');
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
      expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
    }
    // Latin is left to the system fonts: no Latin subset is served
    expect(FONT_FILES.some((f) => /latin/.test(f.path))).toBe(false);
  });

  it('every page links the icon and a web app manifest; /favicon.ico answers with an icon', async () => {
    for (const url of [
      '/scan?lang=km',
      `/v/${bareId(valid.id)}?lang=th`,
      `/v/${bareId(valid.id)}/worker`,
      '/recognition?lang=lo',
      '/centre?lang=my',
    ]) {
      const html = (await get(url)).body;
      const icon = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(html)?.[1];
      expect(icon, url).toMatch(/^\/assets\/icon-[0-9a-f]{12}\.svg$/);
      const svg = await get(icon!);
      expect(svg.headers['content-type']).toBe('image/svg+xml');
      expect(svg.headers['cache-control']).toBe(IMMUTABLE);
      expect(svg.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(html, url).toMatch(/<link rel="manifest" href="\/[^"]*manifest\.webmanifest\?lang=\w\w">/);
    }
    // /centre builds its own page: it carries the self-hosted faces too
    expect((await get('/centre?lang=my')).body).toMatch(/@font-face\{font-family:"Noto Sans Myanmar"/);
    const ico = await get('/favicon.ico');
    expect(ico.statusCode).toBe(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    expect([...ico.rawPayload.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]); // ICO, one image
    expect(ico.rawPayload.subarray(22, 26).toString('latin1')).toBe('\x89PNG');
  });

  it("the hub's manifest starts at the scanner; the worker's at their certificate, standalone, with 192 and 512 px icons", async () => {
    const hubManifest = await get('/manifest.webmanifest?lang=my');
    expect(hubManifest.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
    expect(hubManifest.json()).toMatchObject({ start_url: '/scan?lang=my', scope: '/', lang: 'my' });

    const id = bareId(valid.id);
    const res = await get(`/v/${id}/worker/manifest.webmanifest?lang=km`);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m).toMatchObject({
      name: `${T.km.texts['worker.title']} – SkillPass`,
      start_url: `/v/${id}/worker?lang=km`,
      scope: `/v/${id}/`,
      display: 'standalone',
    });
    const sizes: string[] = [];
    for (const icon of m.icons as { src: string; sizes: string; type: string }[]) {
      const file = await get(icon.src);
      expect(file.statusCode, icon.src).toBe(200);
      expect(file.headers['content-type']).toBe(icon.type);
      if (icon.type === 'image/png') {
        const png = file.rawPayload;
        expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
      }
      sizes.push(icon.sizes);
    }
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    // not a certificate number: a problem, never a 5xx
    const bad = await get('/v/not-a-number/worker/manifest.webmanifest');
    expect(bad.statusCode).toBe(404);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('the service worker: a fixed path, revalidated (never cached as immutable), keeping only worker pages, QR codes and assets', async () => {
    const res = await get('/sw.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain(String.raw`/^\/v\/[^\/]+\/worker$/`);
    expect(res.body).not.toMatch(/scan|verifications/);
  });

  it("the worker's page: valid shows the QR code to present; revoked and suspended say so plainly, with nothing to present", async () => {
    const ok = (await get(`/v/${bareId(valid.id)}/worker?lang=en`)).body;
    expect(ok).toContain('data-status="valid"');
    expect(ok).toContain(`<img src="/certificates/${bareId(valid.id)}/qr.svg"`);
    expect(ok).toContain(T.en.texts['worker.show']!.replace(/'/g, '&#39;'));
    expect(ok).toContain('/certificate.pdf?');

    const revoked = await issueRevoked(hub);
    const suspended = await issueValid(hub, { holder: { name: 'Lina Phan', birthDate: '1992-04-05' } });
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
    expect(res.statusCode).toBe(200);
    for (const [issued, status] of [
      [revoked, 'revoked'],
      [suspended, 'suspended'],
    ] as const) {
      for (const lang of ['en', 'my'] as const) {
        const html = (await get(`/v/${bareId(issued.id)}/worker?lang=${lang}`)).body;
        expect(html, `${status} ${lang}`).toContain(`data-status="${status}"`);
        expect(html).toContain(T[lang].texts[`worker.now.${status}`]!.replace(/'/g, '&#39;'));
        expect(html).not.toContain('class="present"');
        expect(html).not.toContain('/qr.svg');
        // no clean printout of a certificate that is not valid now
        expect(html).not.toContain('/certificate.pdf');
        for (const key of ['worker.show', 'worker.check', 'worker.now.valid'])
          expect(html, key).not.toContain(T[lang].texts[key]!.replace(/'/g, '&#39;'));
        const validUntil = T[lang].texts['worker.valid']!.split('{date}').sort(
          (a, b) => b.length - a.length,
        )[0]!;
        expect(validUntil.length).toBeGreaterThan(10);
        expect(html).not.toContain(validUntil.trim());
      }
    }
  });
});
