import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  issueCertificate,
  IssuanceLookups,
  prepareIssuance,
  qrUrlFor,
  urlId,
  verifyUrlFor,
  type CertifyRequest,
} from '../../../src/services/issuance/issue-certificate.js';
import { markKeyCompromised } from '../../../src/services/registry/key-lifecycle.js';
import { checkIssuanceConsistency } from '../../../src/services/cohorts/batch-consistency.js';
import type { HubContext } from '../../../src/services/hub-context.js';
import type { CredentialSigner } from '../../../src/services/crypto-ports.js';
import { holderKeys } from '../../../src/domain/holder-key.js';
import { brickRequest, startTestHub, verify, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, KH_ISSUER, TH_ISSUER, audited, authorityOf, rejects } from '../../helpers/service-calls.js';

/** One certificate issued by calling the use case (src/services/issuance/issue-certificate.ts). */
describe('issueCertificate', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  const request = (overrides: Record<string, unknown> = {}) => brickRequest(overrides) as CertifyRequest;
  let n = 0;
  const nextId = () => `urn:uuid:00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  /** nothing of a refused issuance is left: no certificate, no status index */
  const leftNothing = async (id: string) => {
    expect(await hub.ctx.store.repos.certificates.get(id)).toBeUndefined();
    expect(await hub.ctx.store.repos.statusLists.allocationFor(id)).toBeUndefined();
  };
  /** the hub with a signer that runs `during` before each signature */
  const signingWith = (during: () => Promise<void>): HubContext => {
    const real = hub.ctx.signer;
    const signer: CredentialSigner = {
      signDataIntegrity: async (...args) => (await during(), real.signDataIntegrity(...args)),
      signJwt: async (...args) => (await during(), real.signJwt(...args)),
    };
    return { ...hub.ctx, signer };
  };

  it('only a testing centre token issues; a token whose centre is gone is refused too', async () => {
    for (const actor of [ADMIN, authorityOf('TH'), { ...KH_ISSUER, spoke: null }]) {
      const id = nextId();
      await rejects(issueCertificate(hub.ctx, actor, request(), { id }), 'forbidden');
      await leftNothing(id);
    }
    const id = nextId();
    await rejects(
      issueCertificate(hub.ctx, { ...KH_ISSUER, spoke: 'closed-centre' }, request(), { id }),
      'forbidden',
    );
    await leftNothing(id);
  });

  it('refuses a bad request and a qualification the centre may not certify before anything is allocated or signed', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ holder: { name: 'Sok Dara' } }, 'validation-failed'],
      [{ holder: { name: 'Sok Dara', birthDate: '2027-01-01' } }, 'validation-failed'],
      [{ qualification: 'XX-NOTHING-1' }, 'unknown-qualification'],
      [{ qualification: 'TH-WIRING-1' }, 'not-accredited'],
    ];
    const allocations = (await checkIssuanceConsistency(hub.ctx)).allocations;
    for (const [overrides, code] of cases) {
      const id = nextId();
      await rejects(issueCertificate(hub.ctx, KH_ISSUER, request(overrides), { id }), code as never);
      await leftNothing(id);
    }
    expect((await checkIssuanceConsistency(hub.ctx)).allocations).toBe(allocations);
  });

  it('stores the certificate under the given id, with its holder keys, status index and audit entry, and answers its URLs', async () => {
    const id = nextId();
    const req = request({ qualification: ' th-brick-1 ', format: 'vc+jwt' });
    const issued = await issueCertificate(hub.ctx, KH_ISSUER, req, { id });
    expect(issued).toMatchObject({
      id,
      format: 'vc+jwt',
      verifyUrl: verifyUrlFor(hub.ctx.publicUrl, id),
      qrUrl: qrUrlFor(hub.ctx.publicUrl, id),
      qr: { content: 'url' },
      warnings: [],
    });
    expect(issued.verifyUrl).toBe(`${hub.ctx.publicUrl}/v/${urlId(id)}`);
    expect(urlId(id)).not.toContain('urn:uuid:');
    expect(typeof issued.credential).toBe('string');
    const stored = (await hub.ctx.store.repos.certificates.get(id))!;
    expect(stored).toMatchObject({
      spoke: 'kh-ntti',
      qualification: 'TH-BRICK-1',
      format: 'vc+jwt',
      serialized: issued.credential,
      issuedAt: '2026-11-20T10:00:00Z',
      holderKey: holderKeys(req.holder).holderKey,
    });
    expect(await hub.ctx.store.repos.statusLists.allocationFor(id)).toMatchObject({ spoke: 'kh-ntti' });
    const [entry] = (await audited(hub.ctx, 'certificate.issued')).filter((e) => e.subject === id);
    expect(entry).toMatchObject({
      actor: KH_ISSUER.tokenId,
      details: { spoke: 'kh-ntti', qualification: 'TH-BRICK-1', format: 'vc+jwt' },
    });
    expect(String(entry!.details.key)).toMatch(/spokes:kh-ntti#key-1$/);
    expect((await verify(hub, { credential: issued.credential })).outcome).toBe('valid');
  });

  it('`within` runs in the same unit of work: when it fails, the certificate is not stored and its index goes back', async () => {
    const id = nextId();
    const within = async () => {
      throw new Error('the idempotent answer could not be recorded');
    };
    await expect(issueCertificate(hub.ctx, KH_ISSUER, request(), { id, within })).rejects.toThrow(
      'could not be recorded',
    );
    await leftNothing(id);
  });

  it('signs again with the new key when the key is reported compromised while signing', async () => {
    let compromised = false;
    const ctx = signingWith(async () => {
      if (compromised) return;
      compromised = true;
      await markKeyCompromised(hub.ctx, ADMIN, 'th-bkk-itc', 'key-1', '2026-11-01', 'leaked while signing');
    });
    const id = nextId();
    const issued = await issueCertificate(ctx, TH_ISSUER, request(), { id });
    const proof = (issued.credential as { proof: { verificationMethod: string } }).proof;
    expect(proof.verificationMethod).toMatch(/spokes:th-bkk-itc#key-2$/);
    expect((await verify(hub, { credential: issued.credential })).outcome).toBe('valid');
  });

  it('gives up with a conflict when the key keeps changing, and hands the index back', async () => {
    let signatures = 0;
    const ctx = signingWith(async () => {
      signatures++;
      const key = await hub.ctx.store.repos.spokes.activeSigningKey('th-bkk-itc');
      await markKeyCompromised(hub.ctx, ADMIN, 'th-bkk-itc', key!.id, '2026-11-01', 'leaked again');
    });
    const id = nextId();
    await rejects(issueCertificate(ctx, TH_ISSUER, request(), { id }), 'conflict');
    expect(signatures).toBe(3);
    await leftNothing(id);
  });

  it('prepareIssuance reads the registry through the lookups it is given (a cohort chunk shares them)', async () => {
    const lookups = new IssuanceLookups(hub.ctx);
    let reads = 0;
    const spoke = lookups.spoke;
    lookups.spoke = (slug) => (reads++, spoke(slug));
    const a = await prepareIssuance(hub.ctx, KH_ISSUER, request(), '2026-11-20T10:00:00Z', lookups);
    const b = await prepareIssuance(hub.ctx, KH_ISSUER, request(), '2026-11-20T10:00:00Z', lookups);
    expect(reads).toBe(2);
    expect(b.key).toBe(a.key); // the key is opened once per lookups
    expect(a).toMatchObject({ format: 'di', qr: 'url', aqrfLevel: 1, req: { qualification: 'TH-BRICK-1' } });
  });
});
