import { describe, expect, it } from 'vitest';
import {
  inForce,
  validateAgreement,
  type RecognitionAgreement,
  type RegistrySnapshot,
} from '../../../src/domain/recognition/agreement.js';
import { mrs } from './fixtures.js';
import { partyIncludes } from '../../../src/domain/recognition/parties.js';

const registry: RegistrySnapshot = {
  qualifications: new Set(['TH-BRICK-1', 'TH-PLASTER-1']),
  frameworkLevels: new Map([
    ['AQRF', 8],
    ['TH-TPQF', 8],
  ]),
};
const fields = (a: RecognitionAgreement) => validateAgreement(a, registry).map((e) => [e.field, e.code]);

describe('validateAgreement', () => {
  it('accepts a well-formed agreement', () => {
    expect(validateAgreement(mrs(), registry)).toEqual([]);
  });

  it('names the field of an unknown qualification, in coverage and in the equivalents', () => {
    expect(fields(mrs({ coverage: { qualifications: ['TH-BRICK-1', 'XX-NOPE-1'] } }))).toEqual([
      ['coverage.qualifications[1]', 'unknown-qualification'],
    ]);
    expect(
      fields(mrs({ grants: { equivalentQualifications: [{ from: 'TH-BRICK-1', to: 'TH-NOPE-9' }] } })),
    ).toEqual([['grants.equivalentQualifications[0].to', 'unknown-qualification']]);
  });

  it('refuses an inverted AQRF level range', () => {
    const errors = validateAgreement(mrs({ coverage: { aqrfLevels: { min: 4, max: 2 } } }), registry);
    expect(errors).toEqual([
      {
        field: 'coverage.aqrfLevels',
        code: 'invalid-value',
        message: 'coverage.aqrfLevels: min (4) is above max (2).',
      },
    ]);
  });

  it('refuses an end before the start, and dates that do not exist; one-day agreements are fine', () => {
    expect(fields(mrs({ validFrom: '2026-01-02', validUntil: '2026-01-01' }))).toEqual([
      ['validUntil', 'invalid-value'],
    ]);
    expect(fields(mrs({ validFrom: '2026-02-30' }))).toEqual([['validFrom', 'invalid-value']]);
    expect(fields(mrs({ validFrom: '2026-01-01', validUntil: '2026-01-01' }))).toEqual([]);
  });

  it('refuses a missing or unnamed destination and a misplaced "*"', () => {
    expect(fields(mrs({ parties: { origin: ['KH'], destination: [] } }))).toEqual([
      ['parties.destination', 'invalid-value'],
    ]);
    expect(fields(mrs({ parties: { origin: ['KH'], destination: ['*'] } }))).toEqual([
      ['parties.destination[0]', 'invalid-value'],
    ]);
    expect(fields(mrs({ parties: { origin: ['*', 'KH'], destination: ['TH'] } }))).toEqual([
      ['parties.origin[0]', 'invalid-value'],
    ]);
    expect(fields(mrs({ parties: { origin: ['EURO'], destination: ['TH'] } }))).toEqual([
      ['parties.origin[0]', 'invalid-value'],
    ]);
  });

  it('checks the equivalent level against the framework, and equivalents against the coverage', () => {
    expect(fields(mrs({ grants: { equivalentLevel: { framework: 'XX-NQF', level: 1 } } }))).toEqual([
      ['grants.equivalentLevel.framework', 'unknown-framework'],
    ]);
    expect(fields(mrs({ grants: { equivalentLevel: { framework: 'TH-TPQF', level: 9 } } }))).toEqual([
      ['grants.equivalentLevel.level', 'invalid-value'],
    ]);
    expect(
      fields(mrs({ grants: { equivalentQualifications: [{ from: 'TH-PLASTER-1', to: 'TH-PLASTER-1' }] } })),
    ).toEqual([['grants.equivalentQualifications[0].from', 'invalid-value']]);
  });

  it('needs some coverage and something granted', () => {
    expect(fields(mrs({ coverage: {} }))).toEqual([['coverage', 'invalid-value']]);
    expect(fields(mrs({ grants: {} }))).toEqual([['grants', 'invalid-value']]);
  });
});

describe('in force and parties', () => {
  it('an agreement is in force from its first to its last day, both included; without an end, until replaced', () => {
    const a = mrs({ validFrom: '2026-01-01', validUntil: '2026-12-31' });
    expect([
      inForce(a, '2025-12-31'),
      inForce(a, '2026-01-01'),
      inForce(a, '2026-12-31'),
      inForce(a, '2027-01-01'),
    ]).toEqual([false, true, true, false]);
    expect(inForce(mrs({ validFrom: '2026-01-01', validUntil: undefined }), '2099-01-01')).toBe(true);
  });

  it('parties name countries, regions (ASEAN) or any origin', () => {
    expect(partyIncludes(['KH'], 'KH')).toBe(true);
    expect(partyIncludes(['KH'], 'TH')).toBe(false);
    expect(partyIncludes(['ASEAN'], 'PH')).toBe(true);
    expect(partyIncludes(['ASEAN'], 'FR')).toBe(false);
    expect(partyIncludes(['*'], 'FR')).toBe(true);
    expect(partyIncludes(['*'], undefined)).toBe(true);
    expect(partyIncludes(['KH'], undefined)).toBe(false);
  });
});
