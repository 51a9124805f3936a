import { mkdirSync, writeFileSync } from 'node:fs';
import type { Measurement } from './stats.js';
import type { CpuPerRequest } from './measure-cpu.js';

export interface Row {
  name: string;
  m: Measurement;
  extra?: Record<string, unknown>;
}
/** Both stock baselines measured in the same run: proof only, and proof + status. */
export interface Baselines {
  proofOnly: Row;
  withStatus: Row;
}

const num = (v: number | null, digits: number): string =>
  v === null || Number.isNaN(v) ? '–' : v.toFixed(digits);
const ratio = (m: Measurement, baseline: Row) => m.opsPerSec / baseline.m.opsPerSec;

/** The Markdown table, every rate also as a ratio to each baseline row measured in the same run. */
export function markdownTable(b: Baselines, rows: Row[], raw: Row): string {
  const x = (m: Measurement, baseline: Row) => `${ratio(m, baseline).toFixed(2)}×`;
  const lines = [
    '| measurement | ops/s | p50 ms | p99 ms | ratio to stock verifyCredential (status not checked) | ratio to stock verifyCredential + checkStatus |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...[b.proofOnly, b.withStatus, ...rows].map(
      (r) =>
        `| ${r.name} | ${num(r.m.opsPerSec, 1)} | ${num(r.m.p50Ms, 2)} | ${num(r.m.p99Ms, 2)} | ${x(r.m, b.proofOnly)} | ${x(r.m, b.withStatus)} |`,
    ),
  ];
  return `${lines.join('\n')}\n\n${raw.name}: ${num(raw.m.opsPerSec, 0)} verifies/s (${x(raw.m, b.proofOnly)} the proof-only baseline)`;
}

/** CPU per request by where it was spent, and the rate two cores could carry at that cost (bench/measure-cpu.ts). */
export function cpuTable(rows: { name: string; cpu: CpuPerRequest; rate: number }[]): string {
  return [
    '| HTTP measurement | measured /s | server main thread µs/request | server other threads µs/request | load generator µs/request | ceiling of the cores at that cost /s |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      ({ name, cpu, rate }) =>
        `| ${name} | ${rate.toFixed(0)} | ${cpu.serverMainMicros.toFixed(0)} | ${cpu.serverOtherMicros.toFixed(0)} | ${cpu.loadGeneratorMicros.toFixed(0)} | ${cpu.ceilingPerSec.toFixed(0)} |`,
    ),
  ].join('\n');
}

export function writeJson(
  file: URL,
  meta: Record<string, unknown>,
  b: Baselines,
  rows: Row[],
  raw: Row,
): void {
  const entry = (r: Row) => ({
    name: r.name,
    opsPerSec: r.m.opsPerSec,
    p50Ms: r.m.p50Ms,
    p99Ms: r.m.p99Ms,
    count: r.m.count,
    seconds: r.m.seconds,
    ratioToBaseline: ratio(r.m, b.proofOnly),
    ratioToBaselineWithStatus: ratio(r.m, b.withStatus),
    ...r.extra,
  });
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ ...meta, baseline: entry(b.proofOnly), baselineWithStatus: entry(b.withStatus), measurements: rows.map(entry), rawEd25519: entry(raw) }, null, 2)}\n`,
  );
}
