import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, brickRequest, startTestHub, type TestHub } from '../helpers/test-hub.js';

/** Bad input gets a precise 4xx problem+json and changes nothing. */
describe('bad input', () => {
  let hub: TestHub;
  beforeAll(async () => { hub = await startTestHub(); });
  afterAll(async () => { await hub.close(); });

  const counts = async () => ({
    certificates: await hub.ctx.store.repos.certificates.count(),
    audit: (await hub.ctx.store.repos.audit.all()).length,
    spokes: (await hub.ctx.store.repos.spokes.list()).length,
  });

  it.each([
    ['malformed JSON', { 'content-type': 'application/json' }, '{"qualification": "TH-BRICK-1",', 400, 'malformed-json'],
    ['an empty JSON body', { 'content-type': 'application/json' }, '', 400, 'malformed-json'],
    ['a non-JSON content type', { 'content-type': 'text/plain' }, 'hello', 415, 'unsupported-media-type'],
    ['a body over the size limit', { 'content-type': 'application/json' }, JSON.stringify({ ...brickRequest(), pad: 'x'.repeat(300 * 1024) }), 413, 'body-too-large'],
  ])('POST /certificates with %s gets a precise 4xx, nothing written', async (_name, headers, payload, status, code) => {
    const before = await counts();
    const res = await hub.app.inject({ method: 'POST', url: '/certificates', headers: { ...headers, ...bearer(hub.tokens.khNtti) }, payload });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status, code, title: expect.any(String) });
    expect(await counts()).toEqual(before);
  });

  it('malformed JSON on /verifications is a 400, not a 500', async () => {
    const res = await hub.app.inject({ method: 'POST', url: '/verifications', headers: { 'content-type': 'application/json' }, payload: '{"credential": {' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('malformed-json');
  });

  it('a verification request with neither credential nor id, or both, is a 400', async () => {
    for (const payload of [{}, { credential: 'x', id: 'y' }, { credential: 42 }, { credential: '' }, { credential: ' \n\t ' }]) {
      const res = await hub.app.inject({ method: 'POST', url: '/verifications', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('validation-failed');
    }
  });

  it('a long credential text is bounded by the body limit alone: verified (and refused as unreadable) below it, 413 above it', async () => {
    const below = await hub.app.inject({ method: 'POST', url: '/verifications', payload: { credential: `eyJ${'A'.repeat(250_000)}` } });
    expect(below.statusCode).toBe(200);
    expect(below.json().checks[0]).toMatchObject({ id: 'well-formed', outcome: 'invalid' });
    const above = await hub.app.inject({ method: 'POST', url: '/verifications', payload: { credential: `eyJ${'A'.repeat(270_000)}` } });
    expect(above.statusCode).toBe(413);
  });

  it('wrong, malformed or missing tokens are 401 and change nothing', async () => {
    const before = await counts();
    for (const authorization of [undefined, 'Bearer', 'Basic abc', 'Bearer nope', `Bearer ${hub.tokens.admin}x`]) {
      const res = await hub.app.inject({ method: 'POST', url: '/registry/spokes', headers: authorization ? { authorization } : {}, payload: { slug: 'zz-bad', name: 'x', country: 'TH' } });
      expect(res.statusCode, String(authorization)).toBe(401);
    }
    expect(await counts()).toEqual(before);
  });

  it('request validation never rewrites a signed credential: additional properties are kept and verified as sent', async () => {
    const res = await hub.app.inject({ method: 'POST', url: '/certificates', headers: bearer(hub.tokens.khNtti), payload: brickRequest() });
    const vc = res.json().credential;
    vc.extra = 'added after signing';
    const v = await hub.app.inject({ method: 'POST', url: '/verifications', payload: { credential: vc } });
    expect(v.json().outcome).toBe('invalid'); // had the extra member been stripped, this would wrongly be valid
  });

  it('unknown routes are a problem+json 404', async () => {
    const res = await hub.app.inject({ url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not-found');
  });
});
