import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aqrfLevelOn, referencingInForce } from '../../src/domain/aqrf-level.js';
import type { Framework } from '../../src/domain/types.js';

/** A framework whose referencing changed: provisional 1:1 from 2018, re-referenced (level 4 -> 5) from 2022. */
const revised: Framework = {
  id: 'XX-NQF',
  name: { en: 'Example NQF' },
  country: 'XX',
  levelCount: 8,
  referencing: [
    // deliberately not in date order
    {
      effectiveFrom: '2022-01-01',
      status: 'referenced',
      levels: { 1: 1, 2: 2, 3: 3, 4: 5, 5: 6, 6: 7, 7: 8, 8: 8 },
    },
    {
      effectiveFrom: '2018-06-01',
      status: 'provisional',
      levels: { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8 },
    },
  ],
};

const withdrawn: Framework = {
  ...revised,
  referencing: [
    { effectiveFrom: '2019-01-01', status: 'referenced', levels: { 1: 1, 2: 2 } },
    { effectiveFrom: '2024-01-01', status: 'unreferenced', levels: { 1: 1, 2: 2 } },
  ],
};

const demoFrameworks = (
  JSON.parse(readFileSync(new URL('../../data/demo/frameworks.json', import.meta.url), 'utf8')) as {
    frameworks: Framework[];
  }
).frameworks;
const kkni = demoFrameworks.find((f) => f.id === 'ID-KKNI')!;

describe('referencingInForce', () => {
  it('picks the latest referencing that took effect on or before the day, whatever the array order', () => {
    expect(referencingInForce(revised, '2023-05-05')?.effectiveFrom).toBe('2022-01-01');
    expect(referencingInForce(revised, '2020-05-05')?.effectiveFrom).toBe('2018-06-01');
  });

  it('is undefined before the first referencing took effect', () => {
    expect(referencingInForce(revised, '2018-05-31')).toBeUndefined();
  });

  it('does not reorder the framework it reads', () => {
    referencingInForce(revised, '2023-01-01');
    expect(revised.referencing.map((r) => r.effectiveFrom)).toEqual(['2022-01-01', '2018-06-01']);
  });
});

describe('aqrfLevelOn', () => {
  it('uses the mapping in force on the issuance day, not the current one', () => {
    expect(aqrfLevelOn(revised, 4, '2021-06-30')).toEqual({
      aqrfLevel: 4,
      status: 'provisional',
      effectiveFrom: '2018-06-01',
    });
    expect(aqrfLevelOn(revised, 4, '2022-06-30')).toEqual({
      aqrfLevel: 5,
      status: 'referenced',
      effectiveFrom: '2022-01-01',
    });
  });

  it('switches to the new referencing on its effective day itself (the day before still uses the old one)', () => {
    expect(aqrfLevelOn(revised, 4, '2021-12-31')?.aqrfLevel).toBe(4);
    expect(aqrfLevelOn(revised, 4, '2022-01-01')?.aqrfLevel).toBe(5);
  });

  it('is undefined before any referencing took effect', () => {
    expect(aqrfLevelOn(revised, 1, '2018-05-31')).toBeUndefined();
  });

  it('is undefined while the framework is unreferenced, even though an earlier referencing mapped the level', () => {
    expect(aqrfLevelOn(withdrawn, 1, '2023-12-31')?.aqrfLevel).toBe(1);
    expect(aqrfLevelOn(withdrawn, 1, '2024-01-01')).toBeUndefined();
  });

  it('is undefined for a national level the referencing does not map', () => {
    expect(aqrfLevelOn(revised, 9, '2023-01-01')).toBeUndefined();
    expect(aqrfLevelOn(revised, 0, '2023-01-01')).toBeUndefined();
  });

  it("folds Indonesia's nine KKNI levels into the AQRF's eight (demo data: 7 and 8 to 7, 9 to 8)", () => {
    const day = '2025-06-01';
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => aqrfLevelOn(kkni, n, day)?.aqrfLevel)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 7, 8,
    ]);
    expect(aqrfLevelOn(kkni, 9, day)?.status).toBe('referenced');
  });

  it('has no KKNI mapping before its referencing took effect (2020-01-01)', () => {
    expect(aqrfLevelOn(kkni, 9, '2019-12-31')).toBeUndefined();
  });
});
