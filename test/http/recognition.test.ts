import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  brickRequest,
  check,
  issue,
  startTestHub,
  verify,
  type TestHub,
} from '../helpers/test-hub.js';
import { bareId, issueRevoked, issueValid, tamperedCredential } from '../helpers/certificates.js';
import { authorityToken, checkRecognition } from '../helpers/recognition.js';
import { SKILLPASS_CONTEXT_V1 } from '../../src/adapters/contexts/bundled-contexts.js';
import { wireOfflineVerification } from '../../src/wiring.js';
import { verifyCredential } from '../../src/services/verification/verify-credential.js';

const agreement = (over: Record<string, unknown> = {}) => ({
  id: 'th-brick-test',
  version: 1,
  title: 'Test agreement',
  kind: 'bilateral-mou',
  reference: 'MOU test',
  parties: { origin: ['KH'], destination: ['TH'] },
  coverage: { qualifications: ['TH-BRICK-1'] },
  grants: { equivalentLevel: { framework: 'TH-TPQF', level: 2 } },
  validFrom: '2026-01-01',
  source: { title: 'test' },
  ...over,
});

describe('recognition agreements', () => {
  let hub: TestHub;
  let th: string;
  beforeAll(async () => {
    hub = await startTestHub();
    th = await authorityToken(hub, 'TH');
  });
  afterAll(async () => {
    await hub.close();
  });

  it('a new hub lists the three illustrative demo agreements', async () => {
    const res = await hub.app.inject({ url: '/recognition/agreements' });
    expect(res.statusCode).toBe(200);
    const { agreements } = res.json();
    expect(agreements.map((a: { id: string }) => a.id)).toEqual([
      'asean-mra-tourism',
      'kh-th-mrs-construction-1',
      'sg-wp-r1-construction',
    ]);
    expect(
      agreements.every(
        (a: { illustrative: boolean; inForce: boolean; recordedBy: string }) =>
          a.illustrative && a.inForce && a.recordedBy === 'hub',
      ),
    ).toBe(true);
    const sg = (await hub.app.inject({ url: '/recognition/agreements?destination=SG' }))
      .json()
      .agreements.map((a: { id: string }) => a.id);
    expect(sg).toEqual(['asean-mra-tourism', 'sg-wp-r1-construction']); // SG is an ASEAN member
  });

  it('the hub records an agreement (201), audited; a new version replaces the old one, which stays in the history', async () => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(hub.tokens.admin),
      payload: agreement({ id: 'hub-recorded' }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe('/recognition/agreements/hub-recorded');
    expect(res.json()).toMatchObject({ id: 'hub-recorded', version: 1, recordedBy: 'hub', inForce: true });
    expect((await hub.ctx.store.repos.audit.all()).at(-1)).toMatchObject({
      action: 'recognition.agreement-recorded',
      subject: 'hub-recorded',
    });

    const again = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(hub.tokens.admin),
      payload: agreement({ id: 'hub-recorded' }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict', details: { field: 'version' } });
    const v2 = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(hub.tokens.admin),
      payload: agreement({ id: 'hub-recorded', version: 2, title: 'Second' }),
    });
    expect(v2.statusCode).toBe(201);
    const listed = (await hub.app.inject({ url: '/recognition/agreements' }))
      .json()
      .agreements.filter((a: { id: string }) => a.id === 'hub-recorded');
    expect(listed).toEqual([expect.objectContaining({ version: 2, title: 'Second' })]);
    const history = (await hub.app.inject({ url: '/recognition/agreements/hub-recorded' })).json();
    expect(history.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await hub.app.inject({ url: '/recognition/agreements/nope' })).statusCode).toBe(404);
  });

  it('an authority records agreements whose destination is its own country only', async () => {
    const own = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(th),
      payload: agreement({ id: 'th-own' }),
    });
    expect(own.statusCode).toBe(201);
    expect(own.json().recordedBy).toBe('authority TH');
    for (const destination of [['SG'], ['TH', 'SG'], ['ASEAN']]) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/recognition/agreements',
        headers: bearer(th),
        payload: agreement({ id: 'th-other', parties: { origin: ['KH'], destination } }),
      });
      expect(res.statusCode, destination.join()).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden', details: { field: 'destination' } });
    }
  });

  it("an authority may not record a new version of another country's agreement, whatever destination it gives (403, nothing recorded); the hub may", async () => {
    const sgBefore = (await hub.app.inject({ url: '/recognition/agreements/sg-wp-r1-construction' })).json()
      .versions;
    const auditBefore = (await hub.ctx.store.repos.audit.all()).length;
    // SG's agreement (destination SG) replaced by a TH authority with TH as the destination: the takeover the rule stops
    for (const destination of [['TH'], ['SG']]) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/recognition/agreements',
        headers: bearer(th),
        payload: agreement({
          id: 'sg-wp-r1-construction',
          version: 2,
          parties: { origin: ['*'], destination },
        }),
      });
      expect(res.statusCode, destination.join()).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('forbidden');
    }
    // a regional agreement (ASEAN) is not one country's to replace either
    const regional = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(th),
      payload: agreement({
        id: 'asean-mra-tourism',
        version: 2,
        parties: { origin: ['ASEAN'], destination: ['TH'] },
      }),
    });
    expect(regional.statusCode).toBe(403);
    expect(
      (await hub.app.inject({ url: '/recognition/agreements/sg-wp-r1-construction' })).json().versions,
    ).toEqual(sgBefore);
    expect(
      (await hub.app.inject({ url: '/recognition/agreements?destination=SG' }))
        .json()
        .agreements.find((a: { id: string }) => a.id === 'sg-wp-r1-construction').version,
    ).toBe(1);
    expect((await hub.ctx.store.repos.audit.all()).length).toBe(auditBefore);

    // its own country's agreement: a new version is fine
    const own = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(th),
      payload: agreement({ id: 'th-versioned' }),
    });
    expect(own.statusCode).toBe(201);
    const v2 = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(th),
      payload: agreement({ id: 'th-versioned', version: 2, title: 'TH v2' }),
    });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, recordedBy: 'authority TH' });
    // ... and another authority may not take it over
    const sgToken = await authorityToken(hub, 'SG');
    const takeover = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(sgToken),
      payload: agreement({
        id: 'th-versioned',
        version: 3,
        parties: { origin: ['KH'], destination: ['SG'] },
      }),
    });
    expect(takeover.statusCode).toBe(403);

    // the hub may replace any agreement
    const hubV2 = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(hub.tokens.admin),
      payload: agreement({
        id: 'th-versioned',
        version: 3,
        parties: { origin: ['KH'], destination: ['SG'] },
      }),
    });
    expect(hubV2.statusCode).toBe(201);
    expect(hubV2.json().recordedBy).toBe('hub');
  });

  it('an authority token made with POST /tokens (role authority and a country) is what authorities use', async () => {
    const made = await hub.app.inject({
      method: 'POST',
      url: '/tokens',
      headers: bearer(hub.tokens.admin),
      payload: { role: 'authority', country: 'SG', label: 'SG ministry' },
    });
    expect(made.statusCode).toBe(201);
    const sg = made.json().token as string;
    const own = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(sg),
      payload: agreement({ id: 'sg-own', parties: { origin: ['*'], destination: ['SG'] } }),
    });
    expect(own.statusCode).toBe(201);
    expect(own.json().recordedBy).toBe('authority SG');
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/recognition/agreements',
          headers: bearer(sg),
          payload: agreement({ id: 'sg-other' }),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('others may not record agreements: no token 401, a centre token 403, an authority token without a country 403', async () => {
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/recognition/agreements',
          payload: agreement({ id: 'x-1' }),
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await hub.app.inject({
          method: 'POST',
          url: '/recognition/agreements',
          headers: bearer(hub.tokens.khNtti),
          payload: agreement({ id: 'x-2' }),
        })
      ).statusCode,
    ).toBe(403);
    const { newToken } = await import('../../src/services/access/tokens.js');
    const unscoped = newToken('authority', null, 'authority:none', '2026-01-01T00:00:00Z');
    await hub.ctx.store.repos.tokens.insert(unscoped.record);
    const res = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(unscoped.token),
      payload: agreement({ id: 'x-3' }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('not scoped to a country');
  });

  it.each([
    [
      'an unknown qualification',
      agreement({ coverage: { qualifications: ['TH-BRICK-1', 'XX-NONE-1'] } }),
      'unknown-qualification',
      'coverage.qualifications[1]',
    ],
    [
      'an inverted level range',
      agreement({ coverage: { aqrfLevels: { min: 4, max: 2 } } }),
      'validation-failed',
      'coverage.aqrfLevels',
    ],
    [
      'an end before the start',
      agreement({ validFrom: '2026-06-01', validUntil: '2026-05-31' }),
      'validation-failed',
      'validUntil',
    ],
    [
      'an unknown equivalent framework',
      agreement({ grants: { equivalentLevel: { framework: 'XX', level: 1 } } }),
      'unknown-framework',
      'grants.equivalentLevel.framework',
    ],
  ])('bad agreement data is a 400 naming the field: %s', async (_name, payload, code, field) => {
    const before = (await hub.ctx.store.repos.recognition.latest()).length;
    const res = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(hub.tokens.admin),
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code, details: { field } });
    expect(res.json().detail).toContain(field);
    expect((await hub.ctx.store.repos.recognition.latest()).length).toBe(before);
  });

  it.each([
    ['a missing destination', { parties: { origin: ['KH'] } }, 'destination'],
    ['an empty destination', { parties: { origin: ['KH'], destination: [] } }, '/parties/destination'],
    ['an unknown kind', { kind: 'treaty' }, '/kind'],
    ['a level out of the AQRF', { coverage: { aqrfLevels: { min: 0, max: 2 } } }, '/coverage/aqrfLevels/min'],
    ['an unknown property', { extra: true }, 'extra'],
  ])('schema violations are a 400 naming the field: %s', async (_name, over, mention) => {
    const res = await hub.app.inject({
      method: 'POST',
      url: '/recognition/agreements',
      headers: bearer(hub.tokens.admin),
      payload: agreement(over),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation-failed');
    expect(JSON.stringify(res.json())).toContain(mention);
  });
});

