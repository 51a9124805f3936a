import { DEFAULT_SIZES, measureStatistics, statisticsTable } from './statistics.js';

/**
 * `npm run bench:statistics`: the programme statistics benchmark alone (bench/statistics.ts).
 * SKILLPASS_BENCH_STATISTICS_SCALE (default 1) scales the data, e.g. 0.05 for a quick try.
 */
const scale = Number(process.env.SKILLPASS_BENCH_STATISTICS_SCALE ?? '1');
const sizes = {
  certificates: Math.round(DEFAULT_SIZES.certificates * scale),
  placements: Math.round(DEFAULT_SIZES.placements * scale),
  events: Math.round(DEFAULT_SIZES.events * scale),
};
const result = await measureStatistics((msg) => process.stderr.write(`bench: ${msg}\n`), sizes);
console.log(`\n${statisticsTable(result)}`);
