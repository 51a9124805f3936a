import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * CPU time of a server process by thread, from /proc (Linux): the main thread (the event
 * loop: HTTP, the checks, SQL) apart from its other threads (libuv's pool checking JWT
 * signatures, the proof worker pool, V8's helpers). Per request, with the load generator's own
 * figure, it shows where a rate's ceiling is: two cores give 2,000,000 µs of CPU a second.
 */
export interface CpuSnapshot {
  mainMicros: number;
  otherMicros: number;
}

const TICK_MICROS = 1_000_000 / 100; // USER_HZ is 100 on Linux

export function cpuOf(pid: number): CpuSnapshot | undefined {
  try {
    let main = 0;
    let other = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      } catch {
        continue;
      } // a thread that just ended
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const micros = (Number(fields[11]) + Number(fields[12])) * TICK_MICROS; // utime + stime
      if (tid === String(pid)) main += micros;
      else other += micros;
    }
    return { mainMicros: main, otherMicros: other };
  } catch {
    return undefined; // not Linux: no per-thread figures
  }
}

export interface CpuPerRequest {
  serverMainMicros: number;
  serverOtherMicros: number;
  loadGeneratorMicros: number;
  ceilingPerSec: number;
}

/** Per-request CPU between two snapshots, and the rate the machine's cores could carry at that cost. */
export function perRequest(
  before: CpuSnapshot | undefined,
  after: CpuSnapshot | undefined,
  requests: number,
  loadGeneratorMicros: number,
): CpuPerRequest | undefined {
  if (!before || !after || requests === 0) return undefined;
  const serverMainMicros = (after.mainMicros - before.mainMicros) / requests;
  const serverOtherMicros = (after.otherMicros - before.otherMicros) / requests;
  const total = serverMainMicros + serverOtherMicros + loadGeneratorMicros;
  return {
    serverMainMicros,
    serverOtherMicros,
    loadGeneratorMicros,
    ceilingPerSec: (availableParallelism() * 1_000_000) / total,
  };
}
