import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential, type VerifyDeps } from '../../../src/services/verification/verify-credential.js';
import { hubStatusView } from '../../../src/services/verification/status-view.js';
import { issueCertificate, type CertifyRequest } from '../../../src/services/issuance/issue-certificate.js';
import { changeStatus } from '../../../src/services/issuance/status-lists.js';
import type { VerificationResult } from '../../../src/domain/verification-result.js';
import { brickRequest, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { KH_ISSUER } from '../../helpers/service-calls.js';

/**
 * The one verification (src/services/verification/verify-credential.ts), called with the hub's
 * own ports, and with one port changed where a rule needs a registry or a proof the hub would not give.
 */
describe('verifyCredential', () => {
  let hub: TestHub;
  let di: Record<string, unknown>;
  let jwt: string;
  beforeAll(async () => {
    hub = await startTestHub();
    di = (await issueCertificate(hub.ctx, KH_ISSUER, brickRequest() as CertifyRequest)).credential as Record<
      string,
      unknown
    >;
    jwt = (await issueCertificate(hub.ctx, KH_ISSUER, brickRequest({ format: 'vc+jwt' }) as CertifyRequest))
      .credential as string;
  });
  afterAll(async () => {
    await hub.close();
  });
  const deps = (over: Partial<VerifyDeps> = {}): VerifyDeps => ({
    proofs: hub.ctx.proofs,
    payloads: hub.ctx.formats.payloads,
    registry: hub.ctx.store.repos,
    status: hubStatusView(hub.ctx.store.repos, hub.ctx.publicUrl),
    now: '2026-11-20T12:00:00Z',
    registryVersion: 1,
    hubDid: hub.ctx.hubDid,
    ...over,
  });
  const outcomes = (r: VerificationResult) =>
    Object.fromEntries(r.checks.map((c) => [c.id, c.code ?? c.outcome]));
  const ALL_VALID = {
    'well-formed': 'valid',
    proof: 'valid',
    issuer: 'valid',
    accreditation: 'valid',
    level: 'valid',
    validity: 'valid',
    status: 'valid',
  };

  it('a certificate of this hub is valid in both formats, and in a credential QR code, with its summary', async () => {
    for (const [input, format] of [
      [di, 'di'],
      [jwt, 'vc+jwt'],
      [hub.ctx.formats.payloads.encode(JSON.stringify(di)), 'di'],
      [hub.ctx.formats.payloads.encode(jwt), 'vc+jwt'],
    ] as const) {
      const result = await verifyCredential(input, deps());
      expect(outcomes(result), format).toEqual(ALL_VALID);
      expect(result).toMatchObject({
        outcome: 'valid',
        verifiedAt: '2026-11-20T12:00:00Z',
        registryVersion: 1,
        credential: {
          format,
          issuer: expect.stringContaining('kh-ntti'),
          qualification: 'TH-BRICK-1',
          aqrfLevel: 1,
          holderName: 'Sok Dara',
        },
      });
      expect(result).not.toHaveProperty('holderMatch');
    }
  });

  it('what cannot be read is invalid as well-formed and every other check is skipped', async () => {
    const cases: [string | Record<string, unknown>, string][] = [
      ['not a credential', 'malformed-jwt'],
      ['SKP1:ZZZZ', 'malformed-qr-payload'],
    ];
    for (const [input, code] of cases) {
      const result = await verifyCredential(input, deps());
      expect(result.outcome).toBe('invalid');
      expect(result.checks[0]).toMatchObject({ id: 'well-formed', outcome: 'invalid', code });
      expect(result.checks.slice(1).map((c) => c.outcome)).toEqual(Array(6).fill('skipped'));
      expect(result).not.toHaveProperty('credential');
    }
  });

  it('a JWT whose registered claims contradict its credential is refused before its proof is checked', async () => {
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    claims.iss = 'did:web:someone-else.example';
    const forged = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    let proofsAsked = 0;
    const proofs: VerifyDeps['proofs'] = {
      checkForm: (d) => hub.ctx.proofs.checkForm(d),
      verifyDataIntegrity: (d, c) => hub.ctx.proofs.verifyDataIntegrity(d, c),
      verifyJwt: (...a) => (proofsAsked++, hub.ctx.proofs.verifyJwt(...a)),
    };
    const result = await verifyCredential(forged, deps({ proofs }));
    expect(result.checks[0]).toMatchObject({
      id: 'well-formed',
      outcome: 'invalid',
      code: 'jwt-claims-mismatch',
    });
    expect(proofsAsked).toBe(0);
  });

  it('the signature date may differ from validFrom by the allowed skew (300 s), not more', async () => {
    const signedAt = (created: string): VerifyDeps['proofs'] => ({
      checkForm: (d) => hub.ctx.proofs.checkForm(d),
      verifyJwt: (j, i, c) => hub.ctx.proofs.verifyJwt(j, i, c),
      verifyDataIntegrity: async (d, c) => ({ ...(await hub.ctx.proofs.verifyDataIntegrity(d, c)), created }),
    });
    const validFrom = String(di.validFrom);
    const plus = (s: number) => new Date(Date.parse(validFrom) + s * 1000).toISOString();
    expect(outcomes(await verifyCredential(di, deps({ proofs: signedAt(plus(300)) }))).issuer).toBe('valid');
    expect(outcomes(await verifyCredential(di, deps({ proofs: signedAt(plus(-301)) }))).issuer).toBe(
      'issuance-time-mismatch',
    );
    expect(
      outcomes(await verifyCredential(di, deps({ proofs: signedAt(plus(20)), issuanceSkewSeconds: 10 })))
        .issuer,
    ).toBe('issuance-time-mismatch');
  });

  it('with stale registry data the trust checks that passed can only be indeterminate', async () => {
    const result = await verifyCredential(
      di,
      deps({ registryStale: 'The trust list expired on 2026-11-19.' }),
    );
    expect(result.checks.filter((c) => ['issuer', 'accreditation', 'level'].includes(c.id))).toEqual(
      ['issuer', 'accreditation', 'level'].map((id) =>
        expect.objectContaining({ id, outcome: 'indeterminate', code: 'registry-stale' }),
      ),
    );
    expect(result.outcome).toBe('indeterminate');
    expect(outcomes(result).proof).toBe('valid');
  });

  it('judges accreditation and level against the registry: an unknown qualification or framework, an unregistered issuer', async () => {
    const repos = hub.ctx.store.repos;
    const noQualification = {
      ...repos,
      qualifications: { ...repos.qualifications, get: async () => undefined },
    };
    expect(outcomes(await verifyCredential(di, deps({ registry: noQualification })))).toMatchObject({
      accreditation: 'unknown-qualification',
      level: 'skipped',
    });
    const noFramework = { ...repos, frameworks: { ...repos.frameworks, get: async () => undefined } };
    expect(outcomes(await verifyCredential(di, deps({ registry: noFramework }))).level).toBe(
      'unknown-framework',
    );
    const noAccreditation = { ...repos, spokes: { ...repos.spokes, accreditations: async () => [] } };
    const unaccredited = await verifyCredential(di, deps({ registry: noAccreditation }));
    expect(unaccredited.checks.find((c) => c.id === 'accreditation')?.outcome).toBe('invalid');
    expect(unaccredited.outcome).toBe('invalid');
    // the caller decides which checks count (the VC API leaves hub trust out unless asked)
    expect(
      (
        await verifyCredential(di, deps({ registry: noAccreditation }), {
          counted: (id) => id !== 'accreditation',
        })
      ).outcome,
    ).toBe('valid');
    const noSpoke = { ...repos, spokes: { ...repos.spokes, getByDid: async () => undefined } };
    const unregistered = outcomes(await verifyCredential(di, deps({ registry: noSpoke })));
    expect(unregistered.issuer).not.toBe('valid');
    expect([unregistered.accreditation, unregistered.level]).toEqual(['skipped', 'skipped']);
  });

  it('validity is judged now, status from the lists; a revoked certificate is invalid', async () => {
    expect(outcomes(await verifyCredential(di, deps({ now: '2040-01-01T00:00:00Z' }))).validity).not.toBe(
      'valid',
    );
    const revoked = await issueCertificate(
      hub.ctx,
      KH_ISSUER,
      brickRequest({ holder: { name: 'Chan Sophea', birthDate: '1990-02-03' } }) as CertifyRequest,
    );
    await changeStatus(hub.ctx, KH_ISSUER, { credentialId: revoked.id, purpose: 'revocation', status: true });
    const result = await verifyCredential(revoked.credential, deps());
    expect(result.checks.find((c) => c.id === 'status')?.outcome).toBe('invalid');
    expect(result.outcome).toBe('invalid');
  });

  it("matches the worker's data a verifier holds against the subject only when given, never storing it", async () => {
    const match = await verifyCredential(di, deps(), {
      holder: { name: 'Sok Dara', birthDate: '1995-04-12' },
    });
    expect(match.holderMatch).toMatchObject({ matched: true });
    const other = await verifyCredential(di, deps(), {
      holder: { name: 'Sok Dara', birthDate: '1995-04-13' },
    });
    expect(other.holderMatch).toMatchObject({ matched: false });
    expect(other.outcome).toBe('valid');
  });
});
