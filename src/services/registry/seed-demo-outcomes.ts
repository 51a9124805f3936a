import type { HubContext } from '../hub-context.js';
import { contextAt, nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import { newToken } from '../access/tokens.js';
import { BatchRunner } from '../cohorts/batch-runner.js';
import { commitBatch, previewBatch, storedBatchRows } from '../cohorts/batches.js';
import { dayOf } from '../../domain/dates.js';
import { addMonths, followUpSchedule } from '../../domain/outcomes/follow-ups.js';
import type { ContractType, FollowUp, Placement } from '../../domain/outcomes/placement.js';
import type { WorkerAnswer } from '../../domain/outcomes/worker-survey.js';
import { hashSurveyCode, surveyCodeFor } from '../outcomes/worker-survey.js';
import { flushStatisticEvents, noteVerification } from '../outcomes/statistics-events.js';
import { loadCertificate, verifyWithHub } from '../verification/verification-service.js';

/**
 * Demo outcomes for the Cambodia-Thailand construction pilot (issue 16, item 7; README
 * "Placements and follow-ups"): on a demo hub's first start, Cambodian workers certified by the
 * demo centre kh-ntti against the Thai bricklaying and plastering qualifications, all consenting
 * to follow-up, placed by one demo employer in Thailand over the six quarters before the seeding
 * day, with the employer's 3-, 6- and 12-month answers (wages in THB; some workers not retained)
 * and some workers' own survey answers. Every figure is invented (deterministic, from a fixed
 * seed and the seeding day) so that a dashboard shows real shapes: at least 13 placements in
 * each quarter and qualification. The timeline is real: each quarter's workers are certified in
 * that quarter (the centre certifies on the second day of each month, a week or more before the
 * placements start), with the hub's clock moved back to that day, so each certificate's validFrom
 * and signature fall in its quarter, made with a key that existed then (the registry is seeded
 * on the first day of the quarter before the first cohort's: seedDemoHub in ./seed-demo.ts); the
 * demo employer checks two certificates in five (a real verification, counted for the statistics) a
 * few days before the worker starts. The certificates go through the cohort path (a batch of
 * VC-JOSE certificates per certification day, the fast signing path); the placements, follow-ups
 * and answers are written in one unit of work. Once per hub: a second start adds nothing.
 */
export const DEMO_EMPLOYER = {
  id: 'demo-employer-th',
  label: 'Demo Siam Construction Co. (fictional)',
  country: 'TH',
};
const DEMO_CENTRE = 'kh-ntti';
const QUALIFICATIONS = [
  {
    code: 'TH-BRICK-1',
    isco08: '7112',
    base: 12_500,
    roles: ['assistant bricklayer', 'bricklayer', 'lead bricklayer'],
  },
  {
    code: 'TH-PLASTER-1',
    isco08: '7123',
    base: 12_000,
    roles: ['assistant plasterer', 'plasterer', 'lead plasterer'],
  },
] as const;
export const DEMO_QUARTERS = 6;
export const DEMO_PER_CELL = 13;

const FAMILY = [
  'Chan',
  'Chea',
  'Heng',
  'Hout',
  'Keo',
  'Kim',
  'Ly',
  'Meas',
  'Nhem',
  'Oum',
  'Phan',
  'Pich',
  'Prak',
  'Sam',
  'Seng',
  'Sok',
  'Tep',
  'Touch',
  'Vong',
  'Yim',
];
const GIVEN = [
  'Bopha',
  'Borey',
  'Channa',
  'Chenda',
  'Dara',
  'Kosal',
  'Makara',
  'Phalla',
  'Piseth',
  'Ratha',
  'Rithy',
  'Samnang',
  'Sokha',
  'Sophea',
  'Sothea',
  'Sovann',
  'Vanna',
  'Veasna',
  'Vibol',
  'Visal',
];

const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A small seeded generator (mulberry32): the same plan for the same seeding day, on every engine and machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoWorker {
  holderName: string;
  birthDate: string;
  qualification: string;
  isco08: string;
  assessmentDate: string;
  /** the day the centre certified the worker (its certificate's validFrom), in the quarter of startDate, a week or more before it */
  certifiedOn: string;
  startDate: string;
  contractType: ContractType;
  startingWage: number;
  /** the employer's answer per mark due by the seeding day (undefined: not answered) */
  followUps: {
    month: 3 | 6 | 12;
    stillEmployed: boolean;
    wage?: number;
    role?: string;
    answeredOn: string;
  }[];
  /** the worker's own answers (the latest mark due, when they answered it) */
  survey: {
    month: 3 | 6 | 12;
    stillEmployed: boolean;
    wage?: number;
    role?: string;
    wouldRecommend: boolean;
    answeredOn: string;
  }[];
}

/** The first day of the quarter `back` quarters before the one holding `today`. */
const quarterStart = (today: string, back: number): string => {
  const month = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
  return addMonths(`${today.slice(0, 4)}-${String(month).padStart(2, '0')}-01`, -3 * back);
};

/** The day the demo registry is seeded on: the first day of the quarter before the first cohort's. */
export const demoTimelineStart = (today: string): string => quarterStart(today, DEMO_QUARTERS + 1);

/** The plan: who was certified and placed when, and every answer; pure (the seeding day is the input). */
export function demoOutcomePlan(today: string): DemoWorker[] {
  const rnd = random(20_261_130);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const names = FAMILY.flatMap((f) => GIVEN.map((g) => `${f} ${g}`)).filter((n) => n !== 'Sok Dara');
  const workers: DemoWorker[] = [];
  let n = 0;
  for (let back = DEMO_QUARTERS; back >= 1; back--) {
    const from = quarterStart(today, back);
    for (const q of QUALIFICATIONS) {
      for (let i = 0; i < DEMO_PER_CELL; i++) {
        // names drawn without repeats (a stride prime to their number), birth years 1985-2003
        const holderName = names[(n * 37) % names.length]!;
        n++;
        const birthDate = `${1985 + Math.floor(rnd() * 19)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
        // starts from the quarter's 11th day to its 85th: certified in the same quarter, before
        const startDate = addDays(from, 10 + Math.floor((i * 76) / DEMO_PER_CELL) + Math.floor(rnd() * 5));
        // the centre certifies on each month's second day: at least 8 days before the start, at most 39
        const certifiedOn = addDays(`${addDays(startDate, -9).slice(0, 8)}01`, 1);
        const assessmentDate = addDays(certifiedOn, -(2 + Math.floor(rnd() * 20)));
        const startingWage = Math.round((q.base + (rnd() - 0.5) * 2_000) / 50) * 50;
        let employed = true;
        let wage = startingWage;
        let grade = 0;
        const followUps: DemoWorker['followUps'] = [];
        for (const mark of followUpSchedule(startDate)) {
          if (mark.dueOn > today) break;
          // retention falls over the year; a worker who left stays gone
          if (employed && rnd() < (mark.month === 3 ? 0.1 : mark.month === 6 ? 0.12 : 0.15)) employed = false;
          if (employed) {
            wage = Math.round((wage * (1 + 0.01 + rnd() * 0.05)) / 50) * 50;
            if (mark.month === 12 && rnd() < 0.35) grade = Math.min(grade + 1, 2);
          }
          const answeredOn = addDays(mark.dueOn, Math.floor(rnd() * 10));
          // about one mark in twelve the employer has not answered yet
          if (answeredOn > today || rnd() < 0.08) continue;
          followUps.push({
            month: mark.month as 3 | 6 | 12,
            stillEmployed: employed,
            ...(employed ? { wage, role: q.roles[Math.min(grade + 1, 2)] } : {}),
            answeredOn,
          });
        }
        // about two workers in five answered their own survey at the latest mark due
        const latest = followUpSchedule(startDate)
          .filter((m) => m.dueOn <= today)
          .at(-1);
        const survey: DemoWorker['survey'] = [];
        const answeredOn = latest ? addDays(latest.dueOn, Math.floor(rnd() * 14)) : undefined;
        if (latest && answeredOn! <= today && rnd() < 0.4)
          survey.push({
            month: latest.month as 3 | 6 | 12,
            stillEmployed: employed,
            // workers report their pay in round hundreds, a little below the employer's gross figure
            ...(employed
              ? { wage: Math.round((wage * 0.97) / 100) * 100, role: q.roles[Math.min(grade + 1, 2)] }
              : {}),
            wouldRecommend: rnd() < (employed ? 0.8 : 0.35),
            answeredOn: answeredOn!,
          });
        workers.push({
          holderName,
          birthDate,
          qualification: q.code,
          isco08: q.isco08,
          assessmentDate,
          certifiedOn,
          startDate,
          contractType: pick(['fixed-term', 'fixed-term', 'fixed-term', 'permanent', 'seasonal'] as const),
          startingWage,
          followUps,
          survey,
        });
      }
    }
  }
  return workers;
}

export interface DemoOutcomes {
  seeded: boolean;
  certificates: number;
  placements: number;
  followUps: number;
  workerAnswers: number;
  /** the demo employer's verifications of certificates (counted for the statistics) */
  checks: number;
  /** the demo employer's token, to print once */
  tokens: Record<string, string>;
}

const NONE: DemoOutcomes = {
  seeded: false,
  certificates: 0,
  placements: 0,
  followUps: 0,
  workerAnswers: 0,
  checks: 0,
  tokens: {},
};
const at = (day: string) => `${day}T09:00:00Z`;

export async function seedDemoOutcomes(ctx: HubContext): Promise<DemoOutcomes> {
  const { repos } = ctx.store;
  if (!(await repos.spokes.get(DEMO_CENTRE))) return NONE;
  const now = nowIso(ctx);
  // once per hub, and by one replica only
  if (!(await repos.secrets.putIfAbsent('demo-outcomes-seed', now))) return NONE;
  const today = dayOf(now);
  const plan = demoOutcomePlan(today);

  // each certification day's cohort, on the hub's clock moved back to that day (in order: the audit chain stays in time order)
  const issued = new Map<number, string>();
  for (const day of [...new Set(plan.map((w) => w.certifiedOn))].sort()) {
    const members = [...plan.keys()].filter((i) => plan[i]!.certifiedOn === day);
    for (const [i, id] of await certifyCohort(contextAt(ctx, `${day}T08:00:00Z`), plan, members))
      issued.set(i, id);
  }

  // the employer (and its token) since the timeline's start: it recorded the first placements then
  const since = at(demoTimelineStart(today));
  const employerToken = newToken('employer', null, 'employer:demo-TH', since);
  const placements: Placement[] = [];
  const followUps: FollowUp[] = [];
  const answers: WorkerAnswer[] = [];
  for (const [index, w] of plan.entries()) {
    const certificateId = issued.get(index);
    if (!certificateId) continue; // a row the centre could not certify
    const id = `demo-placement-${String(index + 1).padStart(3, '0')}`;
    placements.push({
      id,
      employer: DEMO_EMPLOYER.id,
      employerToken: employerToken.record.id,
      certificateId,
      destination: 'TH',
      isco08: w.isco08,
      startDate: w.startDate,
      monthlyWage: { amount: w.startingWage, currency: 'THB' },
      contractType: w.contractType,
      recordedAt: at(addDays(w.startDate, -3) < today ? addDays(w.startDate, -3) : today),
    });
    for (const f of w.followUps)
      followUps.push({
        placementId: id,
        month: f.month,
        stillEmployed: f.stillEmployed,
        ...(f.wage ? { monthlyWage: { amount: f.wage, currency: 'THB' } } : {}),
        ...(f.role ? { roleOrGrade: f.role } : {}),
        answeredAt: at(f.answeredOn),
      });
    for (const s of w.survey)
      answers.push({
        placementId: id,
        month: s.month,
        stillEmployed: s.stillEmployed,
        ...(s.wage ? { monthlyWage: { amount: s.wage, currency: 'THB' } } : {}),
        ...(s.role ? { roleOrGrade: s.role } : {}),
        wouldRecommend: s.wouldRecommend,
        answeredAt: at(s.answeredOn),
      });
  }
  const codes = await Promise.all(
    placements.map(async (p) => hashSurveyCode(await surveyCodeFor(ctx, p.certificateId))),
  );
  await ctx.store.transaction(async (tx) => {
    await tx.outcomes.insertEmployer({ ...DEMO_EMPLOYER, createdAt: since });
    await tx.tokens.insert({ ...employerToken.record, country: 'TH', employerId: DEMO_EMPLOYER.id });
    for (const p of placements) await tx.outcomes.insertPlacement(p);
    for (const [i, p] of placements.entries())
      await tx.outcomes.insertSurveyCode(codes[i]!, p.certificateId, now);
    for (const f of followUps) await tx.outcomes.insertFollowUp(f);
    for (const a of answers) await tx.outcomes.insertWorkerAnswer(a);
    await tx.audit.append({
      at: now,
      actor: 'system:seed',
      action: 'demo.outcomes-seeded',
      subject: DEMO_EMPLOYER.id,
      details: { placements: placements.length, followUps: followUps.length, workerAnswers: answers.length },
    });
  });
  const checks = await checkedByEmployer(ctx, plan, issued);
  return {
    seeded: true,
    certificates: issued.size,
    placements: placements.length,
    followUps: followUps.length,
    workerAnswers: answers.length,
    checks,
    tokens: { 'employer TH (demo)': employerToken.token },
  };
}

const CENTRE: Principal = { tokenId: 'system:seed', role: 'issuer', spoke: DEMO_CENTRE };

/** Certifies the plan's `members` in one batch on `ctx`'s clock (their day); answers plan index -> certificate id. */
async function certifyCohort(
  ctx: HubContext,
  plan: DemoWorker[],
  members: number[],
): Promise<Map<number, string>> {
  const preview = await previewBatch(
    ctx,
    CENTRE,
    members.map((i, n) => {
      const w = plan[i]!;
      return {
        row: n + 2,
        line: null,
        cells: {
          qualification: w.qualification,
          holderName: w.holderName,
          holderBirthDate: w.birthDate,
          assessmentDate: w.assessmentDate,
          assessmentLanguage: 'km',
          result: 'competent',
          consentToFollowUp: 'yes',
        },
      };
    }),
    // VC-JOSE: signed in microseconds each; Data Integrity would cost the first start seconds
    { source: 'json', format: 'vc+jwt' },
  );
  const runner = new BatchRunner(ctx, { chunkSize: 100, restRatio: 0 });
  await commitBatch(ctx, CENTRE, preview.id, runner.start);
  await runner.idle(preview.id);
  await runner.stop();
  const issued = new Map<number, string>();
  for (const row of await storedBatchRows(ctx, preview)) {
    const i = members[row.row - 2];
    if (i !== undefined && row.state === 'issued' && row.certificateId) issued.set(i, row.certificateId);
  }
  return issued;
}

/**
 * The demo employer checks two certificates in five, five days before the worker starts: a real
 * verification on the clock of that day, counted as the statistics count any check
 * (../outcomes/statistics-events.ts), for Thailand.
 */
async function checkedByEmployer(ctx: HubContext, plan: DemoWorker[], issued: Map<number, string>) {
  let checks = 0;
  for (const [i, certificateId] of issued) {
    if (i % 5 > 1) continue;
    const then = contextAt(ctx, at(addDays(plan[i]!.startDate, -5)));
    noteVerification(
      then,
      await verifyWithHub(then, await loadCertificate(then, certificateId)),
      DEMO_EMPLOYER.country,
    );
    checks++;
  }
  await flushStatisticEvents(ctx);
  return checks;
}
