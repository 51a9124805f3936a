import { describe, expect, it } from 'vitest';
import { buildRecognitionReceipt } from '../../../src/domain/recognition/receipt.js';
import { decideRecognition } from '../../../src/domain/recognition/decide.js';
import { brickCert, mrs, sgR1, VALID } from './fixtures.js';

const base = {
  id: 'urn:uuid:r',
  publicUrl: 'https://hub.example',
  hubDid: 'did:web:hub.example',
  issuedAt: '2026-11-20T10:00:00Z',
  verificationOutcome: 'valid',
  requestedBy: 'authority TH',
};

describe('buildRecognitionReceipt', () => {
  it('a VC 2.0 credential by the hub, in the recognition context, naming the certificate and the agreement, no personal data', () => {
    const query = { destination: 'TH' };
    const answer = decideRecognition({
      verification: VALID,
      certificate: brickCert(),
      query,
      agreements: [mrs({ validUntil: '2029-12-31' })],
      today: '2026-11-20',
    });
    const vc = buildRecognitionReceipt({
      ...base,
      answer,
      query,
      certificate: {
        id: 'urn:uuid:1',
        qualification: 'TH-BRICK-1',
        aqrfLevel: 1,
        validUntil: '2031-11-20T23:59:59Z',
      },
      agreementValidUntil: '2029-12-31',
    });
    expect(vc['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://w3id.org/skillpass/recognition/v1',
    ]);
    expect(vc).toMatchObject({
      type: ['VerifiableCredential', 'RecognitionDecisionCredential'],
      issuer: 'did:web:hub.example',
      validFrom: '2026-11-20T10:00:00Z',
      validUntil: '2029-12-31T23:59:59Z',
    }); // the earlier of the agreement's end and the certificate's
    expect(vc.credentialSubject).toMatchObject({
      type: 'RecognitionDecision',
      certificate: 'urn:uuid:1',
      destinationCountry: 'TH',
      decision: 'recognised',
      decidedOn: '2026-11-20',
      agreement: { agreementId: 'kh-th-mrs', agreementVersion: 1, illustrative: true },
      equivalentQualification: 'TH-BRICK-1',
      equivalentFramework: 'TH-TPQF',
      equivalentLevel: 1,
      requestedBy: 'authority TH',
    });
    expect(JSON.stringify(vc)).not.toContain('Sok');
  });

  it('carries the conditions still to meet with their deadlines; a negative decision has no end date', () => {
    const query = { destination: 'SG' };
    const answer = decideRecognition({
      verification: VALID,
      certificate: brickCert(),
      query,
      agreements: [sgR1()],
      today: '2026-11-20',
    });
    const vc = buildRecognitionReceipt({
      ...base,
      answer,
      query,
      certificate: { validUntil: '2031-11-20T23:59:59Z' },
    });
    expect(vc.validUntil).toBe('2031-11-20T23:59:59Z');
    const subject = vc.credentialSubject as Record<string, any>;
    expect(subject.permitCategory).toBe('SG-WP-R1');
    expect(subject.conditionToMeet).toContainEqual(
      expect.objectContaining({
        type: 'RecognitionCondition',
        conditionCode: 'follow-up-required',
        deadline: '2028-11-20',
      }),
    );
    const refused = decideRecognition({
      verification: VALID,
      certificate: brickCert(),
      query: { destination: 'FR' },
      agreements: [sgR1()],
      today: '2026-11-20',
    });
    expect(
      buildRecognitionReceipt({
        ...base,
        answer: refused,
        query: { destination: 'FR' },
        certificate: { validUntil: '2031-11-20T23:59:59Z' },
      }).validUntil,
    ).toBeUndefined();
  });
});
