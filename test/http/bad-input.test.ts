import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { bearer, brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { jwtAround, nestedArrays, nestedObjects, withDeepSubject } from '../helpers/hostile-json.js';
import { encodeCredentialPayload } from '../../src/adapters/qr/credential-payload.js';
import { decodeJwtPayload } from '../../src/domain/jwt-payload.js';

/** Bad input gets a precise 4xx problem+json and changes nothing. */
describe('bad input', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const counts = async () => ({
    certificates: await hub.ctx.store.repos.certificates.count(),
    audit: (await hub.ctx.store.repos.audit.all()).length,
    spokes: (await hub.ctx.store.repos.spokes.list()).length,
  });

  it.each([
    [
      'malformed JSON',
      { 'content-type': 'application/json' },
      '{"qualification": "TH-BRICK-1",',
      400,
      'malformed-json',
    ],
    ['an empty JSON body', { 'content-type': 'application/json' }, '', 400, 'malformed-json'],
    ['a non-JSON content type', { 'content-type': 'text/plain' }, 'hello', 415, 'unsupported-media-type'],
    [
      'a body over the size limit',
      { 'content-type': 'application/json' },
      JSON.stringify({ ...brickRequest(), pad: 'x'.repeat(300 * 1024) }),
      413,
      'body-too-large',
    ],
  ])(
    'POST /certificates with %s gets a precise 4xx, nothing written',
    async (_name, headers, payload, status, code) => {
      const before = await counts();
      const res = await hub.app.inject({
        method: 'POST',
        url: '/certificates',
        headers: { ...headers, ...bearer(hub.tokens.khNtti) },
        payload,
      });
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status, code, title: expect.any(String) });
      expect(await counts()).toEqual(before);
    },
  );

  it('malformed JSON on /verifications is a 400, not a 500', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/verifications',
      headers: { 'content-type': 'application/json' },
      payload: '{"credential": {',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('malformed-json');
  });

  it('a verification request with neither credential nor id, or both, is a 400', async () => {
    for (const payload of [
      {},
      { credential: 'x', id: 'y' },
      { credential: 42 },
      { credential: '' },
      { credential: ' \n\t ' },
    ]) {
      const res = await hub.app.inject({ method: 'POST', url: '/verifications', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('validation-failed');
    }
  });

  it('a long credential text is bounded by the body limit alone: verified (and refused as unreadable) below it, 413 above it', async () => {
    const below = await hub.app.inject({
      method: 'POST',
      url: '/verifications',
      payload: { credential: `eyJ${'A'.repeat(250_000)}` },
    });
    expect(below.statusCode).toBe(200);
    expect(below.json().checks[0]).toMatchObject({ id: 'well-formed', outcome: 'invalid' });
    const above = await hub.app.inject({
      method: 'POST',
      url: '/verifications',
      payload: { credential: `eyJ${'A'.repeat(270_000)}` },
    });
    expect(above.statusCode).toBe(413);
  });

  it('wrong, malformed or missing tokens are 401 and change nothing', async () => {
    const before = await counts();
    for (const authorization of [
      undefined,
      'Bearer',
      'Basic abc',
      'Bearer nope',
      `Bearer ${hub.tokens.admin}x`,
    ]) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/registry/spokes',
        headers: authorization ? { authorization } : {},
        payload: { slug: 'zz-bad', name: 'x', country: 'TH' },
      });
      expect(res.statusCode, String(authorization)).toBe(401);
    }
    expect(await counts()).toEqual(before);
  });

  it('request validation never rewrites a signed credential: additional properties are kept and verified as sent', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/certificates',
      headers: bearer(hub.tokens.khNtti),
      payload: brickRequest(),
    });
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

  describe('JSON nested too deeply is refused before anything walks it', () => {
    const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
      hub.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', ...headers },
        payload,
      });
    const expectTooDeep = (res: Awaited<ReturnType<typeof post>>) => {
      expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, code: 'too-deep' });
    };

    it('a 5,000-deep value inside a real credential is a 400 too-deep on every endpoint that takes one (these were 500s)', async () => {
      const { credential } = await issue(hub);
      const deep = withDeepSubject(credential as Record<string, unknown>);
      const vp = `{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"],"verifiableCredential":[${deep}]}`;
      const centre = bearer(hub.tokens.khNtti);
      const before = await counts();
      expectTooDeep(await post('/verifications', `{"credential":${deep}}`));
      expectTooDeep(await post('/credentials/verify', `{"verifiableCredential":${deep}}`));
      expectTooDeep(await post('/presentations/verify', `{"verifiablePresentation":${vp}}`));
      expectTooDeep(await post('/recognition/check', `{"certificate":${deep},"destination":"TH"}`));
      expectTooDeep(
        await post(
          '/recognition/check',
          `{"certificates":[${deep}],"destination":"TH"}`,
          bearer(hub.tokens.admin),
        ),
      );
      expectTooDeep(await post('/credentials/issue', `{"credential":${deep}}`, centre));
      expectTooDeep(
        await post('/certificates', `{"qualification":"TH-BRICK-1","holder":${nestedObjects(5000)}}`, centre),
      );
      expectTooDeep(await post('/batches', `{"rows":${nestedArrays(5000)}}`, centre));
      expectTooDeep(await post('/registry/spokes', nestedArrays(5000), bearer(hub.tokens.admin)));
      expect(await counts()).toEqual(before);
    });

    it('65 levels are refused, while a credential in a presentation (well under 64) still verifies', async () => {
      expectTooDeep(await post('/verifications', `{"credential":${nestedObjects(64)}}`));
      const { credential } = await issue(hub);
      const res = await post(
        '/presentations/verify',
        JSON.stringify({
          verifiablePresentation: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiablePresentation'],
            verifiableCredential: [credential],
          },
        }),
      );
      expect(res.statusCode, res.body).toBe(200);
    });

    it('inside a JWT or an SKP1 QR text, the verification says well-formed: invalid, too-deep', async () => {
      const { credential } = await issue(hub, brickRequest({ format: 'vc+jwt' }));
      const payload = decodeJwtPayload(credential as string);
      for (const text of [
        jwtAround(withDeepSubject(payload)),
        encodeCredentialPayload(withDeepSubject(payload)),
      ]) {
        const res = await post('/verifications', JSON.stringify({ credential: text }));
        expect(res.statusCode).toBe(200);
        expect(res.json().outcome).toBe('invalid');
        expect(res.json().checks[0]).toMatchObject({
          id: 'well-formed',
          outcome: 'invalid',
          code: 'too-deep',
        });
        expect(
          res
            .json()
            .checks.slice(1)
            .every((c: { outcome: string }) => c.outcome === 'skipped'),
        ).toBe(true);
      }
    });

    it("pasted into the pages' forms or a CSV cell, it is refused with the page's own 400 or a list entry's error", async () => {
      const { credential } = await issue(hub);
      const deep = withDeepSubject(credential as Record<string, unknown>);
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const page = await hub.app.inject({
        method: 'POST',
        url: '/v',
        headers: form,
        payload: `credential=${encodeURIComponent(deep)}`,
      });
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('data-code="too-deep"');
      const recognition = await hub.app.inject({
        method: 'POST',
        url: '/recognition',
        headers: form,
        payload: `certificate=${encodeURIComponent(deep)}&destination=TH`,
      });
      expect(recognition.statusCode).toBe(400);
      expect(recognition.body).toContain('nested too deeply');
      const cell = `"${deep.replaceAll('"', '""')}"`;
      const csv = await hub.app.inject({
        method: 'POST',
        url: '/recognition/check?destination=TH',
        headers: { 'content-type': 'text/csv', ...bearer(hub.tokens.admin) },
        payload: `certificate,ref\n${cell},deep\n${cell.slice(0, 1)}urn:uuid:00000000-0000-4000-8000-000000000000",none\n`,
      });
      expect(csv.statusCode, csv.body.slice(0, 300)).toBe(200);
      expect(csv.json().results[0]).toMatchObject({ ref: 'deep', error: { code: 'too-deep' } });
      expect(csv.json().summary.error).toBe(2);
    });
  });

  describe('keys and node names that reach Object.prototype', () => {
    it('a key named after a built-in property (toString, __proto__ ...) is a 400 forbidden-key, in a body or inside a JWT', async () => {
      const { credential } = await issue(hub);
      for (const key of ['toString', 'valueOf', '__proto__', 'constructor']) {
        const text = JSON.stringify(credential).replace('"proof":{', `"proof":{"${key}":{"x":1},`);
        const res = await hub.app.inject({
          method: 'POST',
          url: '/verifications',
          headers: { 'content-type': 'application/json' },
          payload: `{"credential":${text}}`,
        });
        expect(res.statusCode, key).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe('forbidden-key');
        const jwt = await hub.app.inject({
          method: 'POST',
          url: '/verifications',
          payload: { credential: jwtAround(text) },
        });
        expect(jwt.json().checks[0]).toMatchObject({
          id: 'well-formed',
          outcome: 'invalid',
          code: 'forbidden-key',
        });
      }
    });

    it('a credential naming a JSON-LD node "__proto__" is invalid, and leaves the process as it was: the next good credential still verifies', async () => {
      const { credential } = await issue(hub);
      const hostile = structuredClone(credential) as {
        credentialStatus: { statusListCredential: string } | { statusListCredential: string }[];
      };
      [hostile.credentialStatus].flat()[0]!.statusListCredential = '__proto__';
      const res = await hub.app.inject({
        method: 'POST',
        url: '/credentials/verify',
        payload: { verifiableCredential: hostile },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().skillpass.checks.find((c: { id: string }) => c.id === 'proof')).toMatchObject({
        outcome: 'invalid',
      });
      expect(({} as Record<string, unknown>)['@id']).toBeUndefined();
      const good = await issue(hub);
      const after = await hub.app.inject({
        method: 'POST',
        url: '/verifications',
        payload: { credential: good.credential },
      });
      expect(after.json().outcome).toBe('valid');
    });
  });

  describe('a NUL character, which PostgreSQL text cannot hold', () => {
    it('in a JSON string is a 400 nul-character on both engines, and nothing is stored', async () => {
      const before = await counts();
      for (const [url, payload] of [
        ['/tokens', { role: 'authority', label: 'a\u0000b', country: 'KH' }],
        ['/registry/spokes', { slug: 'zz-nul', name: 'N\u0000', country: 'KH' }],
      ] as const) {
        const res = await hub.app.inject({ method: 'POST', url, headers: bearer(hub.tokens.admin), payload });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().code).toBe('nul-character');
      }
      expect(await counts()).toEqual(before);
    });

    it('in a path or a search finds nothing, as on SQLite (it was a 500 on PostgreSQL)', async () => {
      for (const url of [
        '/certificates/%00',
        '/registry/spokes/kh%00ntti',
        '/recognition/agreements/%00',
        '/status-lists/%00',
        '/v/%00',
      ]) {
        const res = await hub.app.inject({ url, headers: bearer(hub.tokens.admin) });
        expect(res.statusCode, url).toBe(404);
      }
      const search = await hub.app.inject({
        url: '/certificates?q=Sok%00',
        headers: bearer(hub.tokens.admin),
      });
      expect(search.statusCode).toBe(200);
      expect(search.json().items).toEqual([]);
    });

    it("in a JWT header's key id, the credential is simply invalid", async () => {
      const { credential } = await issue(hub, brickRequest({ format: 'vc+jwt' }));
      const [header, payload, signature] = (credential as string).split('.') as [string, string, string];
      const kid = `${JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).kid}\u0000`;
      const forged = `${Buffer.from(JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', kid })).toString('base64url')}.${payload}.${signature}`;
      const res = await hub.app.inject({
        method: 'POST',
        url: '/verifications',
        payload: { credential: forged },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().outcome).toBe('invalid');
    });
  });

  describe('URLs and headers too long or unreadable are problem+json too', () => {
    it("a path parameter over fastify's limit, or a URL over 8 KiB, is a 414 uri-too-long", async () => {
      for (const url of [
        `/certificates/${'a'.repeat(200_000)}`,
        `/registry/qualifications?q=${'a'.repeat(9000)}`,
        `/v/${'x'.repeat(101)}`,
      ]) {
        const res = await hub.app.inject({ url });
        expect(res.statusCode, url.slice(0, 40)).toBe(414);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code).toBe('uri-too-long');
      }
      expect(
        (await hub.app.inject({ url: `/registry/qualifications?q=${'a'.repeat(8000)}` })).statusCode,
      ).toBe(200);
    });

    it('a path that cannot be percent-decoded is a 400 bad-url', async () => {
      const res = await hub.app.inject({ url: '/certificates/%E0%A4%A' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('bad-url');
    });

    it("on a real socket, headers over Node's limit are a 431 and a request that is not HTTP a 400, both problem+json", async () => {
      await hub.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = hub.app.server.address() as { port: number };
      const raw = (request: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => socket.end(request));
          let answer = '';
          socket.on('data', (d) => {
            answer += String(d);
          });
          socket.on('close', () => resolve(answer));
          socket.on('error', reject);
        });
      const big = await raw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(big).toMatch(/^HTTP\/1\.1 431 /);
      expect(big).toContain('Content-Type: application/problem+json');
      expect(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4))).toMatchObject({
        status: 431,
        code: 'headers-too-large',
      });
      const junk = await raw('\u0001\u0002 not http at all\r\n\r\n');
      expect(junk).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(junk.slice(junk.indexOf('\r\n\r\n') + 4))).toMatchObject({
        status: 400,
        code: 'malformed-request',
      });
    });
  });
});
