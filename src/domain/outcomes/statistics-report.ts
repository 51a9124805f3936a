import {
  DIMENSIONS,
  MIN_WORKERS,
  publishedTable,
  type CountMeasure,
  type Dimension,
  type Published,
  type SuppressedLattice,
  type TableCell,
} from './statistics-cube.js';
import { rate } from './statistics-definitions.js';

/**
 * The answer of GET /statistics, read from the one suppressed lattice (./statistics-cube.ts).
 * Pure. A programme token limited to some corridors only ever sees tables that keep the
 * corridor dimension (a sum over its corridors is no table of the lattice: two programmes'
 * totals could be subtracted); a window (from/to) only ever sees tables that keep the quarter.
 */
export interface StatisticsQuery {
  groupBy: readonly Dimension[];
  /** the corridors the caller may see; undefined: every one */
  corridors?: readonly string[];
  /** whole quarters, inclusive */
  window?: { from: string; to: string };
}

export interface StatisticsKey {
  corridor?: string;
  qualification?: string;
  aqrfLevel?: number | null;
  centre?: string;
  quarter?: string;
}

/** A median within one currency: wages are never converted (no rate the hub could defend). */
export interface WageMedians {
  currency: string;
  /** null when fewer than MIN_WORKERS placements of the cell are paid in this currency */
  medianAtPlacement: number | null;
  /** the wage at each placement's latest answered follow-up that reports one */
  medianAtFollowUp: number | null;
  /** that follow-up wage minus the wage at placement, same currency only */
  medianChange: number | null;
}

export type StatisticsRow = { key: StatisticsKey } & Record<CountMeasure, Published> & {
    placementRate: number | null;
    retentionRate6: number | null;
    retentionRate12: number | null;
    wages: WageMedians[];
  };

export interface CostLine {
  quarter: string;
  currency: string;
  amount: number;
  /** the certified and placed workers of the programme's corridors that quarter (null: withheld) */
  certified: Published;
  placed: Published;
  perCertified: number | null;
  perPlaced: number | null;
}

export interface ProgrammeStatistics {
  /** the dimensions of `rows`: those asked, plus corridor for a corridor-limited token and quarter for a window */
  groupBy: Dimension[];
  corridors: string[] | 'all';
  from: string | null;
  to: string | null;
  /** no published count rests on fewer workers than this */
  minWorkers: number;
  rows: StatisticsRow[];
  /** the totals of `rows` along each dimension that may be dropped (the grand total among them when allowed) */
  margins: { groupBy: Dimension[]; rows: StatisticsRow[] }[];
  costs: CostLine[];
}

/** One wage median computed by the repository for a row of the asked table. */
export interface WageMedianFact {
  key: Partial<Record<Dimension, string>>;
  currency: string;
  measure: 'atPlacement' | 'atFollowUp' | 'change';
  median: number;
  workers: number;
}

export interface CostFact {
  quarter: string;
  currency: string;
  amount: number;
}

/** The quarters an open-ended window runs from or to. */
export const OPEN_FROM = '0000-Q1';
export const OPEN_TO = '9999-Q4';

/** The dimensions every published table keeps for this query (see the module comment). */
export function forcedDimensions(q: StatisticsQuery): Dimension[] {
  return [...(q.corridors ? (['corridor'] as const) : []), ...(q.window ? (['quarter'] as const) : [])];
}

export function effectiveGroupBy(q: StatisticsQuery): Dimension[] {
  const wanted = new Set<Dimension>([...q.groupBy, ...forcedDimensions(q)]);
  return DIMENSIONS.filter((d) => wanted.has(d));
}

const visible = (q: StatisticsQuery) => (cell: TableCell) =>
  (!q.corridors || q.corridors.includes(cell.key.corridor ?? '')) &&
  (!q.window ||
    (cell.key.quarter !== undefined && q.window.from <= cell.key.quarter && cell.key.quarter <= q.window.to));

const keyId = (key: Partial<Record<Dimension, string>>) => DIMENSIONS.map((d) => key[d] ?? '').join('\u0001');

