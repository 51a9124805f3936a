import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, brickRequest, issue, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { authorityToken } from '../helpers/recognition.js';
import { jwtAround, nestedArrays, nestedObjects, withDeepSubject } from '../helpers/hostile-json.js';
import { encodeCredentialPayload } from '../../src/adapters/qr/credential-payload.js';

/**
 * Every route of the real app, found by reading the app's own route table (so a new route is
 * fuzzed without anyone listing it), driven with hostile input: random JSON, 5,000-deep
 * nesting, huge strings, wrong types in otherwise good bodies, prototype-pollution keys,
 * malformed JSON, wrong content types, random bytes, long URLs and odd path parameters, with
 * no token and with the admin's, a centre's and an authority's. And every field of a real
 * credential (Data Integrity and JWT) replaced by odd values. Seeded: the same requests on
 * every run. Asserted: never a 5xx; every refusal application/problem+json with a `code`
 * (the people's pages may answer their own HTML page instead); no mutation verifies "valid".
 * The bad-input and batch-csv-fuzz tests hold the precise expectations for single cases.
 */
const SEED = 0x5ca1ab1e;

/** mulberry32: a small seeded PRNG, so a failure replays exactly */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\nb',
  '\t',
  '\u202eevil\u202c',
  '\u200b',
  '\ufeff',
  '\ud800',
  '💩',
  'សុខ ដារា',
  '=cmd|/C calc!A0',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  'null',
  'true',
  '1e309',
  '-1',
  'urn:uuid:00000000-0000-0000-0000-000000000000',
  'did:web:evil.example',
  'https://evil.example/x',
  'x'.repeat(5000),
  'SKP1:',
  'SKP1:%%%%',
  'eyJ.eyJ.x',
  'a.b.c',
];
/** an object that String() and template literals cannot print (its toString and valueOf are not functions): a 500 wherever one is used unchecked */
const UNPRINTABLE = JSON.parse('{"toString":1,"valueOf":[],"toJSON":null}') as unknown;
const ODD_VALUES: unknown[] = [
  UNPRINTABLE,
  null,
  true,
  false,
  0,
  -1,
  -0,
  1.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  {},
  [null],
  [[[]]],
  { '': '' },
  ...ODD_STRINGS,
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
  { prototype: { polluted: true } },
];
/** encodeURIComponent, with lone surrogates sent as their UTF-8-ish bytes would be by a careless client */
const enc = (s: string) =>
  encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd')).replace(/%EF%BF%BD/g, '%ED%A0%80');
const KEYS = [
  'a',
  '',
  'id',
  'type',
  '@context',
  'credential',
  'certificate',
  '__proto__',
  'constructor',
  'prototype',
  'holder',
  'name',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

function randomJson(r: Rng, depth = 0): unknown {
  const kind = r.int(depth > 4 ? 6 : 8);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r.next() < 0.5;
    case 2:
      return r.pick([0, -1, 1.5, 2 ** 53 + 1, -1e308, 1e-320, r.int(1e9)]);
    case 3:
      return r.pick(ODD_STRINGS);
    case 4:
      return Array.from({ length: r.int(6) }, () => String.fromCodePoint(r.int(0x30000))).join('');
    case 5:
      return r.pick(ODD_VALUES);
    case 6:
      return Array.from({ length: r.int(5) }, () => randomJson(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--)
        Object.defineProperty(o, r.pick(KEYS), {
          value: randomJson(r, depth + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      return o;
    }
  }
}

/** Every path to a value in a JSON document (arrays by index), the document itself excluded. */
function paths(doc: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (doc === null || typeof doc !== 'object') return [];
  const entries = Array.isArray(doc) ? doc.map((v, i) => [i, v] as const) : Object.entries(doc);
  return entries.flatMap(([k, v]) => [[...at, k], ...paths(v, [...at, k])]);
}
function replaced(doc: unknown, path: (string | number)[], value: unknown | typeof REMOVE): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === REMOVE) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}
const REMOVE = Symbol('remove');

/** The app's routes, read from fastify's own table (printRoutes draws the radix tree: each line's segment extends its parent's path). */
function routesOf(tree: string): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([\s│├└─]*?)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!m) continue;
    const depth = (m[1]!.length + 4) / 4 - 1;
    const url = (depth === 0 ? '' : stack[depth - 1]!) + m[2]!;
    stack[depth] = url;
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD' && x !== 'OPTIONS'))
      routes.push({ method, url: url.startsWith('/') ? url : `/${url}` });
  }
  return routes;
}

