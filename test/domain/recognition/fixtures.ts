import type { RecognitionAgreement } from '../../../src/domain/recognition/agreement.js';
import type { CertificateFacts } from '../../../src/domain/recognition/conditions.js';
import type { CheckResult } from '../../../src/domain/verification-result.js';

/** Agreements and certificate facts for the pure recognition tests. */
export const mrs = (over: Partial<RecognitionAgreement> = {}): RecognitionAgreement => ({
  id: 'kh-th-mrs',
  version: 1,
  title: 'KH to TH bricklaying',
  kind: 'mutual-recognition-of-skills',
  reference: 'MRS pilot',
  parties: { origin: ['KH'], destination: ['TH'] },
  coverage: { qualifications: ['TH-BRICK-1'], aqrfLevels: { min: 1, max: 1 } },
  grants: {
    equivalentQualifications: [{ from: 'TH-BRICK-1', to: 'TH-BRICK-1' }],
    equivalentLevel: { framework: 'TH-TPQF', level: 1 },
  },
  conditions: { assessmentLanguages: ['km', 'th'], accreditedCentre: true },
  validFrom: '2025-01-01',
  validUntil: '2029-12-31',
  source: { title: 'demo' },
  illustrative: true,
  ...over,
});

export const sgR1 = (over: Partial<RecognitionAgreement> = {}): RecognitionAgreement => ({
  id: 'sg-r1',
  version: 1,
  title: 'SG R1 rule',
  kind: 'national-rule',
  reference: 'R2 to R1',
  parties: { origin: ['*'], destination: ['SG'] },
  coverage: { occupations: ['7112', '7123'] },
  grants: { permitCategory: { code: 'SG-WP-R1', name: 'Work Permit R1' } },
  conditions: {
    accreditedCentre: true,
    minYearsExperience: 6,
    minMonthlySalary: { amount: 1600, currency: 'SGD' },
    followUp: { description: 'CET', withinMonths: 24 },
  },
  validFrom: '2025-01-01',
  source: { title: 'demo' },
  illustrative: true,
  ...over,
});

export const brickCert = (over: Partial<CertificateFacts> = {}): CertificateFacts => ({
  id: 'urn:uuid:1',
  qualification: 'TH-BRICK-1',
  aqrfLevel: 1,
  isco08: '7112',
  originCountry: 'KH',
  assessmentLanguage: 'km',
  accreditedCentre: true,
  validUntil: '2031-11-20T23:59:59Z',
  ...over,
});

export const validChecks: CheckResult[] = [
  'well-formed',
  'proof',
  'issuer',
  'accreditation',
  'level',
  'validity',
  'status',
].map((id) => ({ id: id as CheckResult['id'], outcome: 'valid' }));
export const VALID = { outcome: 'valid' as const, checks: validChecks };
