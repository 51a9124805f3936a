import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agreementHistory,
  certificateReference,
  checkRecognition,
  checkRecognitionBulk,
  listAgreements,
  MAX_BULK_CERTIFICATES,
  recordAgreement,
} from '../../../src/services/recognition/recognition-service.js';
import { requesterFor, type Requester } from '../../../src/services/recognition/authority-scope.js';
import { issueCertificate, type CertifyRequest } from '../../../src/services/issuance/issue-certificate.js';
import { changeStatus } from '../../../src/services/issuance/status-lists.js';
import { verifyWithHub } from '../../../src/services/verification/verification-service.js';
import type { RecognitionAgreement } from '../../../src/domain/recognition/agreement.js';
import { isSkillPassError } from '../../../src/domain/errors.js';
import { brickRequest, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, KH_ISSUER, audited, authorityOf, rejects } from '../../helpers/service-calls.js';

/** Recognition use cases called directly (src/services/recognition/recognition-service.ts). */
describe('recognition service', () => {
  let hub: TestHub;
  let certificate: string;
  const HUB: Requester = requesterFor(ADMIN);
  const TH: Requester = requesterFor(authorityOf('TH'));
  const VN: Requester = requesterFor(authorityOf('VN'));
  beforeAll(async () => {
    hub = await startTestHub();
    certificate = (await issueCertificate(hub.ctx, KH_ISSUER, brickRequest() as CertifyRequest)).id;
  });
  afterAll(async () => {
    await hub.close();
  });
  const agreement = (over: Record<string, unknown> = {}) =>
    ({
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
    }) as unknown as RecognitionAgreement;

  describe('agreements', () => {
    it('an authority records agreements for its own country only; others are forbidden before anything is stored', async () => {
      await rejects(recordAgreement(hub.ctx, VN, agreement()), 'forbidden');
      await rejects(
        recordAgreement(hub.ctx, TH, agreement({ parties: { origin: ['KH'], destination: ['TH', 'SG'] } })),
        'forbidden',
      );
      await rejects(agreementHistory(hub.ctx, 'th-brick-test'), 'not-found');
      const recorded = await recordAgreement(hub.ctx, TH, agreement());
      expect(recorded).toMatchObject({
        id: 'th-brick-test',
        version: 1,
        recordedBy: 'authority TH',
        recordedAt: '2026-11-20T10:00:00Z',
        inForce: true,
      });
      expect((await audited(hub.ctx, 'recognition.agreement-recorded')).at(-1)).toMatchObject({
        actor: TH.tokenId,
        subject: 'th-brick-test',
        details: { version: 1, recordedBy: 'authority TH' },
      });
    });

    it('a new version must be newer; versions are kept in order; an authority may not replace another country agreement', async () => {
      await recordAgreement(hub.ctx, HUB, agreement({ id: 'v-test', version: 2 }));
      for (const version of [1, 2])
        expect(
          (await rejects(recordAgreement(hub.ctx, HUB, agreement({ id: 'v-test', version })), 'conflict'))
            .details,
        ).toEqual({
          field: 'version',
        });
      await recordAgreement(hub.ctx, TH, agreement({ id: 'v-test', version: 3, title: 'Third' }));
      const history = await agreementHistory(hub.ctx, 'v-test');
      expect(history.versions.map((v) => [v.version, v.recordedBy])).toEqual([
        [2, 'hub'],
        [3, 'authority TH'],
      ]);
      // the ASEAN tourism MRA is in use for ASEAN: TH may not rewrite it, even naming TH as the destination
      const asean = (await agreementHistory(hub.ctx, 'asean-mra-tourism')).versions.at(-1)!;
      const rewrite = {
        ...asean,
        version: asean.version + 1,
        parties: { ...asean.parties, destination: ['TH'] },
      };
      expect(
        (await rejects(recordAgreement(hub.ctx, TH, rewrite as RecognitionAgreement), 'forbidden')).details,
      ).toEqual({ field: 'id' });
      expect((await agreementHistory(hub.ctx, 'asean-mra-tourism')).versions).toHaveLength(1);
    });

    it('an agreement the registry cannot back is refused with the field that is wrong', async () => {
      const unknown = await rejects(
        recordAgreement(
          hub.ctx,
          HUB,
          agreement({ id: 'bad-q', coverage: { qualifications: ['XX-NOPE-1'] } }),
        ),
        'unknown-qualification',
      );
      expect(unknown.details?.field).toBeDefined();
      const invalid = await rejects(
        recordAgreement(hub.ctx, HUB, agreement({ id: 'bad-dates', validUntil: '2025-01-01' })),
        'validation-failed',
      );
      expect(invalid.details?.errors).toBeDefined();
      await rejects(agreementHistory(hub.ctx, 'bad-q'), 'not-found');
    });

    it('lists the version in use of each agreement, for a destination, with whether it is in force today', async () => {
      const forTh = await listAgreements(hub.ctx, { destination: 'TH' });
      expect(forTh.map((a) => a.id)).toEqual(
        expect.arrayContaining(['kh-th-mrs-construction-1', 'th-brick-test', 'asean-mra-tourism']),
      );
      expect(forTh.map((a) => a.id)).not.toContain('sg-wp-r1-construction');
      expect(forTh.find((a) => a.id === 'v-test')?.version).toBe(3);
      hub.clock.set('2030-01-01T00:00:00Z');
      try {
        expect(
          (await listAgreements(hub.ctx)).find((a) => a.id === 'kh-th-mrs-construction-1')?.inForce,
        ).toBe(false);
      } finally {
        hub.clock.set('2026-11-20T10:00:00Z');
      }
    });
  });

  describe('checks', () => {
    it('names a certificate by id (bare, urn:uuid, any case), by verification URL, or sends a credential to verify as is', () => {
      const uuid = '6f1c4b5e-1234-4abc-8def-0123456789ab';
      for (const text of [
        uuid,
        `urn:uuid:${uuid}`,
        uuid.toUpperCase(),
        ` https://hub.example/v/${uuid}?lang=th `,
        `http://x/certificates/${uuid}/qr.svg`,
      ])
        expect(certificateReference(text), text).toEqual({ id: uuid });
      expect(certificateReference('{"issuer":"did:web:x"}')).toEqual({ credential: { issuer: 'did:web:x' } });
      expect(certificateReference('{not json')).toEqual({ credential: '{not json' });
      expect(certificateReference('eyJ.a.b')).toEqual({ credential: 'eyJ.a.b' });
      expect(certificateReference({ a: 1 })).toEqual({ credential: { a: 1 } });
      let caught: unknown;
      try {
        certificateReference(`${'['.repeat(200)}${']'.repeat(200)}`.replace(/^\[/, '{"a":[') + '}');
      } catch (err) {
        caught = err;
      }
      expect(isSkillPassError(caught) && caught.code).toBe('too-deep');
    });

    it('a verified certificate from Cambodia is recognised in Thailand under the MRS, on the verification it relied on', async () => {
      const check = await checkRecognition(hub.ctx, { certificate }, { destination: 'TH' });
      expect(check.verification.outcome).toBe('valid');
      expect(check.certificate).toMatchObject({
        id: certificate,
        qualification: 'TH-BRICK-1',
        originCountry: 'KH',
        isco08: '7112',
      });
      expect(check.decision).toMatch(/^recognised/);
      expect(check.receipt).toBeUndefined();
      await rejects(
        checkRecognition(
          hub.ctx,
          { certificate: 'urn:uuid:6f1c4b5e-1234-4abc-8def-000000000000' },
          { destination: 'TH' },
        ),
        'not-found',
      );
    });

    it('a receipt needs the hub or the destination authority; it is signed by the hub key and audited', async () => {
      await rejects(
        checkRecognition(hub.ctx, { certificate }, { destination: 'TH', issueReceipt: true }),
        'unauthenticated',
      );
      await rejects(
        checkRecognition(hub.ctx, { certificate }, { destination: 'TH', issueReceipt: true }, VN),
        'forbidden',
      );
      const check = await checkRecognition(
        hub.ctx,
        { certificate },
        { destination: 'TH', issueReceipt: true },
        TH,
      );
      const receipt = check.receipt!;
      expect(receipt.issuer).toBe(hub.ctx.hubDid);
      expect((receipt.proof as { verificationMethod: string }).verificationMethod).toMatch(
        new RegExp(`^${hub.ctx.hubDid}#`),
      );
      expect((await verifyWithHub(hub.ctx, receipt)).outcome).toBe('valid');
      expect((await audited(hub.ctx, 'recognition.receipt-issued')).at(-1)).toMatchObject({
        actor: TH.tokenId,
        subject: receipt.id,
        details: { certificate, destination: 'TH', decision: check.decision },
      });
    });

    it('in bulk: only for the requester own destination, 1 to the maximum items, a missing certificate an error entry', async () => {
      await rejects(checkRecognitionBulk(hub.ctx, [{ certificate }], { destination: 'TH' }, VN), 'forbidden');
      await rejects(checkRecognitionBulk(hub.ctx, [], { destination: 'TH' }, TH), 'validation-failed');
      const tooMany = Array.from({ length: MAX_BULK_CERTIFICATES + 1 }, () => ({ certificate }));
      await rejects(checkRecognitionBulk(hub.ctx, tooMany, { destination: 'TH' }, TH), 'validation-failed');
      const revoked = (
        await issueCertificate(
          hub.ctx,
          KH_ISSUER,
          brickRequest({ holder: { name: 'Chan Sophea', birthDate: '1990-02-03' } }) as CertifyRequest,
        )
      ).id;
      await changeStatus(hub.ctx, KH_ISSUER, { credentialId: revoked, purpose: 'revocation', status: true });
      const bulk = await checkRecognitionBulk(
        hub.ctx,
        [
          { certificate, ref: 'a' },
          { certificate: 'urn:uuid:6f1c4b5e-1234-4abc-8def-000000000000', ref: 'b' },
          { certificate: revoked },
        ],
        { destination: 'TH' },
        TH,
      );
      expect(bulk).toMatchObject({ destination: 'TH', checkedOn: '2026-11-20', total: 3 });
      expect(bulk.results.map((r) => [r.index, r.ref, 'error' in r ? r.error.code : r.decision])).toEqual([
        [0, 'a', expect.stringMatching(/^recognised/)],
        [1, 'b', 'not-found'],
        [2, undefined, 'not-recognised'],
      ]);
      expect(bulk.summary.error).toBe(1);
      expect(bulk.summary['not-recognised']).toBe(1);
      expect(bulk.summary.recognised + bulk.summary['recognised-with-conditions']).toBe(1);
    });
  });
});
