import { describe, expect, it } from 'vitest';
import { checkAccreditation } from '../../../src/domain/checks/accreditation-check.js';
import { accreditation, brick, spoke } from '../fixtures.js';

describe('checkAccreditation', () => {
  it('passes and names the covering accreditation when the centre was accredited on the issuance day', () => {
    const r = checkAccreditation(spoke, brick, [accreditation({ id: 'acc-7' })], '2026-11-20');
    expect(r).toMatchObject({ id: 'accreditation', outcome: 'valid', details: { accreditation: 'acc-7' } });
  });

  it('fails with not-accredited when the issuance day is after the accreditation ended', () => {
    const r = checkAccreditation(spoke, brick, [accreditation({ validUntil: '2026-11-19' })], '2026-11-20');
    expect(r).toMatchObject({ outcome: 'invalid', code: 'not-accredited' });
  });

  it('fails with not-accredited when the accreditation covers other qualifications only', () => {
    const r = checkAccreditation(
      spoke,
      brick,
      [accreditation({ qualifications: ['KH-SEW-2'] })],
      '2026-11-20',
    );
    expect(r.code).toBe('not-accredited');
  });

  it('fails with not-accredited when the centre has no accreditation at all', () => {
    expect(checkAccreditation(spoke, brick, [], '2026-11-20').code).toBe('not-accredited');
  });
});

describe('checkAccreditation with accreditation history', () => {
  it('fails with accreditation-suspended for a certificate issued during a suspension', () => {
    const suspended = accreditation({
      events: [
        {
          kind: 'suspended',
          effectiveFrom: '2026-11-01',
          reason: 'audit',
          recordedAt: '2026-10-30T00:00:00Z',
        },
      ],
    });
    expect(checkAccreditation(spoke, brick, [suspended], '2026-11-20')).toMatchObject({
      outcome: 'invalid',
      code: 'accreditation-suspended',
    });
  });

  it('passes a certificate issued before the suspension took effect', () => {
    const suspended = accreditation({
      events: [
        {
          kind: 'suspended',
          effectiveFrom: '2026-11-21',
          reason: 'audit',
          recordedAt: '2026-11-21T00:00:00Z',
        },
      ],
    });
    expect(checkAccreditation(spoke, brick, [suspended], '2026-11-20').outcome).toBe('valid');
  });

  it('fails with accreditation-withdrawn for a certificate issued after a withdrawal', () => {
    const withdrawn = accreditation({
      events: [
        {
          kind: 'withdrawn',
          effectiveFrom: '2026-06-01',
          reason: 'fraud',
          recordedAt: '2026-06-01T00:00:00Z',
        },
      ],
    });
    expect(checkAccreditation(spoke, brick, [withdrawn], '2026-11-20').code).toBe('accreditation-withdrawn');
  });
});
