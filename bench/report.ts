import { mkdirSync, writeFileSync } from 'node:fs';
import type { Measurement } from './stats.js';

export interface Row { name: string; m: Measurement; extra?: Record<string, unknown> }

const num = (v: number | null, digits: number): string => (v === null || Number.isNaN(v) ? '–' : v.toFixed(digits));

/** The Markdown table, every rate also as a ratio to the baseline row measured in the same run. */
export function markdownTable(baseline: Row, rows: Row[], raw: Row): string {
  const ratio = (m: Measurement) => `${(m.opsPerSec / baseline.m.opsPerSec).toFixed(2)}×`;
  const lines = [
    '| measurement | ops/s | p50 ms | p99 ms | ratio to stock verifyCredential |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...[baseline, ...rows].map((r) => `| ${r.name} | ${num(r.m.opsPerSec, 1)} | ${num(r.m.p50Ms, 2)} | ${num(r.m.p99Ms, 2)} | ${ratio(r.m)} |`),
  ];
  return `${lines.join('\n')}\n\n${raw.name}: ${num(raw.m.opsPerSec, 0)} verifies/s (${ratio(raw.m)} the baseline)`;
}

export function writeJson(file: URL, meta: Record<string, unknown>, baseline: Row, rows: Row[], raw: Row): void {
  const entry = (r: Row) => ({
    name: r.name, opsPerSec: r.m.opsPerSec, p50Ms: r.m.p50Ms, p99Ms: r.m.p99Ms, count: r.m.count, seconds: r.m.seconds,
    ratioToBaseline: r.m.opsPerSec / baseline.m.opsPerSec, ...r.extra,
  });
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...meta, baseline: entry(baseline), measurements: rows.map(entry), rawEd25519: entry(raw) }, null, 2)}\n`);
}
