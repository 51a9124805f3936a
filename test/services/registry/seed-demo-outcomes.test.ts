import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  DEMO_EMPLOYER,
  demoOutcomePlan,
  demoTimelineStart,
  seedDemoOutcomes,
  type DemoOutcomes,
} from '../../../src/services/registry/seed-demo-outcomes.js';
import { bearer, startTestHub, TestClock, type TestHub } from '../../helpers/test-hub.js';
import { seedDemoHub } from '../../../src/services/registry/seed-demo.js';
import { loadConfig } from '../../../src/config.js';
import { openHub } from '../../../src/wiring.js';
import { buildApp } from '../../../src/http/app.js';
import type { HubContext } from '../../../src/services/hub-context.js';
import { surveyCodeFor } from '../../../src/services/outcomes/worker-survey.js';
import { bareId } from '../../helpers/certificates.js';
import type { Placement } from '../../../src/domain/outcomes/placement.js';

const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

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

  it("certifies each quarter's workers in that quarter, a week or more before they start, as the plan says", async () => {
    const plan = demoOutcomePlan(TODAY);
    const quarterOf = (day: string) => `${day.slice(0, 4)}-${Math.floor((Number(day.slice(5, 7)) - 1) / 3)}`;
    for (const p of placements) {
      const cert = (await hub.ctx.store.repos.certificates.get(p.certificateId))!;
      const w = plan[Number(p.id.slice(-3)) - 1]!;
      expect(cert.issuedAt.slice(0, 10)).toBe(w.certifiedOn);
      expect(quarterOf(cert.issuedAt)).toBe(quarterOf(p.startDate));
      expect(addDays(cert.issuedAt.slice(0, 10), 7) < p.startDate).toBe(true);
      expect(w.assessmentDate < w.certifiedOn).toBe(true);
    }
  });

  it("statistics by quarter: certified and placed in each of the six quarters, and the demo employer's checks for Thailand", async () => {
    const res = await hub.app.inject({
      // the dashboard's table by quarter (src/services/outcomes/programme-dashboard.ts)
      url: '/statistics?groupBy=corridor,quarter',
      headers: bearer(hub.tokens.admin),
    });
    expect(res.statusCode, res.body).toBe(200);
    type Row = {
      key: { corridor: string; quarter: string };
      certified: number;
      placed: number;
      verified: number;
    };
    const rows = (res.json() as { rows: Row[] }).rows.filter((r) => r.key.corridor === 'KH-TH');
    const quarters = ['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'];
    for (const quarter of quarters) {
      const row = rows.find((r) => r.key.quarter === quarter);
      expect(row?.certified, quarter).toBeGreaterThanOrEqual(5);
      expect(row?.placed, quarter).toBeGreaterThanOrEqual(5);
      // checked by the demo employer in the quarter the worker starts (the dashboard's "checked" bar)
      expect(row?.verified, quarter).toBeGreaterThanOrEqual(5);
    }
    // nothing certified or placed in the seeding day's quarter
    expect(rows.filter((r) => r.certified || r.placed).map((r) => r.key.quarter)).toEqual(quarters);
    const byCorridor = await hub.app.inject({
      url: '/statistics?groupBy=corridor',
      headers: bearer(hub.tokens.admin),
    });
    const khTh = (byCorridor.json() as { rows: { key: { corridor: string }; verified: number }[] }).rows.find(
      (r) => r.key.corridor === 'KH-TH',
    );
    expect(first.checks).toBeGreaterThanOrEqual(5);
    expect(khTh?.verified).toBe(first.checks);
  });

  it('a sample of the demo certificates verifies valid now (POST /verifications)', async () => {
    for (const p of placements.filter((_, i) => i % 25 === 0)) {
      const cert = (await hub.ctx.store.repos.certificates.get(p.certificateId))!;
      const res = await hub.app.inject({
        method: 'POST',
        url: '/verifications',
        payload: { credential: cert.serialized },
      });
      expect(res.json().outcome, `${p.id} ${res.body}`).toBe('valid');
    }
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

/** A demo hub's first start (src/server.ts): the registry, then the pilot, on the timeline. */
describe('seedDemoHub on a fresh hub', () => {
  const TODAY = '2026-11-20';
  const opened: { ctx: HubContext; app?: FastifyInstance; dir: string }[] = [];
  const freshHub = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skillpass-test-'));
    const config = loadConfig({ SKILLPASS_DATA_DIR: dir, PORT: '3999' });
    const clock = new TestClock(`${TODAY}T10:00:00Z`);
    const ctx = await openHub({
      config,
      clock: clock.now,
      operatorKey: randomBytes(32),
      warn: () => undefined,
      adoptPublicUrl: true,
    });
    const hub: (typeof opened)[number] = { ctx, dir };
    opened.push(hub);
    return hub;
  };
  afterAll(async () => {
    for (const { ctx, app, dir } of opened) {
      await app?.close();
      await ctx.store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("seeds the registry on the timeline's first day, so every demo certificate's key existed at its validFrom and verifies valid now", async () => {
    const hub = await freshHub();
    const { seeded, outcomes } = await seedDemoHub(hub.ctx, true);
    expect(seeded.seeded).toBe(true);
    expect(outcomes).toMatchObject({ seeded: true, certificates: demoOutcomePlan(TODAY).length });
    expect(demoTimelineStart(TODAY)).toBe('2025-01-01');
    const keys = await hub.ctx.store.repos.spokes.keys('kh-ntti');
    expect(keys.map((k) => k.validFrom)).toEqual(['2025-01-01T08:00:00Z']);
    hub.app = await buildApp({ ctx: hub.ctx, bodyLimitBytes: 1_000_000 });
    const certificates = await hub.ctx.store.repos.certificates.search({
      spokes: ['kh-ntti'],
      limit: 500,
      offset: 0,
    });
    expect(certificates).toHaveLength(outcomes!.certificates);
    for (const cert of certificates.filter((_, i) => i % 13 === 0)) {
      const res = await hub.app.inject({
        method: 'POST',
        url: '/verifications',
        payload: { credential: cert.serialized },
      });
      expect(res.json().outcome, `${cert.issuedAt} ${res.body}`).toBe('valid');
    }
    // a second start: nothing seeded, and nothing dated back
    expect(await seedDemoHub(hub.ctx, true)).toEqual({ seeded: { seeded: false, tokens: {} } });
  });

  it('a hub without the pilot seeds its registry on the day it starts', async () => {
    const hub = await freshHub();
    const { seeded, outcomes } = await seedDemoHub(hub.ctx, false);
    expect(seeded.seeded).toBe(true);
    expect(outcomes).toBeUndefined();
    const keys = await hub.ctx.store.repos.spokes.keys('kh-ntti');
    expect(keys.map((k) => k.validFrom)).toEqual([`${TODAY}T10:00:00Z`]);
  });
});
