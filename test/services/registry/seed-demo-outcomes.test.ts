import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EMPLOYER,
  demoOutcomePlan,
  seedDemoOutcomes,
  type DemoOutcomes,
} from '../../../src/services/registry/seed-demo-outcomes.js';
import { bearer, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { surveyCodeFor } from '../../../src/services/outcomes/worker-survey.js';
import { bareId } from '../../helpers/certificates.js';
import type { Placement } from '../../../src/domain/outcomes/placement.js';

/** The demo outcomes of the Cambodia-Thailand construction pilot (src/services/registry/seed-demo-outcomes.ts). */
describe('seedDemoOutcomes', () => {
  let hub: TestHub;
  let first: DemoOutcomes;
  let placements: Placement[];
  const TODAY = '2026-11-20';

  beforeAll(async () => {
    hub = await startTestHub(`${TODAY}T10:00:00Z`);
    first = await seedDemoOutcomes(hub.ctx);
    placements = await hub.ctx.store.repos.outcomes.placementsOf(DEMO_EMPLOYER.id, { limit: 500, offset: 0 });
  }, 120_000);
  afterAll(async () => hub?.close());

  it('certifies every planned worker (consenting) and places each with the demo employer in Thailand', async () => {
    const plan = demoOutcomePlan(TODAY);
    expect(first).toMatchObject({ seeded: true, certificates: plan.length, placements: plan.length });
    expect(placements).toHaveLength(plan.length);
    expect(new Set(placements.map((p) => p.destination))).toEqual(new Set(['TH']));
    expect(new Set(placements.map((p) => p.monthlyWage.currency))).toEqual(new Set(['THB']));
    for (const p of placements.slice(0, 5))
      expect(await hub.ctx.store.repos.outcomes.consent(p.certificateId)).toBeDefined();
    // the same plan for the same day
    expect(demoOutcomePlan(TODAY)).toEqual(plan);
  });

  it('fills every quarter and qualification of the six quarters before the seeding day with at least 5 placements', () => {
    const cells = new Map<string, number>();
    for (const p of placements) {
      const key = `${p.startDate.slice(0, 4)}-Q${Math.floor((Number(p.startDate.slice(5, 7)) - 1) / 3) + 1} ${p.isco08}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    expect(cells.size).toBe(12); // 2025-Q2 .. 2026-Q3, bricklaying (7112) and plastering (7123)
    expect(Math.min(...cells.values())).toBeGreaterThanOrEqual(5);
    expect([...cells.keys()].sort()[0]).toBe('2025-Q2 7112');
    expect(placements.every((p) => p.startDate < '2026-10-01')).toBe(true);
  });

  it("has employer answers at 3, 6 and 12 months, some workers not retained, and some workers' own answers", async () => {
    const { outcomes } = hub.ctx.store.repos;
    const ids = placements.map((p) => p.id);
    const answers = await outcomes.followUps(ids);
    expect(new Set(answers.map((a) => a.month))).toEqual(new Set([3, 6, 12]));
    expect(answers.some((a) => !a.stillEmployed)).toBe(true);
    expect(answers.filter((a) => a.stillEmployed).every((a) => a.monthlyWage?.currency === 'THB')).toBe(true);
    expect(answers.every((a) => a.answeredAt <= `${TODAY}T10:00:00Z`)).toBe(true);
    const workers = await outcomes.workerAnswers(ids);
    expect(workers.length).toBeGreaterThan(20);
    expect(first).toMatchObject({ followUps: answers.length, workerAnswers: workers.length });
  });

  it("the demo employer token lists them; a demo worker's survey link (from the centre, not the worker page) opens", async () => {
    const token = first.tokens['employer TH (demo)']!;
    const listed = await hub.app.inject({ url: '/placements?limit=500', headers: bearer(token) });
    expect(listed.json().items).toHaveLength(placements.length);
    const certificate = placements[0]!.certificateId;
    const page = await hub.app.inject({ url: `/v/${bareId(certificate)}/worker` });
    expect(page.body).not.toMatch(/\/t\/[A-Za-z0-9_-]{24}/);
    const survey = await hub.app.inject({ url: `/t/${await surveyCodeFor(hub.ctx, certificate)}?lang=en` });
    expect(survey.statusCode).toBe(200);
    expect(survey.body).toContain('<h1>');
    expect(survey.body).not.toContain('data-survey="unknown"');
  });

  it('runs once: a second start adds nothing', async () => {
    const again = await seedDemoOutcomes(hub.ctx);
    expect(again.seeded).toBe(false);
    expect(await hub.ctx.store.repos.certificates.count()).toBe(first.certificates);
    expect(
      await hub.ctx.store.repos.outcomes.placementsOf(DEMO_EMPLOYER.id, { limit: 500, offset: 0 }),
    ).toHaveLength(placements.length);
  });
});
