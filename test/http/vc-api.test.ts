import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, issue, startTestHub, brickRequest, type TestHub } from '../helpers/test-hub.js';
import { signAsCentre } from '../helpers/forge.js';
import { didKeyCredential } from '../helpers/did-key.js';

describe('W3C VC API', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const KH_NTTI = 'did:web:127.0.0.1%3A3999:spokes:kh-ntti';
  const plain = () => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: KH_NTTI,
    credentialSubject: { id: 'did:example:worker', name: 'Sok Dara' },
  });

  it('POST /credentials/issue signs as the centre and answers 201 {verifiableCredential}', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: bearer(hub.tokens.khNtti),
      payload: { credential: plain(), options: {} },
    });
    expect(res.statusCode).toBe(201);
    const { verifiableCredential: vc } = res.json();
    expect(vc.issuer).toBe('did:web:127.0.0.1%3A3999:spokes:kh-ntti');
    expect(vc.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    const verified = await hub.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: vc, options: { checks: ['proof'] } },
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ verified: true, errors: [] });
  });

  it('issue refuses another issuer, an already-signed credential, and undefined terms (400, nothing stored)', async () => {
    const before = await hub.ctx.store.repos.certificates.count();
    const other = await hub.app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: bearer(hub.tokens.khNtti),
      payload: {
        credential: { ...plain(), issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
      },
    });
    expect(other.statusCode).toBe(400);
    const undefinedTerm = await hub.app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: bearer(hub.tokens.khNtti),
      payload: { credential: { ...plain(), credentialSubject: { favouriteColour: 'blue' } } },
    });
    expect(undefinedTerm.statusCode).toBe(400);
    expect(undefinedTerm.json().code).toBe('invalid-credential-request');
    expect(await hub.ctx.store.repos.certificates.count()).toBe(before);
  });

  it('issue refuses, instead of repairing, what breaks a VC 2.0 MUST (400 problem+json naming the field; nothing stored)', async () => {
    const before = await hub.ctx.store.repos.certificates.count();
    const typed = (name: string, value: unknown) => ({ ...plain(), [name]: value });
    const cases: [string, Record<string, unknown>, string][] = [
      ['id null', { ...plain(), id: null }, 'credential.id'],
      ['id not a URL', { ...plain(), id: 'not a url' }, 'credential.id'],
      ['issuer missing', (({ issuer: _i, ...rest }) => rest)(plain()), 'credential.issuer'],
      ...([null, 42, [], {}] as unknown[]).map((issuer): [string, Record<string, unknown>, string] => [
        `issuer ${JSON.stringify(issuer)}`,
        { ...plain(), issuer },
        'credential.issuer',
      ]),
      [
        'issuer another DID',
        { ...plain(), issuer: { id: 'did:web:127.0.0.1%3A3999:spokes:th-bkk-itc' } },
        'credential.issuer',
      ],
      ['empty credentialSubject', { ...plain(), credentialSubject: {} }, 'credential.credentialSubject'],
      ...['credentialStatus', 'termsOfUse', 'evidence', 'refreshService', 'credentialSchema'].map(
        (name): [string, Record<string, unknown>, string] => [
          `${name} without a type`,
          typed(name, { id: 'https://example.org/x' }),
          `credential.${name}`,
        ],
      ),
      [
        'credentialSchema without an id',
        typed('credentialSchema', { type: 'JsonSchema' }),
        'credential.credentialSchema',
      ],
      [
        'relatedResource not an object',
        typed('relatedResource', ['https://example.org/r']),
        'credential.relatedResource',
      ],
      [
        'relatedResource without an id',
        typed('relatedResource', [{ digestSRI: 'sha384-abc' }]),
        'credential.relatedResource',
      ],
      [
        'relatedResource repeated',
        typed('relatedResource', [
          { id: 'https://example.org/r', digestSRI: 'sha384-a' },
          { id: 'https://example.org/r', digestSRI: 'sha384-b' },
        ]),
        'credential.relatedResource',
      ],
      [
        'relatedResource without a digest',
        typed('relatedResource', [{ id: 'https://example.org/r' }]),
        'credential.relatedResource',
      ],
    ];
    for (const [what, credential, field] of cases) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/credentials/issue',
        headers: bearer(hub.tokens.khNtti),
        payload: { credential },
      });
      expect(res.statusCode, what).toBe(400);
      expect(res.headers['content-type'], what).toContain('application/problem+json');
      expect(res.json(), what).toMatchObject({ code: 'invalid-credential-request', details: { field } });
    }
    expect(await hub.ctx.store.repos.certificates.count()).toBe(before);
  });

  it("issue holds the holder's name to the rules of POST /certificates: no control or hidden characters, not blank (400)", async () => {
    const before = await hub.ctx.store.repos.certificates.count();
    for (const [name, rule] of [
      ['Sok\u202eDara', 'invisible-characters'],
      ['Sok\nDara', 'control-characters'],
      [' ', 'required'],
    ] as const) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/credentials/issue',
        headers: bearer(hub.tokens.khNtti),
        payload: {
          credential: { ...plain(), credentialSubject: { ...(plain().credentialSubject as object), name } },
        },
      });
      expect(res.statusCode, name).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'invalid-credential-request',
        details: { field: 'credential.credentialSubject.name', rule },
      });
    }
    expect(await hub.ctx.store.repos.certificates.count()).toBe(before);
  });

  it('issue refuses a credential that is not in the compact form its contexts define (an inline alias, a full IRI key)', async () => {
    const inline = {
      ...plain(),
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        { cs: 'https://www.w3.org/2018/credentials#credentialStatus' },
      ],
    };
    const fullIri = {
      ...plain(),
      'https://www.w3.org/2018/credentials#validUntil': {
        '@value': '2020-01-01T00:00:00Z',
        '@type': 'http://www.w3.org/2001/XMLSchema#dateTime',
      },
    };
    for (const credential of [inline, fullIri]) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/credentials/issue',
        headers: bearer(hub.tokens.khNtti),
        payload: { credential },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'invalid-credential-request',
        details: { code: 'not-compact-form' },
      });
    }
  });

  it('issue gives a VC 1.1 credential the Data Integrity context, so its proof terms have URLs, and it verifies', async () => {
    const v11 = {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer: KH_NTTI,
      issuanceDate: '2026-11-20T10:00:00Z',
      credentialSubject: { id: 'did:example:worker' },
    };
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: bearer(hub.tokens.khNtti),
      payload: { credential: v11 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const vc = res.json().verifiableCredential;
    expect(vc['@context']).toEqual([
      'https://www.w3.org/2018/credentials/v1',
      'https://w3id.org/security/data-integrity/v2',
    ]);
    const verified = await hub.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: vc },
    });
    expect(verified.statusCode, verified.body).toBe(200);
  });

  it("verify answers in the VC API's shape (checks, warnings, errors, problemDetails) with SkillPass's result alongside", async () => {
    const vc = (await issue(hub)).credential as Record<string, any>;
    const ok = (
      await hub.app.inject({
        method: 'POST',
        url: '/credentials/verify',
        payload: { verifiableCredential: vc },
      })
    ).json();
    expect(ok).toMatchObject({
      verified: true,
      errors: [],
      warnings: [],
      problemDetails: [],
      skillpass: { outcome: 'valid' },
    });
    expect(ok.checks).toEqual([
      'well-formed',
      'proof',
      'issuer',
      'accreditation',
      'level',
      'validity',
      'status',
    ]);
    vc.credentialSubject.name = 'X';
    const bad = (
      await hub.app.inject({
        method: 'POST',
        url: '/credentials/verify',
        payload: { verifiableCredential: vc },
      })
    ).json();
    expect(bad.checks).not.toContain('proof');
    expect(bad.errors).toEqual([expect.stringMatching(/^proof: /)]);
    expect(bad.problemDetails).toEqual([
      expect.objectContaining({ type: expect.stringMatching(/bad-signature$/), title: 'proof invalid' }),
    ]);
  });

  it('issue holds a registry qualification to the accreditation rule (403)', async () => {
    const unsigned = (await signAsCentre(hub.ctx, 'kh-ntti', { qualification: 'TH-WIRING-1' })) as Record<
      string,
      unknown
    >;
    const { proof: _p, ...credential } = unsigned;
    const res = await hub.app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: bearer(hub.tokens.khNtti),
      payload: { credential },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('not-accredited');
  });

  it('verify: 200 for a good credential, 422 with the full result for a tampered one; unknown options are accepted', async () => {
    const vc = (await issue(hub)).credential as Record<string, any>;
    const ok = await hub.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: vc, options: { checks: ['proof', 'status'], whatever: 1 } },
    });
    expect(ok.statusCode).toBe(200);
    vc.credentialSubject.name = 'X';
    const bad = await hub.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: vc },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ verified: false, skillpass: { outcome: 'invalid' } });
    expect(bad.json().skillpass.checks.find((c: any) => c.id === 'proof').code).toBe('bad-signature');
  });

  it('verify: hub-trust failures are warnings unless options.policy is "hub"', async () => {
    const forged = await signAsCentre(hub.ctx, 'kh-ntti', { qualification: 'TH-WIRING-1' });
    const lenient = await hub.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: forged },
    });
    expect(lenient.statusCode).toBe(200);
    expect(lenient.json().warnings.join(' ')).toContain('accreditation');
    const strict = await hub.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: forged, options: { policy: 'hub' } },
    });
    expect(strict.statusCode).toBe(422);
  });

  it('verifies a did:key issuer offline, VC 2.0 and VC 1.1, and a VC-JOSE JWT', async () => {
    for (const version of [2, 1] as const) {
      const vc = await didKeyCredential(hub.ctx, version);
      const res = await hub.app.inject({
        method: 'POST',
        url: '/credentials/verify',
        payload: { verifiableCredential: vc },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().skillpass.checks.find((c: any) => c.id === 'issuer')).toMatchObject({
        outcome: 'invalid',
        code: 'issuer-not-registered',
      });
    }
    const jwt = (await issue(hub, brickRequest({ format: 'vc+jwt' }))).credential;
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/credentials/verify',
          payload: { verifiableCredential: jwt },
        })
      ).statusCode,
    ).toBe(200);
  });

  it("POST /presentations/verify checks an unsigned presentation's credentials", async () => {
    const good = (await issue(hub)).credential as Record<string, any>;
    const vp = (vcs: unknown[]) => ({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: vcs,
    });
    const ok = await hub.app.inject({
      method: 'POST',
      url: '/presentations/verify',
      payload: { verifiablePresentation: vp([good]) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ verified: true, presentationResult: { proof: 'absent' } });
    const bad = structuredClone(good);
    bad.validUntil = '2099-01-01T00:00:00Z';
    const res = await hub.app.inject({
      method: 'POST',
      url: '/presentations/verify',
      payload: { verifiablePresentation: vp([good, bad]) },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().credentialResults.map((r: any) => r.verified)).toEqual([true, false]);
  });

  it('a signed presentation needs the challenge it was signed with', async () => {
    const vp = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: [],
      proof: {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'authentication',
        verificationMethod:
          'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
        proofValue: 'zabc',
      },
    };
    const res = await hub.app.inject({
      method: 'POST',
      url: '/presentations/verify',
      payload: { verifiablePresentation: vp, options: { challenge: 'c-1' } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().presentationResult.proof).toBe('invalid');
  });
});
