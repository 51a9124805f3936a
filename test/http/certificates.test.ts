import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { bearer, brickRequest, issue, startTestHub, verify, type TestHub } from '../helpers/test-hub.js';
import { jwkThumbprint, multibaseToEd25519PublicKey } from '../../src/adapters/crypto/keys/multikey.js';

describe('POST /certificates', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('issues an Open Badges 3.0 credential with AQRF, national and ISCO-08 alignments, signed eddsa-rdfc-2022', async () => {
    const issued = await issue(hub);
    const vc = issued.credential as Record<string, any>;
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.issuer.id).toBe('did:web:127.0.0.1%3A3999:spokes:kh-ntti');
    expect(vc.validFrom).toBe('2026-11-20T10:00:00Z');
    expect(vc.validUntil).toBe('2031-11-20T23:59:59Z');
    const targets = vc.credentialSubject.achievement.alignment.map((a: any) => [a.targetType, a.targetCode]);
    expect(targets).toEqual([
      ['ext:AQRFLevel', '1'],
      ['ext:NQFLevel', 'TH-TPQF:1'],
      ['ext:ISCO-08', '7112'],
    ]);
    expect(vc.credentialSubject.assessment).toMatchObject({
      assessmentDate: '2026-11-18',
      assessmentLanguage: 'km',
    });
    expect(vc.proof).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      verificationMethod: `${vc.issuer.id}#key-1`,
    });
    expect(issued.verifyUrl).toMatch(/^http:\/\/127\.0\.0\.1:3999\/v\/[0-9a-f-]{36}$/);
    expect(issued.qrUrl).toMatch(/\/certificates\/[0-9a-f-]{36}\/qr\.svg$/);
  });

  it('issues a VC-JOSE JWT when asked, with typ vc+jwt and the centre key as kid', async () => {
    const issued = await issue(hub, brickRequest({ format: 'vc+jwt' }));
    expect(typeof issued.credential).toBe('string');
    const header = decodeProtectedHeader(issued.credential as string);
    // the kid is key-1's JsonWebKey method in the centre's DID document (a JOSE library imports it as it is)
    const key1 = (await hub.ctx.store.repos.spokes.key('did:web:127.0.0.1%3A3999:spokes:kh-ntti#key-1'))!;
    const x = Buffer.from(multibaseToEd25519PublicKey(key1.publicKeyMultibase)).toString('base64url');
    expect(header).toMatchObject({
      alg: 'EdDSA',
      typ: 'vc+jwt',
      kid: `did:web:127.0.0.1%3A3999:spokes:kh-ntti#${jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x })}`,
    });
    expect((await verify(hub, { credential: issued.credential })).outcome).toBe('valid');
  });

  it('stores what it issued: GET /certificates/:id returns it and verification by id is valid', async () => {
    const issued = await issue(hub);
    const uuid = issued.id.replace('urn:uuid:', '');
    const res = await hub.app.inject({ url: `/certificates/${uuid}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(issued.credential);
    expect((await verify(hub, { id: issued.id })).outcome).toBe('valid');
    expect((await verify(hub, { id: uuid })).outcome).toBe('valid');
  });

  it('serves the QR code as SVG and PNG for a known certificate, 404 for an unknown one', async () => {
    const issued = await issue(hub);
    const uuid = issued.id.replace('urn:uuid:', '');
    const svg = await hub.app.inject({ url: `/certificates/${uuid}/qr.svg` });
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    const png = await hub.app.inject({ url: `/certificates/${uuid}/qr.png` });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect(
      (await hub.app.inject({ url: '/certificates/00000000-0000-4000-8000-000000000000/qr.svg' })).statusCode,
    ).toBe(404);
  });

  it('refuses a qualification the centre is not accredited for: 403 not-accredited, nothing stored or audited', async () => {
    const before = {
      certs: await hub.ctx.store.repos.certificates.count(),
      audit: (await hub.ctx.store.repos.audit.all()).length,
    };
    const res = await hub.app.inject({
      method: 'POST',
      url: '/certificates',
      headers: bearer(hub.tokens.khNtti),
      payload: brickRequest({ qualification: 'TH-WIRING-1' }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'not-accredited', status: 403 });
    expect(await hub.ctx.store.repos.certificates.count()).toBe(before.certs);
    expect((await hub.ctx.store.repos.audit.all()).length).toBe(before.audit);
  });

  it('refuses issuance outside the accreditation period (judged on the issuance day)', async () => {
    hub.clock.set('2029-01-05T00:00:00Z'); // kh-ntti accredited until 2028-12-31
    const res = await hub.app.inject({
      method: 'POST',
      url: '/certificates',
      headers: bearer(hub.tokens.khNtti),
      payload: brickRequest(),
    });
    hub.clock.set('2026-11-20T10:00:00Z');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('not-accredited');
  });

  it.each([
    ['unknown qualification', brickRequest({ qualification: 'XX-NOPE-1' }), 400, 'unknown-qualification'],
    [
      'missing assessment language',
      brickRequest({ assessment: { date: '2026-11-18', result: 'competent' } }),
      400,
      'validation-failed',
    ],
    [
      'a result that is not certifiable',
      brickRequest({ assessment: { date: '2026-11-18', language: 'km', result: 'not-yet-competent' } }),
      400,
      'validation-failed',
    ],
    [
      'an impossible date',
      brickRequest({ assessment: { date: '2026-02-30', language: 'km', result: 'competent' } }),
      400,
      'validation-failed',
    ],
    [
      'an assessment in the future',
      brickRequest({ assessment: { date: '2026-12-01', language: 'km', result: 'competent' } }),
      400,
      'validation-failed',
    ],
    [
      'a holder with nothing to match them by',
      brickRequest({ holder: { name: 'Sok Dara' } }),
      400,
      'validation-failed',
    ],
    [
      'extra personal data',
      brickRequest({ holder: { name: 'Sok Dara', birthDate: '1995-04-12', religion: 'x' } }),
      400,
      'validation-failed',
    ],
  ])('rejects %s with a precise 4xx and stores nothing', async (_name, payload, status, code) => {
    const before = await hub.ctx.store.repos.certificates.count();
    const res = await hub.app.inject({
      method: 'POST',
      url: '/certificates',
      headers: bearer(hub.tokens.khNtti),
      payload,
    });
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await hub.ctx.store.repos.certificates.count()).toBe(before);
  });

  it.each([
    ['a blank name', { name: ' \t ', birthDate: '1995-04-12' }, 'holder.name', 'required'],
    [
      'a name with a line break',
      { name: 'Sok\nDara', birthDate: '1995-04-12' },
      'holder.name',
      'control-characters',
    ],
    [
      'a name with a bell',
      { name: 'Sok\u0007Dara', birthDate: '1995-04-12' },
      'holder.name',
      'control-characters',
    ],
    [
      'a name with a C1 control',
      { name: 'Sok\u0085Dara', birthDate: '1995-04-12' },
      'holder.name',
      'control-characters',
    ],
    [
      'a name with a right-to-left override',
      { name: 'Sok Dara\u202eliaF', birthDate: '1995-04-12' },
      'holder.name',
      'invisible-characters',
    ],
    [
      'a name with a bidi isolate',
      { name: '\u2067Sok Dara', birthDate: '1995-04-12' },
      'holder.name',
      'invisible-characters',
    ],
    [
      'a name with a zero-width space between Latin letters',
      { name: 'Sok\u200bDara', birthDate: '1995-04-12' },
      'holder.name',
      'invisible-characters',
    ],
    [
      'a name with a BOM',
      { name: 'Sok\ufeffDara', birthDate: '1995-04-12' },
      'holder.name',
      'invisible-characters',
    ],
    [
      'a document number with a tab',
      { name: 'Sok Dara', documentNumber: 'N12\t34' },
      'holder.documentNumber',
      'control-characters',
    ],
    [
      'a birth date after the day of issuance',
      { name: 'Sok Dara', birthDate: '2026-11-21' },
      'holder.birthDate',
      'future-date',
    ],
    [
      'a birth date before 1900',
      { name: 'Sok Dara', birthDate: '1899-12-31' },
      'holder.birthDate',
      'implausible-date',
    ],
  ])(
    'refuses a holder with %s: 400 validation-failed naming the field and the cohort rule, nothing stored',
    async (_name, holder, field, rule) => {
      const before = await hub.ctx.store.repos.certificates.count();
      const res = await hub.app.inject({
        method: 'POST',
        url: '/certificates',
        headers: bearer(hub.tokens.khNtti),
        payload: brickRequest({ holder }),
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'validation-failed', details: { field, rule } });
      expect(await hub.ctx.store.repos.certificates.count()).toBe(before);
    },
  );

  it('certifies names that need invisible characters in their own script, and the edge birth dates', async () => {
    for (const holder of [
      { name: 'សុខ\u200bដារា', birthDate: '1990-01-01' }, // Khmer, words separated by a zero-width space
      { name: 'محمد\u200cرضا', birthDate: '1900-01-01' }, // Persian, a zero-width non-joiner
      { name: 'Sok Dara', birthDate: '2026-11-20' }, // born on the day of issuance: odd, but not in the future
    ]) {
      const issued = await issue(hub, brickRequest({ holder }));
      expect((issued.credential as { credentialSubject: { name: string } }).credentialSubject.name).toBe(
        holder.name,
      );
    }
  });

  it('needs a centre token: none is 401, the admin token is 403, a wrong token is 401', async () => {
    const url = '/certificates';
    expect((await hub.app.inject({ method: 'POST', url, payload: brickRequest() })).statusCode).toBe(401);
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url,
          headers: bearer(hub.tokens.admin),
          payload: brickRequest(),
        })
      ).statusCode,
    ).toBe(403);
    const wrong = await hub.app.inject({
      method: 'POST',
      url,
      headers: bearer('sp_issuer_wrong'),
      payload: brickRequest(),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('unauthenticated');
  });

  it('records every issuance in the audit log with the token id', async () => {
    const issued = await issue(hub);
    const entry = (await hub.ctx.store.repos.audit.all()).find((e) => e.subject === issued.id);
    expect(entry).toMatchObject({
      action: 'certificate.issued',
      details: { spoke: 'kh-ntti', qualification: 'TH-BRICK-1' },
    });
    expect(entry!.actor).toMatch(/^[0-9a-f-]{36}$/);
  });
});
