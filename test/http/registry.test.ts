import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, brickRequest, issue, startTestHub, verify, type TestHub } from '../helpers/test-hub.js';

describe('registry', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  const admin = () => bearer(hub.tokens.admin);

  it('is seeded: 8 AQRF levels, national frameworks with referencing, qualifications with ISCO-08, two centres', async () => {
    const fw = (await hub.app.inject({ url: '/registry/frameworks' })).json();
    expect(fw.aqrf.levels).toHaveLength(8);
    const national = fw.frameworks.filter((f: any) => f.id !== 'AQRF');
    expect(national.length).toBeGreaterThanOrEqual(2);
    for (const f of national)
      expect(f.referencing[0]).toMatchObject({
        effectiveFrom: expect.any(String),
        status: expect.stringMatching(/referenced|provisional/),
      });
    const qs = (await hub.app.inject({ url: '/registry/qualifications' })).json().qualifications;
    expect(qs.length).toBeGreaterThanOrEqual(5);
    for (const q of qs) expect(q.isco08).toMatch(/^\d{4}$/);
    expect((await hub.app.inject({ url: '/registry/spokes' })).json().spokes.map((s: any) => s.slug)).toEqual(
      ['kh-ntti', 'th-bkk-itc'],
    );
  });

  it('derives the AQRF level from the national level and the referencing in force (Indonesia folds 9 levels into 8)', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/registry/qualifications',
      headers: admin(),
      payload: {
        code: 'ID-MGR-8',
        title: { en: 'Construction manager, level 8' },
        country: 'ID',
        framework: 'ID-KKNI',
        level: 8,
        isco08: '1323',
        validityYears: 5,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: 'ID-MGR-8', aqrfLevel: 7, referencing: 'referenced' });
    expect((await hub.app.inject({ url: '/registry/qualifications/ID-MGR-8' })).json().aqrfLevel).toBe(7);
  });

  it('rejects bad qualification data with a clear 4xx naming the problem', async () => {
    const base = {
      code: 'TH-X-1',
      title: { en: 'X' },
      country: 'TH',
      framework: 'TH-TPQF',
      level: 1,
      isco08: '7112',
      validityYears: 5,
    };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, framework: 'XX-NQF' }, 400, 'unknown-framework'],
      [{ ...base, level: 9 }, 400, 'validation-failed'],
      [{ ...base, isco08: '71' }, 400, 'validation-failed'],
      [{ ...base, code: 'TH-BRICK-1' }, 409, 'conflict'],
      [{ ...base, title: { th: 'no english' } }, 400, 'validation-failed'],
      [{ ...base, level: '1' }, 400, 'validation-failed'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/registry/qualifications',
        headers: admin(),
        payload,
      });
      expect([res.statusCode, res.json().code], JSON.stringify(payload)).toEqual([status, code]);
    }
    expect((await hub.app.inject({ url: '/registry/qualifications/TH-X-1' })).statusCode).toBe(404);
  });

  it('creates a centre with a did:web DID, serves its DID document, shows its token once, never its private key', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/registry/spokes',
      headers: admin(),
      payload: { slug: 'la-vte', name: 'Demo Vientiane Centre', country: 'LA' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      slug: 'la-vte',
      did: 'did:web:127.0.0.1%3A3999:spokes:la-vte',
      token: expect.stringMatching(/^sp_issuer_/),
    });
    expect(JSON.stringify(body)).not.toMatch(/"d"|encryptedSecret|privateJwk/);
    const doc = (await hub.app.inject({ url: '/spokes/la-vte/did.json' })).json();
    expect(doc.id).toBe(body.did);
    expect(doc.verificationMethod[0]).toMatchObject({
      id: `${body.did}#key-1`,
      type: 'Multikey',
      publicKeyMultibase: expect.stringMatching(/^z6Mk/),
    });
    // the key again as a JsonWebKey method (cid-1.0: one method may not carry both), both for assertions
    expect(doc.verificationMethod.map((v: any) => v.type)).toEqual(['Multikey', 'JsonWebKey']);
    expect(doc.verificationMethod[1]).toMatchObject({
      id: `${body.did}#${doc.verificationMethod[1].publicKeyJwk.kid}`,
      publicKeyJwk: { kty: 'OKP', crv: 'Ed25519' },
    });
    expect(doc.assertionMethod).toEqual([`${body.did}#key-1`, doc.verificationMethod[1].id]);
    const detail = (await hub.app.inject({ url: '/registry/spokes/la-vte' })).json();
    expect(JSON.stringify(detail)).not.toContain('encryptedSecret');
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/registry/spokes',
          headers: admin(),
          payload: { slug: 'la-vte', name: 'Again', country: 'LA' },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('accredits a new centre, which can then certify; the accreditation shows on the centre', async () => {
    const { token } = (
      await hub.app.inject({
        method: 'POST',
        url: '/registry/spokes',
        headers: admin(),
        payload: { slug: 'mm-ygn', name: 'Demo Yangon Centre', country: 'MM' },
      })
    ).json();
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/certificates',
          headers: bearer(token),
          payload: brickRequest(),
        })
      ).statusCode,
    ).toBe(403);
    const acc = await hub.app.inject({
      method: 'POST',
      url: '/registry/spokes/mm-ygn/accreditations',
      headers: admin(),
      payload: { qualifications: ['TH-BRICK-1'], validFrom: '2026-01-01', validUntil: '2028-12-31' },
    });
    expect(acc.statusCode).toBe(201);
    expect(acc.json().id).toEqual(expect.any(String));
    const spoke = (await hub.app.inject({ url: '/registry/spokes/mm-ygn' })).json();
    expect(spoke.accreditations).toHaveLength(1);
    const issued = await issue(hub, brickRequest(), token);
    expect((await verify(hub, { id: issued.id })).outcome).toBe('valid');
  });

  it('rejects bad accreditations: unknown qualification, inverted dates, unknown centre', async () => {
    const post = (slug: string, payload: Record<string, unknown>) =>
      hub.app.inject({
        method: 'POST',
        url: `/registry/spokes/${slug}/accreditations`,
        headers: admin(),
        payload,
      });
    expect(
      (
        await post('kh-ntti', { qualifications: ['NOPE'], validFrom: '2026-01-01', validUntil: '2027-01-01' })
      ).json().code,
    ).toBe('unknown-qualification');
    expect(
      (
        await post('kh-ntti', {
          qualifications: ['TH-BRICK-1'],
          validFrom: '2027-01-01',
          validUntil: '2026-01-01',
        })
      ).json().code,
    ).toBe('validation-failed');
    expect(
      (
        await post('kh-ntti', {
          qualifications: ['TH-BRICK-1'],
          validFrom: '2026-13-01',
          validUntil: '2027-01-01',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await post('nobody', {
          qualifications: ['TH-BRICK-1'],
          validFrom: '2026-01-01',
          validUntil: '2027-01-01',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('registry writes need the admin token', async () => {
    const payload = { slug: 'zz-nope', name: 'No', country: 'TH' };
    expect((await hub.app.inject({ method: 'POST', url: '/registry/spokes', payload })).statusCode).toBe(401);
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/registry/spokes',
          headers: bearer(hub.tokens.khNtti),
          payload,
        })
      ).statusCode,
    ).toBe(403);
    expect((await hub.app.inject({ url: '/registry/spokes/zz-nope' })).statusCode).toBe(404);
  });

  it("serves the hub DID document and its own JSON-LD context; credentials name the context's permanent URL, which no public URL is part of", async () => {
    const hubDoc = (await hub.app.inject({ url: '/.well-known/did.json' })).json();
    expect(hubDoc.id).toBe('did:web:127.0.0.1%3A3999');
    const vc = (await issue(hub)).credential as Record<string, any>;
    const ctxUrl = vc['@context'][2] as string;
    expect(ctxUrl).toBe('https://w3id.org/skillpass/v1');
    const served = await hub.app.inject({ url: '/contexts/skillpass/v1.jsonld' });
    expect(served.statusCode).toBe(200);
    expect(served.json()['@context'].assessmentLanguage).toBeDefined();
    // the document the permanent URL names is the one served, and the one bundled under it
    expect(served.json()).toEqual(hub.ctx.contexts.get(ctxUrl));
  });
});
