import type { Dimension } from '../../domain/outcomes/statistics-cube.js';
import type { WageMedianFact } from '../../domain/outcomes/statistics-report.js';
import type {
  AqrfBand,
  ProgrammeCost,
  RawFineCount,
  StatisticEvent,
  StatisticsRepository,
  WageScope,
} from '../../services/ports.js';
import { nullable, type Row } from './row-mappers.js';
import type { SqlExec } from './shared-repositories.js';

/**
 * Programme statistics (migration 011): GROUP BY aggregations written once for both engines
 * (portable SQL: substr, ||, CAST, CASE, COUNT(DISTINCT), window functions). Counts come at the
 * finest level (centre, qualification, AQRF level, destination, quarter); the suppression and
 * the coarser tables are built from them in src/domain/outcomes/statistics-cube.ts.
 */

/** "2026-Q3" from an ISO day or instant column, on both engines */
const quarterSql = (col: string) =>
  `substr(${col}, 1, 4) || '-Q' || CAST((CAST(substr(${col}, 6, 2) AS INTEGER) + 2) / 3 AS TEXT)`;

/**
 * A certificate's AQRF level: its qualification's level under the referencing in force on its
 * certification day, as bands [from, until) computed from the registry by the service. Levels
 * are integers written into the SQL (checked), the codes and days are parameters.
 */
function aqrfSql(bands: readonly AqrfBand[], issuedAt: string): { sql: string; params: unknown[] } {
  if (bands.length === 0) return { sql: 'CAST(NULL AS INTEGER)', params: [] };
  const params: unknown[] = [];
  const branches = bands.map((b) => {
    if (b.level !== null && !Number.isInteger(b.level)) throw new RangeError(`AQRF level ${b.level}`);
    const conditions = ['c.qualification = ?'];
    params.push(b.qualification);
    if (b.from) {
      conditions.push(`${issuedAt} >= ?`);
      params.push(b.from);
    }
    if (b.until) {
      conditions.push(`${issuedAt} < ?`);
      params.push(b.until);
    }
    return `WHEN ${conditions.join(' AND ')} THEN ${b.level === null ? 'CAST(NULL AS INTEGER)' : b.level}`;
  });
  return { sql: `CASE ${branches.join(' ')} ELSE CAST(NULL AS INTEGER) END`, params };
}

const INSERT_EVENT_SQL = `INSERT INTO statistic_events (kind, certificate_ref, centre, qualification, aqrf_level, destination, checked_on, outcome)
  SELECT ?, ?, c.spoke, c.qualification, CAST(? AS INTEGER), ?, ?, ? FROM certificates c WHERE c.id = ?`;
const INSERT_COST_SQL =
  'INSERT INTO programme_costs (id, programme, quarter, amount, currency, note, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
const COSTS_SQL = 'SELECT * FROM programme_costs WHERE programme = ? ORDER BY quarter, recorded_at, id';
const ALL_COSTS_SQL = 'SELECT * FROM programme_costs ORDER BY quarter, recorded_at, id';

const toCost = (r: Row): ProgrammeCost => {
  const note = nullable(r.note);
  return {
    id: String(r.id),
    programme: String(r.programme),
    quarter: String(r.quarter),
    amount: Number(r.amount),
    currency: String(r.currency),
    ...(note !== null ? { note } : {}),
    recordedAt: String(r.recorded_at),
    recordedBy: String(r.recorded_by),
  };
};

const level = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function fine(r: Row, measure: RawFineCount['measure'], count: unknown): RawFineCount {
  return {
    centre: String(r.centre),
    origin: String(r.origin),
    qualification: String(r.qualification),
    aqrfLevel: level(r.aqrf),
    destination: r.destination === null || r.destination === undefined ? null : String(r.destination),
    quarter: String(r.quarter),
    measure,
    count: Number(count),
  };
}

const RECOGNITION_MEASURES: Record<string, RawFineCount['measure']> = {
  recognised: 'recognised',
  'recognised-with-conditions': 'recognisedWithConditions',
  'not-recognised': 'notRecognised',
  indeterminate: 'recognitionIndeterminate',
};

