import { csvDocument } from '../csv-text.js';
import { COUNT_MEASURES } from './statistics-cube.js';
import type { ProgrammeStatistics, StatisticsRow } from './statistics-report.js';

/**
 * GET /statistics as CSV (Accept: text/csv or ?format=csv): the rows of the asked table, one
 * line each; a withheld figure is an empty cell. Wage medians get one column per currency
 * ("medianWageAtPlacement THB"), so no line repeats a count and a column sum stays a sum.
 */
const WAGE_COLUMNS = [
  ['medianAtPlacement', 'medianWageAtPlacement'],
  ['medianAtFollowUp', 'medianWageAtFollowUp'],
  ['medianChange', 'medianWageChange'],
] as const;

export function statisticsCsv(stats: ProgrammeStatistics): string {
  const currencies = [...new Set(stats.rows.flatMap((r) => r.wages.map((w) => w.currency)))].sort();
  const header = [
    ...stats.groupBy,
    ...COUNT_MEASURES,
    'placementRate',
    'retentionRate6',
    'retentionRate12',
    ...currencies.flatMap((c) => WAGE_COLUMNS.map(([, name]) => `${name} ${c}`)),
  ];
  const line = (r: StatisticsRow) => [
    ...stats.groupBy.map((d) => r.key[d] ?? ''),
    ...COUNT_MEASURES.map((m) => r[m]),
    r.placementRate,
    r.retentionRate6,
    r.retentionRate12,
    ...currencies.flatMap((c) => {
      const w = r.wages.find((x) => x.currency === c);
      return WAGE_COLUMNS.map(([field]) => (w ? w[field] : null));
    }),
  ];
  return csvDocument([header, ...stats.rows.map(line)]);
}
