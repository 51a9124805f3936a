import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startTestHub, type TestHub } from '../helpers/test-hub.js';
import { bareId, issueValid } from '../helpers/certificates.js';
import type { DeclaredRoute } from '../../src/http/app.js';

/**
 * Every HTML page carries one strict Content-Security-Policy (src/http/plugins/page-security.ts),
 * whichever route sends it, and the pages keep to it: their inline <style> blocks are the ones
 * the policy allows by hash, and they have no inline script, style attribute or event handler.
 * The routes are enumerated from the app: every GET route is requested (parameters filled with
 * real values), and every page route (tag "pages") with each of its methods; whatever answers
 * text/html is checked.
 */
const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );

describe('Content-Security-Policy on every HTML page', () => {
  let hub: TestHub;
  let cert: Awaited<ReturnType<typeof issueValid>>;
  let routes: DeclaredRoute[];
  /** an employer's presentation request page: reachable with its key only */
  let requestPage: string;
  beforeAll(async () => {
    hub = await startTestHub();
    cert = await issueValid(hub);
    const employer = await hub.app.inject({
      method: 'POST',
      url: '/tokens',
      headers: { authorization: `Bearer ${hub.tokens.admin}` },
      payload: { role: 'employer', label: 'csp', country: 'TH' },
    });
    const asked = await hub.app.inject({
      method: 'POST',
      url: '/presentation-requests',
      headers: { authorization: `Bearer ${(employer.json() as { token: string }).token}` },
      payload: { qualification: 'TH-BRICK-1' },
    });
    const page = new URL((asked.json() as { page: string }).page);
    requestPage = `${page.pathname}${page.search}`;
    routes = hub.app.routeTable.filter((r) => r.method !== 'HEAD');
  });
  afterAll(async () => {
    await hub.close();
  });

  const fill = (url: string) =>
    url === '/request/:id'
      ? requestPage
      : url
          .replace(':id', bareId(cert.id))
          .replace(':slug', 'kh-ntti')
          .replace(':level', '1')
          .replace(':code', 'TH-BRICK-1');
  const isPage = (r: DeclaredRoute) =>
    ((r.schema as { tags?: string[] } | undefined)?.tags ?? []).includes('pages');
  /** the requests that reach each route: a GET as is; a page's POST as its form posts it, filled in and left empty */
  const requestsFor = (r: DeclaredRoute) =>
    r.method === 'GET'
      ? [
          { method: 'GET' as const, url: fill(r.url) },
          ...(r.url.includes(':id')
            ? [{ method: 'GET' as const, url: r.url.replace(':id', '00000000-0000-4000-8000-000000000000') }]
            : []),
        ]
      : isPage(r) && r.method === 'POST'
        ? [
            {
              method: 'POST' as const,
              url: r.url,
              ...form({ credential: cert.verifyUrl, certificate: cert.verifyUrl, destination: 'TH' }),
            },
            { method: 'POST' as const, url: r.url, ...form({}) },
          ]
        : [];

  it('every route that answers text/html sends the policy: scripts from self only, styles by hash, no framing', async () => {
    const htmlRoutes = new Set<string>();
    for (const r of routes) {
      for (const req of requestsFor(r)) {
        const res = await hub.app.inject(req);
        if (!String(res.headers['content-type'] ?? '').startsWith('text/html')) continue;
        const what = `${req.method} ${req.url} (${res.statusCode})`;
        htmlRoutes.add(`${r.method} ${r.url}`);
        const csp = String(res.headers['content-security-policy'] ?? '');
        expect(csp, what).not.toBe('');
        const d = directives(csp);
        expect(d.get('default-src'), what).toEqual(["'none'"]);
        expect(d.get('script-src'), what).toEqual(["'self'"]);
        expect(d.get('frame-ancestors'), what).toEqual(["'none'"]);
        expect(d.get('base-uri'), what).toEqual(["'none'"]);
        expect(d.get('object-src'), what).toEqual(["'none'"]);
        expect(d.get('form-action'), what).toEqual(["'self'"]);
        expect(csp, what).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*|https?:|data:/);
        expect(res.headers['referrer-policy'], what).toBe('no-referrer');
        expect(res.headers['x-content-type-options'], what).toBe('nosniff');

        // the page keeps to the policy (or the browser would drop its styles and scripts)
        const html = res.body;
        for (const [, css] of html.matchAll(/<style>([\s\S]*?)<\/style>/g))
          expect(d.get('style-src'), `${what}: a <style> block the policy does not allow`).toContain(
            hash(css!),
          );
        for (const [tag] of html.matchAll(/<script\b[^>]*>/g))
          expect(tag, `${what}: inline script`).toMatch(/\bsrc="\/[^"]+"|type="application\/json"/);
        expect(html, `${what}: style attribute`).not.toMatch(/<[a-z][^>]*\sstyle=/i);
        expect(html, `${what}: inline event handler`).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
      }
    }
    // the enumeration found the pages (it would pass vacuously otherwise)
    expect([...htmlRoutes].sort()).toEqual([
      'GET /centre',
      'GET /programme',
      'GET /recognition',
      'GET /request/:id',
      'GET /scan',
      'GET /t/:code',
      'GET /t/:code/thanks',
      'GET /v/:id',
      'GET /v/:id/worker',
      'POST /programme',
      'POST /recognition',
      'POST /t/:code',
      'POST /v',
    ]);
    // ... and every route tagged as a page answers HTML
    expect(
      routes
        .filter(isPage)
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual([...htmlRoutes].sort());
  });

  it('non-HTML answers (JSON, the scripts, the PDF) carry no page policy', async () => {
    for (const url of [
      '/registry/qualifications',
      `/certificates/${bareId(cert.id)}/certificate.pdf`,
      '/centre.js',
    ]) {
      const res = await hub.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-security-policy'], url).toBeUndefined();
    }
  });
});