/** The per-placement values whose medians are published, with the placement's dimensions. */
const WAGE_VALUES = {
  atPlacement: { join: '', currency: 'p.wage_currency', value: 'CAST(p.wage_amount AS NUMERIC)' },
  atFollowUp: {
    join: 'f.wage_amount IS NOT NULL',
    currency: 'f.wage_currency',
    value: 'CAST(f.wage_amount AS NUMERIC)',
  },
  change: {
    join: 'f.wage_amount IS NOT NULL AND f.wage_currency = p.wage_currency',
    currency: 'p.wage_currency',
    value: 'CAST(f.wage_amount AS NUMERIC) - CAST(p.wage_amount AS NUMERIC)',
  },
} as const;

const DIMENSION_COLUMN: Record<Dimension, string> = {
  corridor: 'corridor',
  qualification: 'qualification',
  aqrfLevel: 'aqrf',
  centre: 'centre',
  quarter: 'quarter',
};

export function statisticsRepository(ex: SqlExec): StatisticsRepository {
  return {
    recordEvents: async (events) => {
      if (events.length === 0) return;
      await ex.atomically(
        events.map((e: StatisticEvent) => ({
          sql: INSERT_EVENT_SQL,
          params: [
            e.kind,
            e.certificateRef,
            e.aqrfLevel,
            e.destination ?? '',
            e.checkedOn,
            e.outcome,
            e.certificateId,
          ],
        })),
      );
    },

    dataVersion: async () => {
      const r = (
        await ex.all(`SELECT (SELECT COUNT(*) FROM certificates) AS c, (SELECT COUNT(*) FROM placements) AS p,
          (SELECT COUNT(*) FROM placement_follow_ups) AS f, (SELECT COUNT(*) FROM statistic_events) AS e,
          (SELECT COUNT(*) FROM spokes) AS s`)
      )[0]!;
      return [r.c, r.p, r.f, r.e, r.s].map(Number).join('.');
    },

    fineCounts: async (bands) => {
      const out: RawFineCount[] = [];
      const certAqrf = aqrfSql(bands, 'c.issued_at');
      const certified = await ex.all(
        `SELECT c.spoke AS centre, s.country AS origin, c.qualification AS qualification, ${certAqrf.sql} AS aqrf,
          NULL AS destination, ${quarterSql('c.issued_at')} AS quarter, COUNT(*) AS n
        FROM certificates c JOIN spokes s ON s.slug = c.spoke GROUP BY 1, 2, 3, 4, 6`,
        certAqrf.params,
      );
      for (const r of certified) out.push(fine(r, 'certified', r.n));
      const placed = await ex.all(
        `SELECT c.spoke AS centre, s.country AS origin, c.qualification AS qualification, ${certAqrf.sql} AS aqrf,
          p.destination AS destination, ${quarterSql('p.start_date')} AS quarter, COUNT(*) AS n
        FROM placements p JOIN certificates c ON c.id = p.certificate_id JOIN spokes s ON s.slug = c.spoke
        GROUP BY 1, 2, 3, 4, 5, 6`,
        certAqrf.params,
      );
      for (const r of placed) out.push(fine(r, 'placed', r.n));
      const followed = await ex.all(
        `SELECT c.spoke AS centre, s.country AS origin, c.qualification AS qualification, ${certAqrf.sql} AS aqrf,
          p.destination AS destination, ${quarterSql('p.start_date')} AS quarter, f.month AS month,
          COUNT(*) AS n, SUM(f.still_employed) AS retained
        FROM placement_follow_ups f JOIN placements p ON p.id = f.placement_id
          JOIN certificates c ON c.id = p.certificate_id JOIN spokes s ON s.slug = c.spoke
        WHERE f.month IN (6, 12) GROUP BY 1, 2, 3, 4, 5, 6, 7`,
        certAqrf.params,
      );
      for (const r of followed) {
        const month = Number(r.month) === 6 ? 6 : 12;
        out.push(fine(r, `followedUp${month}`, r.n), fine(r, `retained${month}`, r.retained));
      }
      const events = await ex.all(
        `SELECT e.centre AS centre, s.country AS origin, e.qualification AS qualification, e.aqrf_level AS aqrf,
          e.destination AS destination, ${quarterSql('e.checked_on')} AS quarter, e.kind AS kind,
          CASE WHEN e.kind = 'recognition' THEN e.outcome ELSE '' END AS outcome,
          COUNT(DISTINCT e.certificate_ref) AS n
        FROM statistic_events e JOIN spokes s ON s.slug = e.centre GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      );
      for (const r of events) {
        const measure = r.kind === 'verification' ? 'verified' : RECOGNITION_MEASURES[String(r.outcome)];
        if (measure) out.push(fine({ ...r, destination: r.destination || 'unknown' }, measure, r.n));
      }
      return out;
    },

    wageMedians: async (dims, bands, scope: WageScope) => {
      const aqrf = aqrfSql(bands, 'c.issued_at');
      const where: string[] = [];
      const whereParams: unknown[] = [];
      if (scope.corridors) {
        if (scope.corridors.length === 0) return [];
        where.push(`s.country || '-' || p.destination IN (${scope.corridors.map(() => '?').join(', ')})`);
        whereParams.push(...scope.corridors);
      }
      if (scope.window) {
        where.push('p.start_date >= ? AND p.start_date < ?');
        whereParams.push(scope.window.first, scope.window.next);
      }
      const chosen = dims.map((d) => DIMENSION_COLUMN[d]);
      const partition = [...chosen, 'cur'].join(', ');
      const out: WageMedianFact[] = [];
      for (const [measure, w] of Object.entries(WAGE_VALUES) as [
        WageMedianFact['measure'],
        (typeof WAGE_VALUES)[keyof typeof WAGE_VALUES],
      ][]) {
        // the latest follow-up that reports a wage
        const join = w.join
          ? `JOIN placement_follow_ups f ON f.placement_id = p.id AND ${w.join} AND f.month =
              (SELECT MAX(g.month) FROM placement_follow_ups g WHERE g.placement_id = p.id AND g.wage_amount IS NOT NULL)`
          : '';
        // the median per cell and currency: the middle one or two values by ROW_NUMBER
        const rows = await ex.all(
          `SELECT ${[...chosen, 'cur'].join(', ')}, AVG(v) AS median, MAX(n) AS n FROM (
            SELECT b.*, ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY v) AS rn,
              COUNT(*) OVER (PARTITION BY ${partition}) AS n
            FROM (SELECT s.country || '-' || p.destination AS corridor, c.qualification AS qualification,
                ${aqrf.sql} AS aqrf, c.spoke AS centre, ${quarterSql('p.start_date')} AS quarter,
                ${w.currency} AS cur, ${w.value} AS v
              FROM placements p JOIN certificates c ON c.id = p.certificate_id JOIN spokes s ON s.slug = c.spoke ${join}
              ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) b
          ) w WHERE rn * 2 >= n AND rn * 2 <= n + 2 GROUP BY ${partition}`,
          [...aqrf.params, ...whereParams],
        );
        for (const r of rows) {
          const key: WageMedianFact['key'] = {};
          for (const d of dims) {
            const v = r[DIMENSION_COLUMN[d]];
            key[d] = v === null || v === undefined ? '' : String(v);
          }
          out.push({
            key,
            currency: String(r.cur),
            measure,
            median: Math.round(Number(r.median) * 100) / 100,
            workers: Number(r.n),
          });
        }
      }
      return out;
    },

    insertCost: async (c) => {
      await ex.run(INSERT_COST_SQL, [
        c.id,
        c.programme,
        c.quarter,
        String(c.amount),
        c.currency,
        c.note ?? null,
        c.recordedAt,
        c.recordedBy,
      ]);
    },
    costs: async (programme) =>
      (programme === undefined ? await ex.all(ALL_COSTS_SQL) : await ex.all(COSTS_SQL, [programme])).map(
        toCost,
      ),
  };
}
