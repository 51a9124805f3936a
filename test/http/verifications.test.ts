import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, issue, startTestHub, verify, brickRequest, type TestHub } from '../helpers/test-hub.js';
import { signAsCentre, strangerKey } from '../helpers/forge.js';

const clone = <T>(v: T): T => structuredClone(v);

describe('POST /verifications', () => {
  let hub: TestHub;
  let di: Record<string, any>;
  let jwt: string;
  beforeAll(async () => {
    hub = await startTestHub();
    di = (await issue(hub)).credential as Record<string, any>;
    jwt = (await issue(hub, brickRequest({ format: 'vc+jwt' }))).credential as string;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('answers the one result shape with every check, in order', async () => {
    const r = await verify(hub, { credential: di });
    expect(r.outcome).toBe('valid');
    expect(r.checks.map((c) => c.id)).toEqual([
      'well-formed',
      'proof',
      'issuer',
      'accreditation',
      'level',
      'validity',
      'status',
    ]);
    expect(r.checks.filter((c) => c.id !== 'status').every((c) => c.outcome === 'valid')).toBe(true);
  });

  it.each([
    [
      'the worker name',
      (c: any) => {
        c.credentialSubject.name = 'Someone Else';
      },
    ],
    [
      'the qualification',
      (c: any) => {
        c.credentialSubject.achievement.humanCode = 'TH-PLASTER-1';
      },
    ],
    [
      'the AQRF level',
      (c: any) => {
        c.credentialSubject.achievement.alignment[0].targetCode = '4';
      },
    ],
    [
      'the expiry date',
      (c: any) => {
        c.validUntil = '2040-01-01T00:00:00Z';
      },
    ],
    [
      'the assessment language',
      (c: any) => {
        c.credentialSubject.assessment.assessmentLanguage = 'th';
      },
    ],
    [
      'the issuer name',
      (c: any) => {
        c.issuer.name = 'Fake Centre';
      },
    ],
    [
      'the proof value',
      (c: any) => {
        c.proof.proofValue =
          c.proof.proofValue.slice(0, -2) + (c.proof.proofValue.endsWith('a') ? 'bb' : 'aa');
      },
    ],
  ])('tampering with %s makes the proof check fail', async (_what, tamper) => {
    const forged = clone(di);
    tamper(forged);
    const r = await verify(hub, { credential: forged });
    expect(r.outcome).toBe('invalid');
    expect(check(r, 'proof')).toMatchObject({ outcome: 'invalid', code: 'bad-signature' });
  });

  it('tampering with a JWT payload fails the proof check', async () => {
    const [h, p, s] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.credentialSubject.name = 'Someone Else';
    const r = await verify(hub, {
      credential: `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`,
    });
    expect(check(r, 'proof')).toMatchObject({ outcome: 'invalid', code: 'bad-signature' });
  });

  it('a signature by a key the centre never registered is invalid (DI and JWT)', async () => {
    const vm = 'did:web:127.0.0.1%3A3999:spokes:kh-ntti#key-9';
    for (const jwtFormat of [false, true]) {
      const forged = await signAsCentre(hub.ctx, 'kh-ntti', {
        privateJwk: strangerKey(),
        verificationMethod: vm,
        jwt: jwtFormat,
      });
      const r = await verify(hub, { credential: forged });
      expect(r.outcome).toBe('invalid');
      expect(check(r, 'proof')).toMatchObject({ outcome: 'invalid', code: 'unknown-key' });
    }
  });

  it('a stranger re-signing with its real key 1 id but another key fails the signature', async () => {
    const forged = await signAsCentre(hub.ctx, 'kh-ntti', { privateJwk: strangerKey() });
    const r = await verify(hub, { credential: forged });
    expect(check(r, 'proof')).toMatchObject({ outcome: 'invalid', code: 'bad-signature' });
  });

  it('a certificate for a qualification the centre was not accredited for at issuance is invalid: accreditation', async () => {
    const forged = await signAsCentre(hub.ctx, 'kh-ntti', { qualification: 'TH-WIRING-1' });
    const r = await verify(hub, { credential: forged });
    expect(r.outcome).toBe('invalid');
    expect(check(r, 'proof')!.outcome).toBe('valid');
    expect(check(r, 'accreditation')).toMatchObject({ outcome: 'invalid', code: 'not-accredited' });
  });

  it('an AQRF level that does not match the registry is invalid: level', async () => {
    const forged = await signAsCentre(hub.ctx, 'kh-ntti', { aqrfLevel: 3 });
    const r = await verify(hub, { credential: forged });
    expect(check(r, 'proof')!.outcome).toBe('valid');
    expect(check(r, 'level')).toMatchObject({ outcome: 'invalid', code: 'level-mismatch' });
  });

  it('an expired certificate is invalid: validity (and the other checks still pass)', async () => {
    hub.clock.set('2025-03-01T09:00:00Z');
    const old = (
      await issue(
        hub,
        brickRequest({ assessment: { date: '2025-02-27', language: 'km', result: 'competent' } }),
      )
    ).credential;
    hub.clock.set('2030-03-02T00:00:00Z'); // TH-BRICK-1 is valid 5 years
    const r = await verify(hub, { credential: old });
    hub.clock.set('2026-11-20T10:00:00Z');
    expect(r.outcome).toBe('invalid');
    expect(check(r, 'validity')).toMatchObject({ outcome: 'invalid', code: 'expired' });
    for (const id of ['proof', 'issuer', 'accreditation', 'level'])
      expect(check(r, id)!.outcome).toBe('valid');
  });

  it('a certificate issued while accredited stays valid after the accreditation ends', async () => {
    hub.clock.set('2028-12-30T09:00:00Z');
    const late = (
      await issue(
        hub,
        brickRequest({ assessment: { date: '2028-12-29', language: 'km', result: 'competent' } }),
      )
    ).credential;
    hub.clock.set('2029-06-01T00:00:00Z');
    const r = await verify(hub, { credential: late });
    hub.clock.set('2026-11-20T10:00:00Z');
    expect(r.outcome).toBe('valid');
  });

  it('an unknown JSON-LD context is indeterminate (the hub cannot read it, so it cannot call it forged), named, and never fetched', async () => {
    const forged = clone(di);
    forged['@context'] = [...forged['@context'], 'https://evil.example/context.jsonld'];
    const fetched: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string | URL | Request) => {
      fetched.push(String(url));
      throw new Error('no network in this test');
    }) as typeof fetch;
    try {
      const r = await verify(hub, { credential: forged });
      expect(r.outcome).toBe('indeterminate');
      expect(check(r, 'well-formed')).toMatchObject({ outcome: 'indeterminate', code: 'unknown-context' });
      expect(JSON.stringify(check(r, 'well-formed'))).toContain('https://evil.example/context.jsonld');
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(fetched).toEqual([]);
  });

  it('a JWT with alg none is invalid: unsupported-alg', async () => {
    const [, p] = jwt.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'vc+jwt' })).toString('base64url')}.${p}.`;
    const r = await verify(hub, { credential: none });
    expect(check(r, 'proof')).toMatchObject({ outcome: 'invalid', code: 'unsupported-alg' });
  });

  it('a JWT whose kid belongs to another DID is invalid: kid-issuer-mismatch', async () => {
    const [h, p, s] = jwt.split('.');
    const header = {
      ...JSON.parse(Buffer.from(h!, 'base64url').toString()),
      kid: 'did:web:127.0.0.1%3A3999:spokes:th-bkk-itc#key-1',
    };
    const r = await verify(hub, {
      credential: `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${p}.${s}`,
    });
    expect(check(r, 'proof')).toMatchObject({ outcome: 'invalid', code: 'kid-issuer-mismatch' });
  });

  it('garbage is not well-formed, and every later check is skipped', async () => {
    for (const credential of [
      'not-a-jwt',
      { hello: 'world' },
      { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] },
    ]) {
      const r = await verify(hub, { credential });
      expect(r.outcome).toBe('invalid');
      expect(check(r, 'well-formed')!.outcome).toBe('invalid');
      expect(r.checks.slice(1).every((c) => c.outcome === 'skipped')).toBe(true);
    }
  });

  it('an issuer that is not a registered centre fails the issuer check; a foreign did:web is indeterminate, not forged', async () => {
    const forged = clone(di);
    forged.issuer = { ...forged.issuer, id: 'did:web:other-hub.example:spokes:x' };
    forged.proof = { ...forged.proof, verificationMethod: 'did:web:other-hub.example:spokes:x#key-1' };
    const r = await verify(hub, { credential: forged });
    expect(check(r, 'proof')).toMatchObject({ outcome: 'indeterminate', code: 'did-not-resolvable' });
    expect(check(r, 'issuer')).toMatchObject({ outcome: 'invalid', code: 'issuer-not-registered' });
  });

  it('an unknown certificate id is a 404 problem', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/verifications',
      payload: { id: 'urn:uuid:00000000-0000-4000-8000-000000000000' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not-found');
  });
});
