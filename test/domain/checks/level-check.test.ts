import { describe, expect, it } from 'vitest';
import { checkLevel } from '../../../src/domain/checks/level-check.js';
import type { Framework } from '../../../src/domain/types.js';
import { brick, readBrick, thTpqf } from '../fixtures.js';

const day = '2026-11-20';

describe('checkLevel', () => {
  it('passes when the stated AQRF and national levels match the referencing in force', () => {
    expect(checkLevel(readBrick(), brick, thTpqf, day)).toMatchObject({
      id: 'level',
      outcome: 'valid',
      details: { aqrfLevel: 1, referencing: 'provisional' },
    });
  });

  it('fails with level-mismatch when the stated AQRF level differs from the registry', () => {
    expect(checkLevel(readBrick({ aqrfLevel: 4 }), brick, thTpqf, day)).toMatchObject({
      outcome: 'invalid',
      code: 'level-mismatch',
      details: { stated: 4, registry: 1 },
    });
  });

  it('fails with level-missing when the credential states no AQRF level', () => {
    const c = readBrick();
    delete c.aqrfLevel;
    expect(checkLevel(c, brick, thTpqf, day).code).toBe('level-missing');
  });

  it('fails with national-level-mismatch when the national level differs from the qualification', () => {
    expect(checkLevel(readBrick({ nationalLevel: 'TH-TPQF:2' }), brick, thTpqf, day).code).toBe(
      'national-level-mismatch',
    );
  });

  it('fails with national-level-mismatch when the national level names another framework', () => {
    expect(checkLevel(readBrick({ nationalLevel: 'MY-MQF:1' }), brick, thTpqf, day).code).toBe(
      'national-level-mismatch',
    );
  });

  it('passes when the credential states no national level at all', () => {
    const c = readBrick();
    delete c.nationalLevel;
    expect(checkLevel(c, brick, thTpqf, day).outcome).toBe('valid');
  });

  it('fails with level-not-referenced when the issuance day precedes any referencing', () => {
    expect(checkLevel(readBrick(), brick, thTpqf, '2018-05-31').code).toBe('level-not-referenced');
  });

  it('fails with level-not-referenced when the framework is unreferenced on the issuance day', () => {
    const lapsed: Framework = {
      ...thTpqf,
      referencing: [
        ...thTpqf.referencing,
        { effectiveFrom: '2026-01-01', status: 'unreferenced', levels: {} },
      ],
    };
    expect(checkLevel(readBrick(), brick, lapsed, day).code).toBe('level-not-referenced');
  });

  it('judges at issuance time: a later re-referencing does not invalidate an older certificate', () => {
    const rereferenced: Framework = {
      ...thTpqf,
      referencing: [
        ...thTpqf.referencing,
        { effectiveFrom: '2027-01-01', status: 'referenced', levels: { 1: 2 } },
      ],
    };
    expect(checkLevel(readBrick({ aqrfLevel: 1 }), brick, rereferenced, '2026-11-20').outcome).toBe('valid');
    expect(checkLevel(readBrick({ aqrfLevel: 1 }), brick, rereferenced, '2027-01-01').code).toBe(
      'level-mismatch',
    );
  });
});
