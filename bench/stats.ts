/** A timed measurement: throughput and latency percentiles (ms). */
export interface Measurement {
  opsPerSec: number;
  p50Ms: number | null;
  p99Ms: number | null;
  count: number;
  seconds: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i]!;
}

/** Runs `op` sequentially (awaiting each call) for `seconds`, timing every call. */
export async function timeSequential(op: () => Promise<unknown>, seconds: number): Promise<Measurement> {
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  let t = start;
  while (t < end) {
    await op();
    const after = performance.now();
    latencies.push(after - t);
    t = after;
  }
  const elapsed = (t - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    opsPerSec: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    count: latencies.length,
    seconds: elapsed,
  };
}
