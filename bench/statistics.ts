import type Database from 'better-sqlite3';
import { createSeededHub } from './hub.js';
import type { Principal } from '../src/services/access/tokens.js';
import type { HubContext } from '../src/services/hub-context.js';
import { forgetStatistics, programmeStatistics } from '../src/services/outcomes/statistics.js';
import { aqrfBands } from '../src/services/outcomes/statistics.js';
import { suppressLattice, type FineCount } from '../src/domain/outcomes/statistics-cube.js';
import { corridorOf } from '../src/domain/outcomes/statistics-definitions.js';

/**
 * The programme dashboard at scale (issue 16, item 8): 1,000,000 certificates and 200,000
 * placements (with their 6- and 12-month follow-ups) and 300,000 verification and recognition
 * events, written straight into a hub's SQLite file in bulk (no signing: statistics read none of
 * the credential), then the dashboard's statistics timed, next to a plain COUNT(*) over the same
 * tables measured in the same run. A benchmark figure, not a test: `npm run bench` (or
 * `npm run bench:statistics` alone) runs it, `npm test` never does.
 */
export interface StatisticsSizes {
  certificates: number;
  placements: number;
  events: number;
}

export interface StatisticsBench {
  sizes: StatisticsSizes;
  generateSeconds: number;
  /** each the median of RUNS runs, in ms */
  countCertificatesMs: number;
  countPlacementsMs: number;
  fineCountsMs: number;
  suppressionMs: number;
  fineCells: number;
  dashboardMs: number;
  dashboardCorridorMs: number;
  /** the same again with the lattice and medians kept (no row added since) */
  dashboardWarmMs: number;
  dashboardRows: number;
}

export const DEFAULT_SIZES: StatisticsSizes = {
  certificates: 1_000_000,
  placements: 200_000,
  events: 300_000,
};
const RUNS = 3;

/** a seeded generator (mulberry32): the same data every run */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

async function medianOf<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const runs: { ms: number; value: T }[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timed(fn));
  return { ms: median(runs.map((r) => r.ms)), value: runs[0]!.value };
}

const COUNTRIES = ['KH', 'LA', 'MM', 'VN', 'ID', 'PH', 'TH'];
const DESTINATIONS = ['TH', 'MY', 'SG'];
const OUTCOMES = ['recognised', 'recognised-with-conditions', 'not-recognised', 'indeterminate'];

/** Writes the benchmark's data straight into the hub's SQLite file, in bulk (seeded: the same data every run). */
export async function generateStatisticsData(ctx: HubContext, sizes: StatisticsSizes): Promise<void> {
  const db = (ctx.store as unknown as { db: Database.Database }).db;
  const next = random(16);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  // 20 centres in 7 countries, and the demo's qualifications
  const now = '2024-01-01T00:00:00Z';
  for (let i = 0; i < 18; i++) {
    const country = COUNTRIES[i % COUNTRIES.length]!;
    await ctx.store.repos.spokes.insert({
      slug: `bench-${i}`,
      name: `Bench centre ${i}`,
      country,
      did: `did:web:bench.example:centres:${i}`,
      createdAt: now,
    });
  }
  const spokes = (await ctx.store.repos.spokes.list()).map((s) => s.slug);
  const qualifications = (await ctx.store.repos.qualifications.list()).map((q) => q.code);
  const insertCert = db.prepare(
    `INSERT INTO certificates (id, spoke, qualification, format, serialized, issued_at, valid_until) VALUES (?, ?, ?, 'di', '{}', ?, '2030-01-01T00:00:00Z')`,
  );
  // certified over twelve quarters, 2024 to 2026
  const day = () =>
    `${2024 + Math.floor(next() * 3)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < sizes.certificates; i++) {
      const id = `urn:uuid:bench-${i}`;
      ids.push(id);
      insertCert.run(id, pick(spokes), pick(qualifications), `${day()}T09:00:00Z`);
    }
  })();
  const insertPlacement = db.prepare(
    `INSERT INTO placements (id, employer_token, certificate_id, destination, isco08, start_date, wage_amount, wage_currency, contract_type, recorded_at) VALUES (?, ?, ?, ?, '7112', ?, ?, ?, 'fixed-term', ?)`,
  );
  const insertFollowUp = db.prepare(
    `INSERT INTO placement_follow_ups (placement_id, month, still_employed, wage_amount, wage_currency, role_or_grade, answered_at) VALUES (?, ?, ?, ?, ?, NULL, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < sizes.placements; i++) {
      const id = `placement-${i}`;
      const destination = pick(DESTINATIONS);
      const currency = destination === 'TH' ? 'THB' : destination === 'MY' ? 'MYR' : 'SGD';
      const wage = Math.round(8000 + next() * 8000);
      const start = day();
      insertPlacement.run(
        id,
        `employer-${i % 50}`,
        ids[(i * 5) % ids.length],
        destination,
        start,
        String(wage),
        currency,
        `${start}T00:00:00Z`,
      );
      for (const month of [6, 12]) {
        if (next() < (month === 6 ? 0.7 : 0.5)) {
          const still = next() < 0.8;
          insertFollowUp.run(
            id,
            month,
            still ? 1 : 0,
            still ? String(wage + Math.round(next() * 2000)) : null,
            still ? currency : null,
            `${start}T00:00:00Z`,
          );
        }
      }
    }
  })();
  const insertEvent = db.prepare(
    `INSERT INTO statistic_events (kind, certificate_ref, centre, qualification, aqrf_level, destination, checked_on, outcome) SELECT ?, ?, spoke, qualification, 1, ?, ?, ? FROM certificates WHERE id = ?`,
  );
  db.transaction(() => {
    for (let i = 0; i < sizes.events; i++) {
      const recognition = next() < 0.3;
      const n = Math.floor(next() * ids.length);
      insertEvent.run(
        recognition ? 'recognition' : 'verification',
        `ref-${n}`,
        next() < 0.2 ? '' : pick(DESTINATIONS),
        day(),
        recognition ? pick(OUTCOMES) : 'valid',
        ids[n],
      );
    }
  })();
}