/** The W3C VC API's verify endpoints answer a failed verification 422 with the verification result itself (README "API"). */
const VC_API_VERIFY = new Set(['/credentials/verify', '/presentations/verify']);
/**
 * The OpenID4VCI and OpenID4VP endpoints wallets call answer a refusal as an OAuth error,
 * `{error, error_description}` (README "Certificates in a wallet", "Errors").
 */
const OAUTH = new Set([
  '/oauth/token',
  '/openid4vci/credential',
  '/presentation-requests/:id/request-object',
  '/presentation-requests/:id/response',
]);
/** The people's pages: a refusal there may be the page itself (HTML), not problem+json. */
const PAGES = new Set([
  '/v',
  '/v/:id',
  '/v/:id/worker',
  '/recognition',
  '/scan',
  '/centre',
  '/t/:code',
  '/t/:code/thanks',
  '/programme',
  '/request/:id',
]);

interface Failure {
  request: string;
  status: number;
  type: string;
  body: string;
}

describe('route fuzz: every route, hostile input, never a 5xx', () => {
  let hub: TestHub;
  let tokens: Record<'none' | 'admin' | 'centre' | 'authority', Record<string, string>>;
  /** for the employer routes' samples and path parameters (not a fifth pass over every route) */
  let employer: Record<string, string>;
  let di: Record<string, unknown>;
  let jwt: string;
  let certId: string;
  const failures: Failure[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    tokens = {
      none: {},
      admin: bearer(hub.tokens.admin),
      centre: bearer(hub.tokens.khNtti),
      authority: bearer(await authorityToken(hub, 'TH')),
    };
    employer = bearer(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/tokens',
          headers: bearer(hub.tokens.admin),
          payload: { role: 'employer', label: 'fuzz', country: 'TH' },
        })
      ).json().token,
    );
    const issued = await issue(hub);
    di = issued.credential as Record<string, unknown>;
    certId = issued.id;
    jwt = (
      await issue(
        hub,
        brickRequest({ format: 'vc+jwt', holder: { name: 'Somchai', birthDate: '1990-01-01' } }),
      )
    ).credential as string;
  });
  afterAll(async () => {
    await hub.close();
  });

  /** one request; anything but a sane answer is recorded (and all are reported at the end of each test) */
  const send = async (
    label: string,
    opts: { method: string; url: string; headers?: Record<string, string>; payload?: string | Buffer },
    route = opts.url,
  ): Promise<LightMyRequestResponse> => {
    const res = await hub.app.inject({
      method: opts.method as 'GET',
      url: opts.url,
      headers: opts.headers ?? {},
      ...(opts.payload !== undefined ? { payload: opts.payload } : {}),
    });
    const type = String(res.headers['content-type'] ?? '');
    const problem =
      type.startsWith('application/problem+json') &&
      (() => {
        try {
          return typeof res.json().code === 'string';
        } catch {
          return false;
        }
      })();
    const page = PAGES.has(route) && type.startsWith('text/html');
    const vcApiResult =
      VC_API_VERIFY.has(route) &&
      res.statusCode === 422 &&
      type.startsWith('application/json') &&
      typeof res.json().verified === 'boolean';
    const oauthRefusal =
      OAUTH.has(route) &&
      type.startsWith('application/json') &&
      (() => {
        try {
          return typeof res.json().error === 'string' && typeof res.json().error_description === 'string';
        } catch {
          return false;
        }
      })();
    if (
      res.statusCode >= 500 ||
      (res.statusCode >= 400 && !problem && !page && !vcApiResult && !oauthRefusal)
    ) {
      failures.push({
        request: `${label}: ${opts.method} ${opts.url.slice(0, 120)}`,
        status: res.statusCode,
        type,
        body: res.body.slice(0, 200),
      });
    }
    return res;
  };
  const report = () => {
    const found = failures.splice(0);
    expect(found, JSON.stringify(found.slice(0, 10), null, 2)).toEqual([]);
  };

  it('reads the whole route table (a change in its format must not silently fuzz nothing)', () => {
    const routes = routesOf(hub.app.printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThanOrEqual(50);
    for (const r of [
      'POST /verifications',
      'POST /v',
      'GET /v/:id',
      'GET /v/:id/worker',
      'POST /recognition/check',
      'DELETE /tokens/:id',
      'POST /registry/spokes/:slug/accreditations/:id/changes',
      'GET /certificates/:id/certificate.pdf',
      'GET /centre.js',
    ]) {
      expect(routes.map((x) => `${x.method} ${x.url}`)).toContain(r);
    }
  });

  it('no mutation of a real credential (Data Integrity or JWT, as JSON, JWT or SKP1 text) verifies valid', async () => {
    const r = rng(SEED + 2);
    const verdicts: string[] = [];
    const verifyAs = async (label: string, credential: unknown) => {
      const res = await send(label, {
        method: 'POST',
        url: '/verifications',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ credential }),
      });
      if (res.statusCode === 200 && res.json().outcome === 'valid') verdicts.push(label);
    };
    // the originals do verify: the mutations are what fails
    for (const c of [di, jwt])
      expect(
        (await hub.app.inject({ method: 'POST', url: '/verifications', payload: { credential: c } })).json()
          .outcome,
      ).toBe('valid');

    const diffs = (value: unknown, at: unknown) => JSON.stringify(value) !== JSON.stringify(at);
    const valueAt = (doc: unknown, path: (string | number)[]) =>
      path.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], doc);
    for (const path of paths(di)) {
      for (const value of [REMOVE, UNPRINTABLE, r.pick(ODD_VALUES), r.pick(ODD_VALUES)]) {
        if (value !== REMOVE && !diffs(value, valueAt(di, path))) continue;
        const mutated = replaced(di, path, value);
        await verifyAs(
          `di ${path.join('.')} = ${value === REMOVE ? '(removed)' : JSON.stringify(value)?.slice(0, 40)}`,
          mutated,
        );
        if (r.next() < 0.15)
          await verifyAs(`di as SKP1 ${path.join('.')}`, encodeCredentialPayload(JSON.stringify(mutated)));
      }
    }
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const path of paths(claims)) {
      for (const value of [REMOVE, UNPRINTABLE, r.pick(ODD_VALUES)]) {
        if (value !== REMOVE && !diffs(value, valueAt(claims, path))) continue;
        const text = `${header}.${Buffer.from(JSON.stringify(replaced(claims, path, value))).toString('base64url')}.${signature}`;
        await verifyAs(
          `jwt ${path.join('.')} = ${value === REMOVE ? '(removed)' : JSON.stringify(value)?.slice(0, 40)}`,
          r.next() < 0.15 ? encodeCredentialPayload(text) : text,
        );
      }
    }
    const headers = [
      { alg: UNPRINTABLE },
      { alg: 'EdDSA', kid: UNPRINTABLE, typ: UNPRINTABLE },
      { alg: 'none' },
      { alg: 'HS256', typ: 'vc+jwt' },
      { alg: 'EdDSA', kid: 'did:web:evil.example#key-1' },
      { alg: 'EdDSA', crit: ['x'] },
      { alg: 'ES256' },
      {},
    ];
    for (const h of headers)
      await verifyAs(
        `jwt header ${JSON.stringify(h)}`,
        `${Buffer.from(JSON.stringify(h)).toString('base64url')}.${payload}.${signature}`,
      );
    // (the last character of an Ed25519 signature carries 4 padding bits: changing only those changes no signature byte, and jose accepts it too; so change one in the middle)
    for (const s of [
      '',
      signature.slice(0, -2),
      `${signature.slice(0, 40)}${signature[40] === 'A' ? 'B' : 'A'}${signature.slice(41)}`,
      'A'.repeat(86),
      signature + signature,
    ])
      await verifyAs(`jwt signature ${s.slice(0, 12)}`, `${header}.${payload}.${s}`);
    await verifyAs('jwt around a deep payload', jwtAround(withDeepSubject(claims)));
    expect(verdicts).toEqual([]);
    report();
  });

  it('random and hostile bodies, content types and bytes at every route, with every kind of token', async () => {
    const r = rng(SEED);
    const routes = routesOf(hub.app.printRoutes({ commonPrefix: false }));
    const fill = (url: string) =>
      url.replace(/:(\w+)/g, () =>
        encodeURIComponent(r.pick(['x', 'kh-ntti', 'TH-BRICK-1', '1', certId.replace('urn:uuid:', '')])),
      );
    const deepCredential = withDeepSubject(di);
    const bodies: [string, string, string | Buffer][] = [
      ['deep arrays', 'application/json', nestedArrays(5000)],
      ['deep objects', 'application/json', nestedObjects(5000)],
      [
        'deep credential',
        'application/json',
        `{"credential":${deepCredential},"verifiableCredential":${deepCredential},"certificate":${deepCredential},"destination":"TH"}`,
      ],
      [
        'huge string',
        'application/json',
        JSON.stringify({
          credential: 'x'.repeat(200_000),
          certificate: 'y'.repeat(200_000).slice(0, 50_000),
        }),
      ],
      ['over the body limit', 'application/json', JSON.stringify({ pad: 'x'.repeat(300 * 1024) })],
      [
        '__proto__',
        'application/json',
        '{"__proto__":{"polluted":true},"credential":{"__proto__":{"polluted":true}}}',
      ],
      ['constructor.prototype', 'application/json', '{"constructor":{"prototype":{"polluted":true}}}'],
      ['malformed JSON', 'application/json', '{"credential": {'],
      ['trailing comma', 'application/json', '{"a":1,}'],
      ['single quotes', 'application/json', "{'a':1}"],
      ['NaN', 'application/json', 'NaN'],
      ['empty', 'application/json', ''],
      ['a BOM then JSON', 'application/json', '\ufeff{}'],
      ['UTF-16 JSON', 'application/json; charset=utf-16', Buffer.from('{"a":1}', 'utf16le')],
      ['text/plain', 'text/plain', 'hello'],
      ['CSV where JSON is expected', 'text/csv', 'certificate\nurn:uuid:x\n'],
      [
        'form',
        'application/x-www-form-urlencoded',
        `credential=${encodeURIComponent(deepCredential)}&certificate=%ZZ&destination=TH&lang=__proto__`,
      ],
      [
        'multipart',
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--\r\n',
      ],
      ['octet-stream', 'application/octet-stream', Buffer.from([0, 1, 2, 255])],
      ['a content type with odd parameters', 'application/json; charset="\u0000"; boundary', '{}'],
    ];
    for (let i = 0; i < 6; i++)
      bodies.push([
        `random bytes ${i}`,
        r.pick(['application/json', 'text/csv', 'application/x-www-form-urlencoded']),
        Buffer.from(Array.from({ length: 1 + r.int(2048) }, () => r.int(256))),
      ]);
    for (let i = 0; i < 12; i++)
      bodies.push([`random JSON ${i}`, 'application/json', JSON.stringify(randomJson(r)) ?? 'null']);

    for (const route of routes) {
      for (const [who, auth] of Object.entries(tokens)) {
        const url = fill(route.url);
        if (route.method === 'GET' || route.method === 'DELETE') {
          const query = `?lang=${enc(r.pick(ODD_STRINGS))}&lang=km&q=${enc(r.pick(ODD_STRINGS))}&limit=-1&offset=x&format=${r.pick(['csv', 'json', '', '%00'])}&example=2&pdf=maybe&destination=__proto__`;
          await send(
            `${who} odd query`,
            { method: route.method, url: `${url}${query}`, headers: auth },
            route.url,
          );
          await send(`${who} plain`, { method: route.method, url, headers: auth }, route.url);
          continue;
        }
        for (const [name, type, payload] of bodies) {
          await send(
            `${who} ${name}`,
            { method: route.method, url, headers: { ...auth, 'content-type': type }, payload },
            route.url,
          );
        }
        await send(
          `${who} no content type`,
          { method: route.method, url, headers: auth, payload: Buffer.from('{"a":1}') },
          route.url,
        );
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    report();
  });

  it('odd path parameters and long URLs at every route', async () => {
    const routes = routesOf(hub.app.printRoutes({ commonPrefix: false }));
    const params = [
      '%00',
      '..',
      '%2e%2e%2f',
      '%2F',
      '%',
      '%E0%A4%A',
      '%F0%9F%92%A9',
      '%E2%80%AE',
      'a'.repeat(100),
      'a'.repeat(101),
      '__proto__',
      'constructor',
      '%20',
      'urn:uuid:' + '0'.repeat(36),
      "'--",
      '%3Cscript%3E',
    ];
    for (const route of routes) {
      const auth =
        route.url.startsWith('/batches') || route.url.startsWith('/certificates')
          ? tokens.centre
          : route.url.startsWith('/placements')
            ? employer
            : tokens.admin;
      const body =
        route.method === 'GET' || route.method === 'DELETE'
          ? {}
          : { headers: { ...auth, 'content-type': 'application/json' }, payload: '{}' };
      if (route.url.includes(':')) {
        for (const p of params)
          await send(
            `param ${p.slice(0, 12)}`,
            { method: route.method, url: route.url.replace(/:(\w+)/g, p), headers: auth, ...body },
            route.url,
          );
      }
      await send(
        'long query',
        {
          method: route.method,
          url: `${route.url.replace(/:(\w+)/g, 'x')}?q=${'a'.repeat(9000)}`,
          headers: auth,
          ...body,
        },
        route.url,
      );
      await send(
        'long path',
        {
          method: route.method,
          url: `${route.url.replace(/:(\w+)/g, 'x')}/${'a'.repeat(20_000)}`,
          headers: auth,
          ...body,
        },
        route.url,
      );
    }
    report();
  });

  it("wrong types in otherwise good bodies: every field of each route's sample replaced by odd values", async () => {
    const r = rng(SEED + 1);
    const samples: [string, string, Record<string, string>, unknown][] = [
      ['POST', '/certificates', tokens.centre, brickRequest()],
      ['POST', '/verifications', tokens.none, { credential: di }],
      ['POST', '/credentials/verify', tokens.none, { verifiableCredential: di, options: { policy: 'hub' } }],
      [
        'POST',
        '/presentations/verify',
        tokens.none,
        {
          verifiablePresentation: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiablePresentation'],
            verifiableCredential: [di, jwt],
          },
        },
      ],
      [
        'POST',
        '/recognition/check',
        tokens.admin,
        {
          certificates: [certId, { certificate: jwt, ref: 'a', facts: { yearsOfExperience: 3 } }],
          destination: 'TH',
          permitCategory: 'SG-WP-R1',
          issueReceipt: true,
        },
      ],
      [
        'POST',
        '/credentials/issue',
        tokens.centre,
        { credential: { ...di, id: undefined, proof: undefined }, options: {} },
      ],
      [
        'POST',
        '/batches',
        tokens.centre,
        {
          rows: [
            {
              qualification: 'TH-BRICK-1',
              holderName: 'A',
              holderBirthDate: '1990-01-01',
              assessmentDate: '2026-11-18',
              assessmentLanguage: 'km',
              result: 'competent',
            },
          ],
        },
      ],
      ['POST', '/tokens', tokens.admin, { role: 'authority', label: 'x', country: 'KH', expiresInDays: 1 }],
      [
        'POST',
        '/placements',
        employer,
        {
          certificate: certId,
          destination: 'TH',
          isco08: '7112',
          startDate: '2026-12-01',
          monthlyWage: { amount: 12000, currency: 'THB' },
          contractType: 'fixed-term',
        },
      ],
      [
        'POST',
        '/placements/some-id/follow-ups',
        employer,
        { month: 3, stillEmployed: true, monthlyWage: { amount: 1, currency: 'THB' }, roleOrGrade: 'R1' },
      ],
      [
        'POST',
        '/registry/qualifications',
        tokens.admin,
        {
          code: 'TH-FUZZ-1',
          title: { en: 'Fuzz' },
          country: 'TH',
          framework: 'TH-TPQF',
          level: 1,
          isco08: '7112',
          validityYears: 5,
        },
      ],
      ['POST', '/registry/spokes', tokens.admin, { slug: 'zz-fuzz', name: 'Fuzz', country: 'KH' }],
      [
        'POST',
        '/registry/spokes/kh-ntti/accreditations',
        tokens.admin,
        { qualifications: ['TH-BRICK-1'], validFrom: '2026-01-01', validUntil: '2028-12-31' },
      ],
    ];
    for (const [method, url, auth, sample] of samples) {
      const all = paths(sample);
      for (const path of all) {
        for (const value of [REMOVE, UNPRINTABLE, r.pick(ODD_VALUES), randomJson(r)]) {
          await send(
            `${path.join('.')} = ${value === REMOVE ? '(removed)' : JSON.stringify(value)?.slice(0, 40)}`,
            {
              method,
              url,
              headers: { ...auth, 'content-type': 'application/json' },
              payload: JSON.stringify(replaced(sample, path, value)),
            },
          );
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    report();
  });
});
