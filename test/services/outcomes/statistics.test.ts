import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aqrfBands,
  parseStatisticsQuery,
  programmeStatistics,
  statisticsScope,
} from '../../../src/services/outcomes/statistics.js';
import { createToken } from '../../../src/services/access/token-admin.js';
import type { Principal } from '../../../src/services/access/tokens.js';
import type { Framework, Qualification } from '../../../src/domain/types.js';
import { brickRequest, issue, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, authorityOf, KH_ISSUER, rejects } from '../../helpers/service-calls.js';

/** programmeStatistics (src/services/outcomes/statistics.ts): scope, query, AQRF bands, the answer's shape. */
describe('programmeStatistics', () => {
  let hub: TestHub;
  let programme: Principal;
  beforeAll(async () => {
    hub = await startTestHub();
    const t = await createToken(hub.ctx, ADMIN, {
      role: 'programme',
      label: 'KH-TH pilot',
      corridors: ['KH-TH'],
    });
    programme = { tokenId: t.id, role: 'programme', spoke: null, corridors: ['KH-TH'] };
    for (let i = 0; i < 5; i++)
      await issue(hub, brickRequest({ holder: { name: `Worker ${i}`, birthDate: '1990-01-01' } }));
  });
  afterAll(async () => {
    await hub.close();
  });

  it('programme and admin tokens only; a programme reads its own programme', async () => {
    for (const actor of [KH_ISSUER, authorityOf('TH'), { ...authorityOf('TH'), role: 'employer' as const }])
      await rejects(programmeStatistics(hub.ctx, actor, {}), 'forbidden');
    await rejects(programmeStatistics(hub.ctx, programme, { programme: 'Someone else' }), 'forbidden');
    await rejects(programmeStatistics(hub.ctx, ADMIN, { programme: 'No such programme' }), 'not-found');
    expect(await statisticsScope(hub.ctx.store.repos, programme)).toEqual({
      programme: 'KH-TH pilot',
      corridors: ['KH-TH'],
    });
    // an admin asking for a programme sees it as that programme does
    expect(await statisticsScope(hub.ctx.store.repos, ADMIN, 'KH-TH pilot')).toEqual({
      programme: 'KH-TH pilot',
      corridors: ['KH-TH'],
    });
  });

  it('counts the certificates of the corridor by AQRF level and quarter', async () => {
    const stats = await programmeStatistics(hub.ctx, programme, { groupBy: ['aqrfLevel', 'quarter'] });
    expect(stats.groupBy).toEqual(['corridor', 'aqrfLevel', 'quarter']);
    expect(stats.rows.map((r) => [r.key, r.certified])).toEqual([
      [{ corridor: 'KH-TH', aqrfLevel: 1, quarter: '2026-Q4' }, 5],
    ]);
  });

  it('an open end of a window is null in the answer', async () => {
    const stats = await programmeStatistics(hub.ctx, programme, { from: '2026-Q4' });
    expect([stats.from, stats.to]).toEqual(['2026-Q4', null]);
    expect(stats.rows.map((r) => [r.key.quarter, r.certified])).toEqual([['2026-Q4', 5]]);
  });

  it('a certificate issued after a first answer is in the next one (the kept lattice is not stale)', async () => {
    const count = async () =>
      (await programmeStatistics(hub.ctx, programme, {})).rows.find((r) => r.key.corridor === 'KH-TH')!
        .certified;
    const before = await count();
    await issue(hub, brickRequest({ holder: { name: 'One more', birthDate: '1990-01-01' } }));
    expect(await count()).toBe(before! + 1);
  });

  it('reads groupBy and the window strictly', () => {
    expect(parseStatisticsQuery({ groupBy: ['quarter', 'quarter'], from: '2026-02-10' }, undefined)).toEqual({
      groupBy: ['quarter'],
      window: { from: '2026-Q1', to: '9999-Q4' },
    });
    expect(() => parseStatisticsQuery({ groupBy: ['holder'] }, undefined)).toThrow(/groupBy/);
    expect(() => parseStatisticsQuery({ to: '2026-13-01' }, undefined)).toThrow(/to is a quarter/);
  });

  it("a certificate's AQRF level follows the referencing in force on its certification day", () => {
    const framework = {
      id: 'XX-QF',
      referencing: [
        { effectiveFrom: '2024-01-01', status: 'referenced', levels: { '2': 3 } },
        { effectiveFrom: '2020-01-01', status: 'provisional', levels: { '2': 2 } },
        { effectiveFrom: '2025-06-01', status: 'unreferenced', levels: {} },
      ],
    } as unknown as Framework;
    const q = { code: 'XX-1', framework: 'XX-QF', level: 2 } as Qualification;
    expect(aqrfBands([q], [framework])).toEqual([
      { qualification: 'XX-1', from: '2020-01-01', until: '2024-01-01', level: 2 },
      { qualification: 'XX-1', from: '2024-01-01', until: '2025-06-01', level: 3 },
      { qualification: 'XX-1', from: '2025-06-01', until: null, level: null },
    ]);
  });
});