describe('POST /recognition/check', () => {
  let hub: TestHub;
  let th: string;
  let brick: Awaited<ReturnType<typeof issueValid>>;
  beforeAll(async () => {
    hub = await startTestHub();
    th = await authorityToken(hub, 'TH');
    brick = await issueValid(hub);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('recognises a verified bricklaying certificate from Cambodia in Thailand (MRS), with the verification it relied on', async () => {
    const res = await checkRecognition(hub, { certificate: brick.id, destination: 'TH' });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({
      decision: 'recognised',
      code: 'recognised',
      checkedOn: '2026-11-20',
      agreement: { id: 'kh-th-mrs-construction-1', version: 1, illustrative: true },
      choice: { code: 'only-applicable-agreement' },
      equivalent: { qualification: 'TH-BRICK-1', framework: 'TH-TPQF', level: 1 },
      certificate: {
        id: brick.id,
        holderName: 'Sok Dara',
        qualification: 'TH-BRICK-1',
        aqrfLevel: 1,
        isco08: '7112',
        originCountry: 'KH',
        assessmentLanguage: 'km',
      },
      verification: { outcome: 'valid' },
      query: { destination: 'TH' },
    });
    expect(r.verification.checks).toHaveLength(7);
    expect(r.conditions.met.map((c: { code: string }) => c.code)).toEqual([
      'assessment-language-accepted',
      'accredited-centre',
    ]);
    expect(
      r.agreements.find((a: { agreement: { id: string } }) => a.agreement.id === 'sg-wp-r1-construction')
        .reasons[0].code,
    ).toBe('other-destination');
  });

  it('one certificate needs no token; any valid token is accepted, a wrong one is a 401', async () => {
    expect(
      (await checkRecognition(hub, { certificate: brick.id, destination: 'TH' }, bearer(hub.tokens.khNtti)))
        .statusCode,
    ).toBe(200);
    expect(
      (await checkRecognition(hub, { certificate: brick.id, destination: 'TH' }, bearer('nope'))).statusCode,
    ).toBe(401);
    expect(
      (
        await checkRecognition(
          hub,
          { certificate: brick.id, destination: 'TH', issueReceipt: true },
          bearer(hub.tokens.khNtti),
        )
      ).statusCode,
    ).toBe(403);
  });

  it('takes the certificate as an object, a JWT, a bare id, a urn:uuid or a verification URL', async () => {
    const jwt = (await issue(hub, brickRequest({ format: 'vc+jwt' }))).credential;
    for (const certificate of [
      brick.credential,
      jwt,
      bareId(brick.id),
      brick.id,
      brick.verifyUrl,
      `${brick.verifyUrl}?lang=km`,
    ]) {
      const res = await checkRecognition(hub, { certificate, destination: 'TH' });
      expect(res.statusCode, String(certificate).slice(0, 60)).toBe(200);
      expect(res.json().decision).toBe('recognised');
    }
    expect(
      (
        await checkRecognition(hub, {
          certificate: 'urn:uuid:00000000-0000-4000-8000-000000000000',
          destination: 'TH',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('for a Singapore R1 permit: recognised with conditions, salary and experience checked against the facts given', async () => {
    const open = (
      await checkRecognition(hub, { certificate: brick.id, destination: 'SG', permitCategory: 'SG-WP-R1' })
    ).json();
    expect(open).toMatchObject({
      decision: 'recognised-with-conditions',
      agreement: { id: 'sg-wp-r1-construction' },
      permitCategory: { code: 'SG-WP-R1' },
    });
    expect(open.conditions.toMeet.map((c: { code: string }) => c.code)).toEqual([
      'experience-not-stated',
      'salary-not-stated',
      'follow-up-required',
    ]);
    const met = (
      await checkRecognition(hub, {
        certificate: brick.id,
        destination: 'SG',
        intendedOccupation: '7112',
        facts: { yearsOfExperience: 6, offeredMonthlySalary: { amount: 1800, currency: 'SGD' } },
      })
    ).json();
    expect(met.decision).toBe('recognised-with-conditions');
    expect(met.conditions.toMeet).toEqual([
      expect.objectContaining({ code: 'follow-up-required', deadline: '2028-11-20' }),
    ]);
    const short = (
      await checkRecognition(hub, {
        certificate: brick.id,
        destination: 'SG',
        facts: { yearsOfExperience: 6, offeredMonthlySalary: { amount: 1200, currency: 'SGD' } },
      })
    ).json();
    expect(short).toMatchObject({ decision: 'not-recognised', code: 'conditions-not-met' });
  });

  it('a certificate that fails verification is never recognised: revoked, tampered', async () => {
    const revoked = await issueRevoked(hub);
    for (const certificate of [revoked.id, await tamperedCredential(hub)]) {
      const r = (await checkRecognition(hub, { certificate, destination: 'TH' })).json();
      expect(r).toMatchObject({
        decision: 'not-recognised',
        code: 'verification-failed',
        verification: { outcome: 'invalid' },
        agreements: [],
      });
    }
  });

  it('no agreement for the destination or purpose: not recognised, saying why for each agreement', async () => {
    const r = (await checkRecognition(hub, { certificate: brick.id, destination: 'JP' })).json();
    expect(r).toMatchObject({ decision: 'not-recognised', code: 'no-applicable-agreement' });
    expect(r.agreements).toHaveLength(3);
    expect(r.agreements.every((a: { outcome: string }) => a.outcome === 'not-applicable')).toBe(true);
    const other = (
      await checkRecognition(hub, { certificate: brick.id, destination: 'TH', intendedOccupation: '5120' })
    ).json();
    expect(
      other.agreements
        .find((a: { agreement: { id: string } }) => a.agreement.id === 'kh-th-mrs-construction-1')
        .reasons.map((x: { code: string }) => x.code),
    ).toContain('occupation-mismatch');
  });

  it.each([
    ['no certificate', { destination: 'TH' }],
    ['both a certificate and a list', { certificate: 'x', certificates: ['y'], destination: 'TH' }],
    ['a lower-case destination', { certificate: 'x', destination: 'th' }],
    ['a negative experience', { certificate: 'x', destination: 'TH', facts: { yearsOfExperience: -1 } }],
    [
      'a salary without currency',
      { certificate: 'x', destination: 'TH', facts: { offeredMonthlySalary: { amount: 10 } } },
    ],
  ])('a malformed request is a 400: %s', async (_name, payload) => {
    const res = await checkRecognition(hub, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('validation-failed');
  });

  describe('recognition receipts', () => {
    let receipt: Record<string, any>;
    beforeAll(async () => {
      const res = await checkRecognition(
        hub,
        { certificate: brick.id, destination: 'TH', issueReceipt: true },
        bearer(th),
      );
      expect(res.statusCode).toBe(200);
      receipt = res.json().receipt;
    });

    it('is a VC 2.0 credential signed by the hub key (eddsa-rdfc-2022), its terms in the recognition context', async () => {
      expect(receipt).toMatchObject({
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/skillpass/recognition/v1'],
        type: ['VerifiableCredential', 'RecognitionDecisionCredential'],
        issuer: hub.ctx.hubDid,
        validFrom: '2026-11-20T10:00:00Z',
        credentialSubject: {
          certificate: brick.id,
          destinationCountry: 'TH',
          decision: 'recognised',
          requestedBy: 'authority TH',
          agreement: { agreementId: 'kh-th-mrs-construction-1' },
        },
        proof: {
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-rdfc-2022',
          verificationMethod: `${hub.ctx.hubDid}#key-1`,
        },
      });
      expect(Date.parse(receipt.validUntil)).toBeLessThanOrEqual(Date.parse('2029-12-31T23:59:59Z'));
      expect((await hub.ctx.store.repos.audit.all()).at(-1)).toMatchObject({
        action: 'recognition.receipt-issued',
        subject: receipt.id,
      });
    });

    it('anyone verifies it with POST /verifications: valid, "issued by the hub", accreditation and level not applicable', async () => {
      const r = await verify(hub, { credential: receipt });
      expect(r.outcome).toBe('valid');
      expect(check(r, 'issuer')).toMatchObject({
        outcome: 'valid',
        message: 'Issued by the hub itself, signed with its own key.',
      });
      expect(check(r, 'accreditation')).toMatchObject({ outcome: 'skipped' });
      expect(check(r, 'level')).toMatchObject({ outcome: 'skipped' });
      expect(check(r, 'proof')!.outcome).toBe('valid');
    });

    it('verifies offline too, from a saved trust list (the CLI path): the hub key comes from the trust list', async () => {
      const jws = (await hub.app.inject({ url: '/registry/trust-list' })).body;
      const { deps } = await wireOfflineVerification({ trustListJws: jws, now: '2026-11-21T00:00:00Z' });
      const r = await verifyCredential(receipt, deps);
      expect(r.outcome).toBe('valid');
      expect(check(r, 'issuer')).toMatchObject({ outcome: 'valid', details: { hub: hub.ctx.hubDid } });
    });

    it('a receipt changed after signing fails its proof', async () => {
      const forged = structuredClone(receipt);
      forged.credentialSubject.decision = 'recognised-with-conditions';
      const r = await verify(hub, { credential: forged });
      expect(r.outcome).toBe('invalid');
      expect(check(r, 'proof')).toMatchObject({ outcome: 'invalid', code: 'bad-signature' });
    });

    it('needs a token (401), and an authority gets receipts for its own country only (403); the hub for any', async () => {
      expect(
        (await checkRecognition(hub, { certificate: brick.id, destination: 'TH', issueReceipt: true }))
          .statusCode,
      ).toBe(401);
      expect(
        (
          await checkRecognition(
            hub,
            { certificate: brick.id, destination: 'SG', issueReceipt: true },
            bearer(th),
          )
        ).statusCode,
      ).toBe(403);
      const sg = await checkRecognition(
        hub,
        { certificate: brick.id, destination: 'SG', issueReceipt: true },
        bearer(hub.tokens.admin),
      );
      expect(sg.statusCode).toBe(200);
      expect(sg.json().receipt.credentialSubject).toMatchObject({
        decision: 'recognised-with-conditions',
        permitCategory: 'SG-WP-R1',
        requestedBy: 'hub',
      });
      expect((await verify(hub, { credential: sg.json().receipt })).outcome).toBe('valid');
    });

    it('its context is served at its URL, immutable, and the v1 context is unchanged', async () => {
      const res = await hub.app.inject({ url: '/contexts/skillpass/recognition-v1.jsonld' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toContain('immutable');
      expect(res.json()['@context'].RecognitionDecision).toEqual({ '@id': 'sp:RecognitionDecision' });
      const v1 = (await hub.app.inject({ url: '/contexts/skillpass/v1.jsonld' })).json();
      expect(v1).toEqual(SKILLPASS_CONTEXT_V1);
      expect(JSON.stringify(v1)).not.toContain('Recognition');
    });
  });
});