function toRow(cell: TableCell, wagesByKey: ReadonlyMap<string, WageMedianFact[]>): StatisticsRow {
  const v = cell.values;
  const { aqrfLevel, ...rest } = cell.key;
  const key: StatisticsKey = {
    ...rest,
    ...(aqrfLevel !== undefined ? { aqrfLevel: aqrfLevel === '' ? null : Number(aqrfLevel) } : {}),
  };
  const mine = wagesByKey.get(keyId(cell.key)) ?? [];
  const currencies = [...new Set(mine.map((w) => w.currency))].sort();
  const median = (currency: string, measure: WageMedianFact['measure']) => {
    const w = mine.find((m) => m.currency === currency && m.measure === measure);
    return w && w.workers >= MIN_WORKERS ? w.median : null;
  };
  return {
    key,
    ...v,
    placementRate: rate(v.placed, v.certified),
    retentionRate6: rate(v.retained6, v.followedUp6),
    retentionRate12: rate(v.retained12, v.followedUp12),
    wages: currencies
      .map((currency) => ({
        currency,
        medianAtPlacement: median(currency, 'atPlacement'),
        medianAtFollowUp: median(currency, 'atFollowUp'),
        medianChange: median(currency, 'change'),
      }))
      .filter((w) => w.medianAtPlacement !== null || w.medianAtFollowUp !== null || w.medianChange !== null),
  };
}

/** Adds published counts; null when any is withheld (a sum with a hidden part is hidden). */
const sumPublished = (values: readonly Published[]): Published =>
  values.some((v) => v === null) ? null : (values as number[]).reduce((a, b) => a + b, 0);

function costLines(lattice: SuppressedLattice, q: StatisticsQuery, costs: readonly CostFact[]): CostLine[] {
  const byQuarter = publishedTable(lattice, q.corridors ? ['corridor', 'quarter'] : ['quarter']).filter(
    visible({ ...q, window: undefined }),
  );
  const totals = new Map<string, { quarter: string; currency: string; amount: number }>();
  for (const c of costs) {
    if (q.window && (c.quarter < q.window.from || c.quarter > q.window.to)) continue;
    const id = `${c.quarter} ${c.currency}`;
    const t = totals.get(id) ?? { quarter: c.quarter, currency: c.currency, amount: 0 };
    t.amount = Math.round((t.amount + c.amount) * 100) / 100;
    totals.set(id, t);
  }
  return [...totals.values()]
    .sort((a, b) =>
      a.quarter === b.quarter ? (a.currency < b.currency ? -1 : 1) : a.quarter < b.quarter ? -1 : 1,
    )
    .map((t) => {
      const cells = byQuarter.filter((c) => c.key.quarter === t.quarter);
      // corridors with nothing that quarter add 0; a corridor-limited programme's total is the sum of its corridors
      const certified = sumPublished(cells.map((c) => c.values.certified));
      const placed = sumPublished(cells.map((c) => c.values.placed));
      const per = (n: Published) => (n === null || n === 0 ? null : Math.round((t.amount / n) * 100) / 100);
      return { ...t, certified, placed, perCertified: per(certified), perPlaced: per(placed) };
    });
}

/** The published answer: the asked table, its allowed margins, the programme's costs. */
export function statisticsReport(
  lattice: SuppressedLattice,
  q: StatisticsQuery,
  wages: readonly WageMedianFact[],
  costs: readonly CostFact[],
): ProgrammeStatistics {
  const groupBy = effectiveGroupBy(q);
  const forced = forcedDimensions(q);
  const show = visible(q);
  const wagesByKey = new Map<string, WageMedianFact[]>();
  for (const w of wages) {
    const id = keyId(w.key);
    wagesByKey.set(id, [...(wagesByKey.get(id) ?? []), w]);
  }
  const rows = publishedTable(lattice, groupBy)
    .filter(show)
    .map((c) => toRow(c, wagesByKey));
  const margins: ProgrammeStatistics['margins'] = [];
  // every proper subset of groupBy that keeps the forced dimensions, largest first
  const subsets: Dimension[][] = [];
  for (let m = (1 << groupBy.length) - 2; m >= 0; m--) {
    const dims = groupBy.filter((_, i) => m & (1 << i));
    if (forced.every((d) => dims.includes(d))) subsets.push(dims);
  }
  subsets.sort((a, b) => b.length - a.length);
  for (const dims of subsets)
    margins.push({
      groupBy: dims,
      rows: publishedTable(lattice, dims)
        .filter(show)
        .map((c) => toRow(c, new Map())),
    });
  return {
    groupBy,
    corridors: q.corridors ? [...q.corridors] : 'all',
    // an open end of the window is sent as null, not as its sentinel quarter
    from: q.window && q.window.from !== OPEN_FROM ? q.window.from : null,
    to: q.window && q.window.to !== OPEN_TO ? q.window.to : null,
    minWorkers: MIN_WORKERS,
    rows,
    margins,
    costs: costLines(lattice, q, costs),
  };
}
