import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestHub, type TestHub } from '../helpers/test-hub.js';
import { authorityToken } from '../helpers/recognition.js';
import type { DeclaredRoute } from '../../src/http/app.js';

/**
 * Authentication before validation (src/http/plugins/auth.ts): every route that declares a
 * bearer `security` requirement, enumerated from the app itself, answers a request without a
 * valid token with 401 problem+json that says nothing about its request schema, even when the
 * body and query are invalid; the same request with a valid token is refused by validation
 * (400), which shows the 401 came first.
 */
/** the problem document's own members (RFC 9457): present in every answer, whatever the schema */
const PROBLEM_MEMBERS = ['type', 'title', 'status', 'code', 'detail'];
type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  content?: Record<string, { schema?: Schema }>;
} & Record<string, unknown>;

describe('authentication comes before validation on every route that needs a token', () => {
  let hub: TestHub;
  let secured: DeclaredRoute[];
  let authority: string;
  let employer: string;
  beforeAll(async () => {
    hub = await startTestHub();
    authority = await authorityToken(hub, 'TH');
    employer = (
      await hub.app.inject({
        method: 'POST',
        url: '/tokens',
        headers: bearer(hub.tokens.admin),
        payload: { role: 'employer', label: 'employer', country: 'TH' },
      })
    ).json().token;
    secured = hub.app.routeTable.filter(
      (r) =>
        r.method !== 'HEAD' &&
        Array.isArray((r.schema as Schema | undefined)?.security) &&
        (r.schema as { security: unknown[] }).security.length > 0,
    );
  });
  afterAll(async () => {
    await hub.close();
  });

  const urlOf = (r: DeclaredRoute) => r.url.replace(':slug', 'kh-ntti').replace(/:[a-z]+/gi, 'some-id');
  const schemaOf = (r: DeclaredRoute) => (r.schema ?? {}) as { body?: Schema; querystring?: Schema };
  /** every property name the route's body and query schemas declare, following $refs */
  const fieldNames = (r: DeclaredRoute): Set<string> => {
    const names = new Set<string>();
    const shared = hub.app.getSchemas() as Record<string, Schema>;
    const walk = (s: Schema | undefined, depth = 0): void => {
      if (!s || depth > 8) return;
      if (s.$ref) walk(shared[s.$ref.replace(/#.*$/, '')], depth + 1);
      for (const [name, sub] of Object.entries(s.properties ?? {})) {
        names.add(name);
        walk(sub, depth + 1);
      }
      walk(s.items, depth + 1);
      for (const c of Object.values(s.content ?? {})) walk(c.schema, depth + 1);
    };
    walk(schemaOf(r).body);
    walk(schemaOf(r).querystring);
    return names;
  };
  const tokenFor = (r: DeclaredRoute): string => {
    const role = r.config?.roles?.[0] ?? 'admin';
    return role === 'issuer'
      ? hub.tokens.khNtti
      : role === 'authority'
        ? authority
        : role === 'employer'
          ? employer
          : hub.tokens.admin;
  };
  /** a value that fails every query parameter with a pattern or an enum */
  const badQuery = (r: DeclaredRoute) =>
    new URLSearchParams(
      Object.keys(schemaOf(r).querystring?.properties ?? { unexpected: {} }).map((k) => [k, '!invalid!']),
    ).toString();
  const send = (r: DeclaredRoute, headers: Record<string, string>) =>
    hub.app.inject({
      method: r.method as 'GET',
      url: `${urlOf(r)}?${badQuery(r)}`,
      headers,
      ...(r.method === 'GET' || r.method === 'DELETE'
        ? {}
        : { payload: { unexpected: { nested: true }, certificates: 'not-a-list', credential: 7 } }),
    });

  it('finds the secured routes: registry, certificates, batches, tokens, VC API, lifecycle, recognition', () => {
    const ids = secured.map((r) => `${r.method} ${r.url}`);
    for (const id of [
      'POST /registry/spokes',
      'POST /certificates',
      'GET /certificates',
      'POST /batches',
      'GET /batches/:id/result.zip',
      'POST /tokens',
      'DELETE /tokens/:id',
      'POST /credentials/issue',
      'POST /credentials/status',
      'POST /registry/spokes/:slug/keys/compromised',
      'POST /recognition/agreements',
    ])
      expect(ids).toContain(id);
    expect(secured.length).toBeGreaterThanOrEqual(20);
  });

  it('no token, a wrong token or another scheme: 401 problem+json naming no field, even with an invalid body and query', async () => {
    for (const r of secured) {
      const fields = fieldNames(r);
      for (const headers of [
        {},
        bearer('sp_admin_not-a-real-token'),
        { authorization: 'Basic YWRtaW46YWRtaW4=' },
      ]) {
        const res = await send(r, headers);
        const what = `${r.method} ${r.url} ${JSON.stringify(headers)}`;
        expect(res.statusCode, `${what}: ${res.body}`).toBe(401);
        expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
        const body = res.json();
        expect(body.code, what).toBe('unauthenticated');
        expect(Object.keys(body).sort(), what).toEqual(['code', 'detail', 'status', 'title', 'type']);
        for (const field of [...fields].filter((f) => !PROBLEM_MEMBERS.includes(f)))
          expect(res.body, `${what} mentions ${field}`).not.toMatch(new RegExp(`\\b${field}\\b`));
        expect(res.body, what).not.toMatch(/must|schema|querystring|body\//i);
      }
    }
  });

  it('with a valid token of an admitted role the same invalid request is refused by validation (so the 401 above came first)', async () => {
    let validated = 0;
    for (const r of secured) {
      const s = schemaOf(r);
      if (!s.body && !s.querystring) continue;
      const res = await send(r, bearer(tokenFor(r)));
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(400);
      expect(res.json().code).toBe('validation-failed');
      validated++;
    }
    expect(validated).toBeGreaterThanOrEqual(10);
  });

  it('a token of a role the route does not admit is 403 before validation', async () => {
    for (const r of secured) {
      const roles = r.config?.roles;
      if (!roles || roles.includes('issuer')) continue;
      const res = await send(r, bearer(hub.tokens.khNtti));
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(403);
      expect(res.json()).not.toHaveProperty('errors');
    }
    const admin = await send(
      secured.find((r) => r.method === 'POST' && r.url === '/certificates')!,
      bearer(hub.tokens.admin),
    );
    expect(admin.statusCode).toBe(403);
  });
});
