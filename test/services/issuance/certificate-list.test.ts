import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCertificates } from '../../../src/services/issuance/certificate-list.js';
import { issueCertificate, type CertifyRequest } from '../../../src/services/issuance/issue-certificate.js';
import { changeStatus } from '../../../src/services/issuance/status-lists.js';
import { brickRequest, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, KH_ISSUER, TH_ISSUER, authorityOf, rejects } from '../../helpers/service-calls.js';

/** Who sees which certificates, and the status each is listed with (src/services/issuance/certificate-list.ts). */
describe('listCertificates', () => {
  let hub: TestHub;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    hub = await startTestHub();
    const give = async (name: string, actor = KH_ISSUER, overrides: Record<string, unknown> = {}) => {
      const req = brickRequest({ holder: { name, birthDate: '1990-01-01' }, ...overrides }) as CertifyRequest;
      ids[name] = (await issueCertificate(hub.ctx, actor, req)).id;
    };
    // issued in 2025: expired after 2030-06 (TH-BRICK-1 is valid for 5 years)
    hub.clock.set('2025-06-01T10:00:00Z');
    await give('Old Worker', KH_ISSUER, {
      assessment: { date: '2025-05-30', language: 'km', result: 'competent' },
    });
    // one second apart, so "newest first" is one order
    hub.clock.set('2026-11-20T10:00:01Z');
    await give('Kh Valid');
    hub.clock.set('2026-11-20T10:00:02Z');
    await give('Kh Revoked');
    hub.clock.set('2026-11-20T10:00:03Z');
    await give('Kh Suspended', KH_ISSUER, { format: 'vc+jwt' });
    await give('Th Worker', TH_ISSUER, { holder: { name: 'Th Worker', documentNumber: 'P1234567' } });
    await changeStatus(hub.ctx, KH_ISSUER, {
      credentialId: ids['Kh Revoked']!,
      purpose: 'revocation',
      status: true,
    });
    await changeStatus(hub.ctx, KH_ISSUER, {
      credentialId: ids['Kh Suspended']!,
      purpose: 'suspension',
      status: true,
    });
  });
  afterAll(async () => {
    await hub.close();
  });
  const names = async (actor: Parameters<typeof listCertificates>[1], q: Record<string, unknown> = {}) =>
    (await listCertificates(hub.ctx, actor, q)).items.map((i) => i.holderName).sort();

  it('a centre sees its own, an authority those of the centres in its country, the admin all', async () => {
    expect(await names(KH_ISSUER)).toEqual(['Kh Revoked', 'Kh Suspended', 'Kh Valid', 'Old Worker']);
    expect(await names(TH_ISSUER)).toEqual(['Th Worker']);
    expect(await names(authorityOf('TH'))).toEqual(['Th Worker']);
    expect(await names(authorityOf('KH'))).toEqual(['Kh Revoked', 'Kh Suspended', 'Kh Valid', 'Old Worker']);
    expect(await names(authorityOf('LA'))).toEqual([]);
    expect((await names(ADMIN)).length).toBe(5);
  });

  it('an authority token without a country lists nothing: forbidden', async () => {
    await rejects(listCertificates(hub.ctx, { ...authorityOf('TH'), country: null }, {}), 'forbidden');
    await rejects(
      listCertificates(hub.ctx, { ...KH_ISSUER, role: 'authority', spoke: null }, {}),
      'forbidden',
    );
  });

  it('lists each certificate with its status now: valid, revoked, suspended or expired (both formats read)', async () => {
    const { items } = await listCertificates(hub.ctx, KH_ISSUER, {});
    const status = Object.fromEntries(items.map((i) => [i.holderName, i.status]));
    expect(status).toEqual({
      'Kh Valid': 'valid',
      'Kh Revoked': 'revoked',
      'Kh Suspended': 'suspended',
      'Old Worker': 'valid',
    });
    hub.clock.set('2030-06-02T10:00:00Z');
    try {
      const later = await listCertificates(hub.ctx, KH_ISSUER, {});
      expect(later.items.find((i) => i.holderName === 'Old Worker')?.status).toBe('expired');
      // revoked stays revoked after expiry
      expect(later.items.find((i) => i.holderName === 'Kh Revoked')?.status).toBe('revoked');
    } finally {
      hub.clock.set('2026-11-20T10:00:00Z');
    }
    expect(items[0]!.verifyUrl).toBe(`${hub.ctx.publicUrl}/v/${items[0]!.id.replace('urn:uuid:', '')}`);
  });

  it('searches by name and by document number, newest first, within the clamped page', async () => {
    expect(await names(KH_ISSUER, { q: '  Kh Valid ' })).toEqual(['Kh Valid']);
    expect(await names(ADMIN, { q: 'P1234567' })).toEqual(['Th Worker']);
    // a centre does not find another centre's worker
    expect(await names(KH_ISSUER, { q: 'P1234567' })).toEqual([]);
    const page = await listCertificates(hub.ctx, KH_ISSUER, { limit: 0, offset: -5, q: '   ' });
    expect(page).toMatchObject({ limit: 1, offset: 0, q: null });
    expect(page.items.map((i) => i.holderName)).toEqual(['Kh Suspended']);
    expect((await listCertificates(hub.ctx, KH_ISSUER, { limit: 10_000 })).limit).toBe(200);
    expect(
      (await listCertificates(hub.ctx, KH_ISSUER, { offset: 3 })).items.map((i) => i.holderName),
    ).toEqual(['Old Worker']);
  });
});
