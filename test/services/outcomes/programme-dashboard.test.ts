import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeDashboard } from '../../../src/services/outcomes/programme-dashboard.js';
import { authenticateCaller } from '../../../src/services/access/tokens.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { seedProgramme, type ProgrammeData } from '../../helpers/programme-data.js';
import { SkillPassError } from '../../../src/domain/errors.js';

/** programmeDashboard called directly (src/services/outcomes/programme-dashboard.ts): scope, the two tables, refusals. */
describe('programmeDashboard', () => {
  let hub: TestHub;
  let data: ProgrammeData;
  beforeAll(async () => {
    hub = await startTestHub();
    data = await seedProgramme(hub);
  });
  afterAll(async () => {
    await hub?.close();
  });
  const actor = (token: string) => authenticateCaller(hub.ctx, `Bearer ${token}`);

  it('a programme token: its name, its corridor, by quarter and by corridor', async () => {
    const d = await programmeDashboard(hub.ctx, await actor(data.tokens.programmeKhTh), {});
    expect(d.programme).toBe('KH-TH construction pilot');
    expect(d.byCorridor.groupBy).toEqual(['corridor']);
    expect(d.byCorridor.rows.map((r) => [r.key.corridor, r.certified, r.placed])).toEqual([['KH-TH', 8, 6]]);
    expect(d.byQuarter.groupBy).toEqual(['corridor', 'quarter']);
    expect(d.byQuarter.rows.map((r) => [r.key.quarter, r.certified, r.placed])).toEqual([
      ['2026-Q2', 0, 6],
      ['2026-Q4', 8, 0],
    ]);
  });

  it('an admin: no programme name, every corridor; a window narrows both tables', async () => {
    const all = await programmeDashboard(hub.ctx, await actor(data.tokens.admin), {});
    expect(all.programme).toBeUndefined();
    expect(all.byCorridor.corridors).toBe('all');
    expect(all.byCorridor.rows.map((r) => r.key.corridor).sort()).toEqual(['KH-TH', 'TH-TH']);
    const q2 = await programmeDashboard(hub.ctx, await actor(data.tokens.admin), {
      from: '2026-Q2',
      to: '2026-Q2',
    });
    expect(q2.byQuarter.rows.every((r) => r.key.quarter === '2026-Q2')).toBe(true);
    expect(q2.byCorridor.from).toBe('2026-Q2');
  });

  it('an employer or a centre is refused (forbidden) before any figure is read', async () => {
    for (const token of [data.tokens.employerTh, hub.tokens.khNtti]) {
      const refusal = await programmeDashboard(hub.ctx, await actor(token), {}).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(SkillPassError);
      expect((refusal as SkillPassError).code).toBe('forbidden');
    }
  });
});
