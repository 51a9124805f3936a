import type { HubContext } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import type { AqrfBand, Repositories, Store } from '../ports.js';
import type { Framework, Qualification } from '../../domain/types.js';
import { SkillPassError } from '../../domain/errors.js';
import {
  DIMENSIONS,
  suppressLattice,
  type Dimension,
  type FineCount,
  type SuppressedLattice,
} from '../../domain/outcomes/statistics-cube.js';
import { corridorOf, quarterDays, windowQuarter } from '../../domain/outcomes/statistics-definitions.js';
import {
  effectiveGroupBy,
  OPEN_FROM,
  OPEN_TO,
  statisticsReport,
  type ProgrammeStatistics,
  type StatisticsQuery,
  type WageMedianFact,
} from '../../domain/outcomes/statistics-report.js';
import { flushStatisticEvents } from './statistics-events.js';

export type {
  ProgrammeStatistics,
  StatisticsRow,
  CostLine,
} from '../../domain/outcomes/statistics-report.js';

/**
 * GET /statistics (issue 16, item 4; README "Programme statistics"): counts, rates, wage medians
 * and costs per certified and placed worker, for a programme token (its corridors only) or an
 * admin. Aggregates only: no record ever leaves this function, and every count went through the
 * suppression of src/domain/outcomes/statistics-cube.ts (no figure rests on fewer than 5 workers).
 * The dashboard page builds on this function and its return type.
 */
export interface StatisticsRequest {
  groupBy?: readonly string[];
  /** a quarter ("2026-Q1") or a day, read as its quarter */
  from?: string;
  to?: string;
  /** admin only: one programme's costs and corridors */
  programme?: string;
}

/** Programme tokens see aggregates; admins see every corridor. Everyone else: 403. */
export async function statisticsScope(
  repos: Pick<Repositories, 'tokens'>,
  actor: Principal,
  programme?: string,
): Promise<{ programme: string | undefined; corridors: readonly string[] | undefined }> {
  if (actor.role === 'programme') {
    const own = (await repos.tokens.get(actor.tokenId))?.label;
    if (programme !== undefined && programme !== own)
      throw new SkillPassError('forbidden', 'A programme token reads its own programme only.', {
        field: 'programme',
      });
    return { programme: own, corridors: actor.corridors };
  }
  if (actor.role !== 'admin')
    throw new SkillPassError('forbidden', 'Statistics are for programme and admin tokens.');
  if (programme === undefined) return { programme: undefined, corridors: undefined };
  // the programme's corridors: those of its live tokens (one without corridors covers all)
  const tokens = (await repos.tokens.list()).filter(
    (t) => t.role === 'programme' && t.label === programme && !t.revokedAt,
  );
  if (tokens.length === 0)
    throw new SkillPassError('not-found', `No programme ${programme}: no programme token has that label.`);
  const all = tokens.some((t) => !t.corridors);
  return { programme, corridors: all ? undefined : [...new Set(tokens.flatMap((t) => t.corridors ?? []))] };
}

export function parseStatisticsQuery(
  req: StatisticsRequest,
  corridors: readonly string[] | undefined,
): StatisticsQuery {
  const groupBy: Dimension[] = [];
  for (const d of req.groupBy ?? []) {
    if (!(DIMENSIONS as readonly string[]).includes(d))
      throw new SkillPassError('validation-failed', `groupBy takes ${DIMENSIONS.join(', ')}; not ${d}.`, {
        field: 'groupBy',
      });
    if (!groupBy.includes(d as Dimension)) groupBy.push(d as Dimension);
  }
  const bound = (text: string | undefined, field: 'from' | 'to') => {
    if (text === undefined) return undefined;
    const q = windowQuarter(text);
    if (!q)
      throw new SkillPassError(
        'validation-failed',
        `${field} is a quarter (2026-Q1) or a day (2026-01-15).`,
        {
          field,
        },
      );
    return q;
  };
  const from = bound(req.from, 'from');
  const to = bound(req.to, 'to');
  if (from && to && from > to)
    throw new SkillPassError('validation-failed', 'from is after to.', { field: 'from' });
  const window = from || to ? { from: from ?? OPEN_FROM, to: to ?? OPEN_TO } : undefined;
  return { groupBy, ...(corridors ? { corridors } : {}), ...(window ? { window } : {}) };
}

