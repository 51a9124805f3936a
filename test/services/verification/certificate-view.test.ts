import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeCertificate,
  plainView,
  titleIn,
} from '../../../src/services/verification/certificate-view.js';
import { verifyWithHub } from '../../../src/services/verification/verification-service.js';
import { issueCertificate, type CertifyRequest } from '../../../src/services/issuance/issue-certificate.js';
import type { VerificationResult } from '../../../src/domain/verification-result.js';
import { brickRequest, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { KH_ISSUER } from '../../helpers/service-calls.js';

/** What people are shown beside a verification result (src/services/verification/certificate-view.ts). */
describe('describeCertificate', () => {
  let hub: TestHub;
  let result: VerificationResult;
  beforeAll(async () => {
    hub = await startTestHub();
    const { credential } = await issueCertificate(hub.ctx, KH_ISSUER, brickRequest() as CertifyRequest);
    result = await verifyWithHub(hub.ctx, credential);
  });
  afterAll(async () => {
    await hub.close();
  });
  const withCredential = (
    over: Partial<NonNullable<VerificationResult['credential']>>,
  ): VerificationResult => ({
    ...result,
    credential: { ...result.credential!, ...over },
  });

  it("adds the registry's words: titles, the AQRF level descriptor, the centre and its accreditation on the issuance day", async () => {
    const view = await describeCertificate(hub.ctx, result);
    expect(view.result).toBe(result);
    expect(view.qualificationTitle).toMatchObject({
      en: expect.any(String),
      th: expect.any(String),
      km: expect.any(String),
    });
    expect(view.aqrf?.level).toBe(1);
    expect(view.centre).toEqual({ name: expect.stringContaining('Phnom Penh'), country: 'KH' });
    expect(view.accreditation).toEqual({ covered: true, validFrom: '2025-01-01', validUntil: '2028-12-31' });
  });

  it('an issuance day outside the accreditation is shown as not covered; the verdict is not changed', async () => {
    const before = withCredential({ validFrom: '2024-06-01T00:00:00Z' });
    const view = await describeCertificate(hub.ctx, before);
    expect(view.accreditation).toEqual({ covered: false });
    expect(view.result.outcome).toBe(result.outcome);
  });

  it('an unknown issuer or qualification adds nothing about them; a result without a credential only itself', async () => {
    const stranger = await describeCertificate(
      hub.ctx,
      withCredential({ issuer: 'did:web:stranger.example' }),
    );
    expect(stranger.centre).toBeUndefined();
    expect(stranger.accreditation).toBeUndefined();
    const unknown = await describeCertificate(hub.ctx, withCredential({ qualification: 'XX-NOPE-1' }));
    expect(unknown.qualificationTitle).toBeUndefined();
    expect(unknown.accreditation).toBeUndefined();
    expect(unknown.centre).toBeDefined();
    const { credential: _c, ...bare } = result;
    expect(await describeCertificate(hub.ctx, bare as VerificationResult)).toEqual(
      plainView(bare as VerificationResult),
    );
  });

  it("titleIn: the registry's title in the language asked for, else English, else the credential's own", async () => {
    const view = await describeCertificate(hub.ctx, result);
    expect(titleIn(view, 'th')).toEqual({ text: view.qualificationTitle!.th, lang: 'th' });
    expect(titleIn(view, 'lo')).toEqual({ text: view.qualificationTitle!.en, lang: 'en' });
    const own = plainView(withCredential({ qualificationTitle: 'Own title' }));
    expect(titleIn(own, 'th')).toEqual({ text: 'Own title', lang: 'en' });
    expect(titleIn(plainView(withCredential({ qualificationTitle: undefined })), 'th')).toBeUndefined();
  });
});
