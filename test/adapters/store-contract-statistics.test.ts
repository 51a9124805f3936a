import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/services/ports.js';
import { openTestStore } from '../helpers/test-store.js';
import { testEngine } from '../helpers/test-database.js';

/**
 * The statistics port, on each engine (011_statistics.sql): the finest counts with the AQRF
 * level by certification day, distinct certificates per check, wage medians by window function,
 * programme costs.
 */
describe(`store contract: statistics (${testEngine()})`, () => {
  let store: Store;
  let close: () => Promise<void>;
  const at = '2026-11-20T10:00:00Z';
  // TH-BRICK-1 was AQRF 1 until 2026-06-01, then 2
  const bands = [
    { qualification: 'TH-BRICK-1', from: '2018-06-01', until: '2026-06-01', level: 1 },
    { qualification: 'TH-BRICK-1', from: '2026-06-01', until: null, level: 2 },
  ];
  const wages = [10000, 11000, 12000, 13000, 14500, 30000];

  beforeAll(async () => {
    ({ store, close } = await openTestStore());
    await store.repos.spokes.insert({
      slug: 'kh-a',
      did: 'did:web:h:spokes:kh-a',
      name: 'A',
      country: 'KH',
      createdAt: at,
    });
    const issued = [
      '2026-05-31T23:59:59Z',
      '2026-06-01T00:00:00Z',
      ...wages.map(() => '2026-08-10T09:00:00Z'),
    ];
    for (const [i, issuedAt] of issued.entries())
      await store.repos.certificates.insert({
        id: `urn:uuid:c${i}`,
        spoke: 'kh-a',
        qualification: 'TH-BRICK-1',
        format: 'di',
        serialized: '{}',
        issuedAt,
        validUntil: '2029-11-20T23:59:59Z',
      });
    for (const [i, amount] of wages.entries()) {
      const id = `p${i}`;
      expect(
        await store.repos.outcomes.insertPlacement({
          id,
          employer: 't',
          employerToken: 't',
          certificateId: `urn:uuid:c${i + 2}`,
          destination: 'TH',
          isco08: '7112',
          startDate: '2026-09-01',
          monthlyWage: { amount, currency: i === 5 ? 'MYR' : 'THB' },
          contractType: 'fixed-term',
          recordedAt: at,
        }),
      ).toBe(true);
      await store.repos.outcomes.insertFollowUp({
        placementId: id,
        month: 6,
        stillEmployed: i < 4,
        ...(i < 4 ? { monthlyWage: { amount: amount + 500.5, currency: 'THB' } } : {}),
        answeredAt: at,
      });
    }
    const event = (certificate: string, ref: string, destination: string | null, kind = 'verification') => ({
      kind: kind as 'verification' | 'recognition',
      certificateId: certificate,
      certificateRef: ref,
      aqrfLevel: 1,
      destination,
      checkedOn: '2026-11-20',
      outcome: kind === 'verification' ? 'valid' : 'recognised',
    });
    await store.repos.statistics.recordEvents([
      event('urn:uuid:c0', 'r0', 'TH'),
      event('urn:uuid:c0', 'r0', 'TH'),
      event('urn:uuid:c1', 'r1', 'TH'),
      event('urn:uuid:c1', 'r1', null),
      event('urn:uuid:c1', 'r1', 'TH', 'recognition'),
      event('urn:uuid:not-held', 'rx', 'TH'),
    ]);
  });
  afterAll(async () => {
    await close();
  });

  it('counts at the finest level, the AQRF level by certification day, checks per distinct certificate', async () => {
    const counts = (await store.repos.statistics.fineCounts(bands)).map((c) => [
      c.measure,
      c.aqrfLevel,
      c.destination,
      c.quarter,
      c.count,
    ]);
    expect(counts).toEqual(
      expect.arrayContaining([
        ['certified', 1, null, '2026-Q2', 1],
        ['certified', 2, null, '2026-Q2', 1],
        ['certified', 2, null, '2026-Q3', 6],
        ['placed', 2, 'TH', '2026-Q3', 6],
        ['followedUp6', 2, 'TH', '2026-Q3', 6],
        ['retained6', 2, 'TH', '2026-Q3', 4],
        ['verified', 1, 'TH', '2026-Q4', 2],
        ['verified', 1, 'unknown', '2026-Q4', 1],
        ['recognised', 1, 'TH', '2026-Q4', 1],
      ]),
    );
    expect(counts).toHaveLength(9);
  });

  it('wage medians per cell and currency, with how many placements each rests on', async () => {
    const medians = await store.repos.statistics.wageMedians(['corridor'], bands, {});
    const of = (measure: string, currency: string) =>
      medians.find((m) => m.measure === measure && m.currency === currency && m.key.corridor === 'KH-TH');
    expect(of('atPlacement', 'THB')).toMatchObject({ median: 12000, workers: 5 });
    expect(of('atPlacement', 'MYR')).toMatchObject({ median: 30000, workers: 1 });
    expect(of('atFollowUp', 'THB')).toMatchObject({ median: 12000.5, workers: 4 });
    expect(of('change', 'THB')).toMatchObject({ median: 500.5, workers: 4 });
    expect(await store.repos.statistics.wageMedians(['corridor'], bands, { corridors: ['LA-TH'] })).toEqual(
      [],
    );
  });

  it('programme costs, one programme or all', async () => {
    const cost = {
      id: 'k1',
      programme: 'P',
      quarter: '2026-Q3',
      amount: 1234.56,
      currency: 'USD',
      recordedAt: at,
      recordedBy: 't',
    };
    await store.repos.statistics.insertCost(cost);
    await store.repos.statistics.insertCost({ ...cost, id: 'k2', programme: 'Q', note: 'venue' });
    expect(await store.repos.statistics.costs('P')).toEqual([cost]);
    expect((await store.repos.statistics.costs()).map((c) => c.id)).toEqual(['k1', 'k2']);
  });
});
