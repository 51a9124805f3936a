import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ADMIN_TOKEN, bearer, brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';

/**
 * README "Request bodies": every example body, sent as written to a hub (one whose public URL is
 * the README's http://127.0.0.1:3000), is accepted: it passes the route's schema and does what the
 * README says. The one id in the examples is replaced by a certificate this hub issued.
 */
const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const EXAMPLE_ID = '4c2f0a4e-1f5b-4f8a-9d6e-2b7c3a1d9e10';

interface Example {
  method: string;
  path: string;
  body: string;
}
function examples(): Example[] {
  const block = /<!-- request-bodies:start -->\n```text\n([\s\S]*?)```\n<!-- request-bodies:end -->/.exec(
    README,
  )?.[1];
  if (!block) throw new Error('README: no request-bodies block');
  return block
    .trim()
    .split(/\n\s*\n/)
    .map((entry) => {
      const [head, ...json] = entry.split('\n');
      const m = /^(POST|PUT|PATCH) (\/\S*)/.exec(head!);
      if (!m) throw new Error(`README request-bodies: "${head}" does not start with a method and a path`);
      return { method: m[1]!, path: m[2]!, body: json.join('\n') };
    });
}

// who sends it, and what the hub answers
const expected: Record<string, { token?: 'admin' | 'centre' | 'employer'; status: number }> = {
  '/certificates': { token: 'centre', status: 201 },
  '/verifications': { status: 200 },
  '/placements': { token: 'employer', status: 201 },
  '/presentation-requests': { token: 'employer', status: 201 },
  '/credentials/status': { token: 'admin', status: 200 },
  '/registry/spokes/kh-ntti/keys/rotate': { token: 'admin', status: 201 },
  '/registry/spokes/kh-ntti/keys/compromised': { token: 'admin', status: 200 },
  '/tokens': { token: 'admin', status: 201 },
  '/batches': { token: 'centre', status: 201 },
  '/credentials/issue': { token: 'centre', status: 201 },
  // the example JWT is no real credential: read, verified and found wanting (a verification answer, not a refused request)
  '/credentials/verify': { status: 422 },
  '/presentations/verify': { status: 422 },
};

describe('README request bodies', () => {
  let hub: TestHub;
  let id: string;
  let employer: string;
  beforeAll(async () => {
    hub = await startTestHub('2026-11-20T10:00:00Z', { PORT: '3000' });
    // the worker consented to follow-up, so an employer may record the example placement
    const consenting = brickRequest({
      holder: { name: 'Sok Dara', birthDate: '1995-04-12', consentToFollowUp: true },
    });
    id = (await issue(hub, consenting)).id.replace(/^urn:uuid:/, '');
    employer = (
      await hub.app.inject({
        method: 'POST',
        url: '/tokens',
        headers: bearer(ADMIN_TOKEN),
        payload: { role: 'employer', label: 'Siam Build Co.', country: 'TH' },
      })
    ).json().token;
  });
  afterAll(async () => {
    await hub?.discard();
  });

  it('documents a body for every body-taking route it lists here, each JSON', () => {
    const all = examples();
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const e of all) expect(() => JSON.parse(e.body), `${e.method} ${e.path}`).not.toThrow();
    expect([...new Set(all.map((e) => e.path))].sort()).toEqual(Object.keys(expected).sort());
  });

  it('each example is accepted as written', async () => {
    for (const e of examples()) {
      const want = expected[e.path]!;
      const token =
        want.token === 'admin'
          ? ADMIN_TOKEN
          : want.token === 'centre'
            ? hub.tokens.khNtti
            : want.token === 'employer'
              ? employer
              : undefined;
      const res = await hub.app.inject({
        method: e.method as 'POST',
        url: e.path,
        payload: e.body.replaceAll(EXAMPLE_ID, id),
        headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
      });
      expect(res.statusCode, `${e.method} ${e.path}: ${res.body}`).toBe(want.status);
      if (e.path === '/verifications')
        expect(res.json().holderMatch, res.body).toMatchObject({ matched: true });
      if (want.status === 422) expect(res.json().verified, res.body).toBe(false);
    }
  });
});
