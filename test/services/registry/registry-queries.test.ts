import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allQualifications,
  allSpokes,
  findAqrfLevel,
  findFramework,
  findQualificationView,
  frameworkRegistry,
  qualificationViews,
} from '../../../src/services/registry/registry-queries.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { rejects } from '../../helpers/service-calls.js';

/** The registry's public reads (src/services/registry/registry-queries.ts): what is there, and 404 for what is not. */
describe('registry queries', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('a framework by id; the AQRF with its eight levels; an unknown one not found', async () => {
    expect(await findFramework(hub.ctx, 'MY-MQF')).not.toHaveProperty('levels');
    const aqrf = await findFramework(hub.ctx, 'AQRF');
    expect('levels' in aqrf && aqrf.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await rejects(findFramework(hub.ctx, 'XX-NQF'), 'not-found');
    const registry = await frameworkRegistry(hub.ctx);
    expect(registry.aqrf.levels).toHaveLength(8);
    expect(registry.frameworks.map((f) => f.id)).toContain('KH-CQF');
  });

  it('an AQRF level by its number as written in the URL; any other text is not found', async () => {
    expect((await findAqrfLevel(hub.ctx, '4')).level).toBe(4);
    for (const level of ['9', '0', '04', 'four', ''])
      await rejects(findAqrfLevel(hub.ctx, level), 'not-found');
  });

  it('qualifications with their AQRF level today; an unknown code not found', async () => {
    expect(await findQualificationView(hub.ctx, 'PH-FOH-4')).toMatchObject({
      aqrfLevel: 4,
      referencing: 'referenced',
    });
    await rejects(findQualificationView(hub.ctx, 'XX-NOPE-1'), 'not-found');
    const views = await qualificationViews(hub.ctx);
    expect(views.map((q) => q.code).sort()).toEqual(
      (await allQualifications(hub.ctx)).map((q) => q.code).sort(),
    );
    expect(views.find((q) => q.code === 'KH-SEW-2')).toMatchObject({
      aqrfLevel: 2,
      referencing: 'provisional',
    });
    expect((await allSpokes(hub.ctx)).map((s) => s.slug).sort()).toEqual(['kh-ntti', 'th-bkk-itc']);
  });
});