export async function measureStatistics(
  log: (msg: string) => void,
  sizes: StatisticsSizes = DEFAULT_SIZES,
): Promise<StatisticsBench> {
  const hub = await createSeededHub();
  try {
    const { ctx } = hub;
    const db = (ctx.store as unknown as { db: Database.Database }).db;
    log(
      `statistics: writing ${sizes.certificates} certificates, ${sizes.placements} placements and ${sizes.events} events into SQLite`,
    );
    const generated = await timed(() => generateStatisticsData(ctx, sizes));
    log(`statistics: data written in ${(generated.ms / 1000).toFixed(1)} s; timing (median of ${RUNS} runs)`);

    const countCertificates = await medianOf(() =>
      db.prepare('SELECT COUNT(*) FROM certificates').pluck().get(),
    );
    const countPlacements = await medianOf(() => db.prepare('SELECT COUNT(*) FROM placements').pluck().get());
    const [qualifications, frameworks] = await Promise.all([
      ctx.store.repos.qualifications.list(),
      ctx.store.repos.frameworks.list(),
    ]);
    const bands = aqrfBands(qualifications, frameworks);
    const fine = await medianOf(() => ctx.store.repos.statistics.fineCounts(bands));
    const country = new Map(qualifications.map((q) => [q.code, q.country]));
    const cube: FineCount[] = fine.value.map((r) => ({
      key: {
        corridor: corridorOf(r.origin, r.destination ?? country.get(r.qualification)),
        qualification: r.qualification,
        aqrfLevel: r.aqrfLevel === null ? '' : String(r.aqrfLevel),
        centre: r.centre,
        quarter: r.quarter,
      },
      measure: r.measure,
      count: r.count,
    }));
    const suppression = await medianOf(() => suppressLattice(cube));
    const admin: Principal = { tokenId: 'bench:admin', role: 'admin', spoke: null };
    const programme: Principal = {
      tokenId: 'bench:programme',
      role: 'programme',
      spoke: null,
      corridors: ['KH-TH'],
    };
    await ctx.store.repos.tokens.insert({
      id: programme.tokenId,
      hash: 'bench-programme',
      role: 'programme',
      spoke: null,
      label: 'Bench programme',
      createdAt: '2024-01-01T00:00:00Z',
      expiresAt: null,
      revokedAt: null,
      corridors: ['KH-TH'],
    });
    // cold: nothing kept from an earlier answer; warm: the lattice kept, as for a dashboard's next request
    const dashboard = await medianOf(() => {
      forgetStatistics(ctx);
      return programmeStatistics(ctx, admin, { groupBy: ['corridor', 'quarter'] });
    });
    const corridorView = await medianOf(() => {
      forgetStatistics(ctx);
      return programmeStatistics(ctx, programme, { groupBy: ['quarter'] });
    });
    const warm = await medianOf(() => programmeStatistics(ctx, programme, { groupBy: ['quarter'] }));
    return {
      sizes,
      generateSeconds: generated.ms / 1000,
      countCertificatesMs: countCertificates.ms,
      countPlacementsMs: countPlacements.ms,
      fineCountsMs: fine.ms,
      suppressionMs: suppression.ms,
      fineCells: cube.length,
      dashboardMs: dashboard.ms,
      dashboardCorridorMs: corridorView.ms,
      dashboardWarmMs: warm.ms,
      dashboardRows: dashboard.value.rows.length,
    };
  } finally {
    await hub.ctx.store.close();
    hub.remove();
  }
}

export function statisticsTable(b: StatisticsBench): string {
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  return [
    `| programme statistics over ${b.sizes.certificates.toLocaleString('en')} certificates, ${b.sizes.placements.toLocaleString('en')} placements, ${b.sizes.events.toLocaleString('en')} events (SQLite) | time |`,
    '| --- | ---: |',
    `| baseline: SELECT COUNT(*) FROM certificates | ${ms(b.countCertificatesMs)} |`,
    `| baseline: SELECT COUNT(*) FROM placements | ${ms(b.countPlacementsMs)} |`,
    `| the finest counts (four GROUP BY queries; ${b.fineCells.toLocaleString('en')} counts) | ${ms(b.fineCountsMs)} |`,
    `| suppression over the 32 tables of the lattice | ${ms(b.suppressionMs)} |`,
    `| dashboard, cold: GET /statistics?groupBy=corridor,quarter, admin (${b.dashboardRows} rows; counts, suppression, wage medians, costs) | ${ms(b.dashboardMs)} |`,
    `| the same for a programme token limited to KH-TH | ${ms(b.dashboardCorridorMs)} |`,
    `| that request again, nothing added since (lattice and medians kept; the check is five COUNT(*)) | ${ms(b.dashboardWarmMs)} |`,
  ].join('\n');
}