/**
 * Each qualification's AQRF level over time, from its framework's referencing history: the
 * level a certificate states is the one in force on its certification day (src/domain/aqrf-level.ts).
 */
export function aqrfBands(
  qualifications: readonly Qualification[],
  frameworks: readonly Framework[],
): AqrfBand[] {
  const bands: AqrfBand[] = [];
  for (const q of qualifications) {
    const framework = frameworks.find((f) => f.id === q.framework);
    const history = [...(framework?.referencing ?? [])].sort((a, b) =>
      a.effectiveFrom < b.effectiveFrom ? -1 : 1,
    );
    history.forEach((r, i) => {
      const level = r.status === 'unreferenced' ? undefined : r.levels[String(q.level)];
      bands.push({
        qualification: q.code,
        from: r.effectiveFrom,
        until: history[i + 1]?.effectiveFrom ?? null,
        level: level ?? null,
      });
    });
  }
  return bands;
}

interface CachedLattice {
  version: string;
  lattice: SuppressedLattice;
  bands: AqrfBand[];
  /** wage medians by groupBy, corridors and window */
  medians: Map<string, WageMedianFact[]>;
}

/**
 * The suppressed lattice does not depend on who asks or how: it is kept per store until a row is
 * added to what it counts or the registry changes (repository dataVersion, one cheap read), so a
 * dashboard's several requests compute it once, and they all read one suppression pattern.
 */
const latticeCache = new WeakMap<Store, CachedLattice>();
const MEDIAN_CACHE = 50;

/** Drops the kept lattice (the benchmark times a cold computation). */
export const forgetStatistics = (ctx: Pick<HubContext, 'store'>): boolean => latticeCache.delete(ctx.store);

async function cachedLattice(ctx: HubContext): Promise<CachedLattice> {
  const { repos } = ctx.store;
  const version = `${await repos.statistics.dataVersion()}/${await repos.meta.registryVersion()}`;
  const kept = latticeCache.get(ctx.store);
  if (kept?.version === version) return kept;
  const [qualifications, frameworks] = await Promise.all([
    repos.qualifications.list(),
    repos.frameworks.list(),
  ]);
  const bands = aqrfBands(qualifications, frameworks);
  const qualificationCountry = new Map(qualifications.map((q) => [q.code, q.country]));
  const raw = await repos.statistics.fineCounts(bands);
  // the lattice always covers every corridor and quarter: what a caller sees is cut from it (statistics-report.ts)
  const fine: FineCount[] = raw.map((r) => ({
    key: {
      corridor: corridorOf(r.origin, r.destination ?? qualificationCountry.get(r.qualification)),
      qualification: r.qualification,
      aqrfLevel: r.aqrfLevel === null ? '' : String(r.aqrfLevel),
      centre: r.centre,
      quarter: r.quarter,
    },
    measure: r.measure,
    count: r.count,
  }));
  const entry = { version, lattice: suppressLattice(fine), bands, medians: new Map() };
  latticeCache.set(ctx.store, entry);
  return entry;
}

/** The programme statistics an actor may see (the dashboard's one source). */
export async function programmeStatistics(
  ctx: HubContext,
  actor: Principal,
  req: StatisticsRequest,
): Promise<ProgrammeStatistics> {
  const { repos } = ctx.store;
  const scope = await statisticsScope(repos, actor, req.programme);
  const query = parseStatisticsQuery(req, scope.corridors);
  await flushStatisticEvents(ctx);
  const { lattice, bands, medians } = await cachedLattice(ctx);
  // medians are per cell, and the cells keep the corridor and quarter when limited: these filters only spare work
  const window = query.window && {
    first: req.from ? quarterDays(query.window.from).first : '0000-01-01',
    next: req.to ? quarterDays(query.window.to).next : '9999-12-31',
  };
  const dims = effectiveGroupBy(query);
  const scopeKey = JSON.stringify([dims, query.corridors ?? null, window ?? null]);
  let wages = medians.get(scopeKey);
  if (!wages) {
    wages = await repos.statistics.wageMedians(dims, bands, {
      ...(query.corridors ? { corridors: query.corridors } : {}),
      ...(window ? { window } : {}),
    });
    if (medians.size >= MEDIAN_CACHE) medians.delete(medians.keys().next().value!);
    medians.set(scopeKey, wages);
  }
  const costs = await repos.statistics.costs(scope.programme);
  return statisticsReport(lattice, query, wages, costs);
}
