import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateId,
  findCertificate,
  loadCertificate,
  storedCertificate,
  storedCredential,
  verifyWithHub,
} from '../../../src/services/verification/verification-service.js';
import { issueCertificate, type CertifyRequest } from '../../../src/services/issuance/issue-certificate.js';
import { changeAccreditation } from '../../../src/services/registry/accreditation-lifecycle.js';
import { brickRequest, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, KH_ISSUER, rejects } from '../../helpers/service-calls.js';

/** Finding stored certificates and verifying as the hub does (src/services/verification/verification-service.ts). */
describe('verification service', () => {
  let hub: TestHub;
  let jwt: { id: string; credential: string };
  beforeAll(async () => {
    hub = await startTestHub();
    const issued = await issueCertificate(
      hub.ctx,
      KH_ISSUER,
      brickRequest({ format: 'vc+jwt' }) as CertifyRequest,
    );
    jwt = { id: issued.id, credential: issued.credential as string };
  });
  afterAll(async () => {
    await hub.close();
  });

  it('a bare UUID (any case) is the urn:uuid id; anything else is left as it is', () => {
    const uuid = '6F1C4B5E-1234-4ABC-8DEF-0123456789AB';
    expect(certificateId(uuid)).toBe(`urn:uuid:${uuid.toLowerCase()}`);
    expect(certificateId(`urn:uuid:${uuid}`)).toBe(`urn:uuid:${uuid}`);
    expect(certificateId('https://example.org/c/1')).toBe('https://example.org/c/1');
    expect(certificateId(`${uuid}x`)).toBe(`${uuid}x`);
  });

  it('finds a stored certificate by either form of its id, or answers not-found', async () => {
    const bare = jwt.id.replace('urn:uuid:', '');
    expect((await storedCertificate(hub.ctx, bare))?.id).toBe(jwt.id);
    expect((await findCertificate(hub.ctx, jwt.id)).format).toBe('vc+jwt');
    expect(await storedCertificate(hub.ctx, 'urn:uuid:6f1c4b5e-0000-4000-8000-000000000000')).toBeUndefined();
    await rejects(findCertificate(hub.ctx, '6f1c4b5e-0000-4000-8000-000000000000'), 'not-found');
    await rejects(loadCertificate(hub.ctx, 'nothing'), 'not-found');
  });

  it('loads a certificate as it was issued: a JWT as its text, Data Integrity as its object', async () => {
    expect(await loadCertificate(hub.ctx, jwt.id)).toBe(jwt.credential);
    expect(storedCredential('di', '{"a":1}')).toEqual({ a: 1 });
    expect(storedCredential('vc+jwt', 'a.b.c')).toBe('a.b.c');
  });

  it("verifies with the hub's registry at its current version and the clock now", async () => {
    const version = await hub.ctx.store.repos.meta.registryVersion();
    const result = await verifyWithHub(hub.ctx, jwt.credential);
    expect(result).toMatchObject({
      outcome: 'valid',
      registryVersion: version,
      verifiedAt: '2026-11-20T10:00:00Z',
    });
    // a registry change is seen by the very next verification
    const [accreditation] = await hub.ctx.store.repos.spokes.accreditations('kh-ntti');
    await changeAccreditation(hub.ctx, ADMIN, 'kh-ntti', accreditation!.id, {
      kind: 'withdrawn',
      effectiveFrom: '2026-01-01',
      reason: 'fraud found: withdrawn from the start of the year',
    });
    const after = await verifyWithHub(hub.ctx, jwt.credential);
    expect(after.registryVersion).toBe(version + 1);
    expect(after.checks.find((c) => c.id === 'accreditation')?.outcome).toBe('invalid');
  });
});
