import { readFileSync } from 'node:fs';
import { brickRequest, type HubSpec } from './hub.js';
import { spawnServer } from './spawn-server.js';
import { issueOverHttp } from './http-client.js';
import { measureHttp } from './measure-http.js';
import { sampleRss } from './measure-rss.js';

/**
 * Bounded memory (issue 18): a fresh service process issues `n` distinct certificates (half Data
 * Integrity, half JWT, over HTTP) and then verifies each of them once (POST /verifications, all
 * checks). Its resident memory is sampled throughout; the kernel's high-water mark (VmHWM, every
 * page the process ever had resident, between samples too) is read at the end. Target: < 300 MB.
 * SKILLPASS_BENCH_MEMORY_CERTS sets `n` (default 20,000; the run takes minutes on two cores).
 */
export const DEFAULT_MEMORY_CERTS = 20_000;

export function memoryCertsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.SKILLPASS_BENCH_MEMORY_CERTS;
  if (v === undefined || v === '') return DEFAULT_MEMORY_CERTS;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 2)
    throw new Error(`SKILLPASS_BENCH_MEMORY_CERTS must be an integer of at least 2, not "${v}"`);
  return n;
}

export interface MemoryRun {
  certificates: number;
  /** MB: the kernel's high-water mark of the service's resident memory over its whole life */
  peakRssMb: number;
  /** MB: the highest sampled RSS while issuing, and while verifying */
  issuingMb: number;
  verifyingMb: number;
  /** MB: resident at the end */
  endMb: number;
  seconds: number;
}

const statusMb = (pid: number, field: 'VmHWM' | 'VmRSS'): number =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) /
  1024;

export async function measureMemory(
  spec: HubSpec,
  centreToken: string,
  n: number,
  log: (m: string) => void,
  connections = 10,
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<MemoryRun> {
  const started = Date.now();
  // memory, not latency: the event-loop guard's 503s (a shared machine's stalls) would only end the run
  const server = await spawnServer(spec, 30_000, nodeArgs, {
    SKILLPASS_MAX_EVENT_LOOP_DELAY_MS: '60000',
    ...env,
  });
  try {
    const issuing = sampleRss(server.pid);
    const bodies: string[] = new Array(n);
    let next = 0;
    let done = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < n) {
          const i = next++;
          const format = i % 2 === 0 ? 'di' : 'vc+jwt';
          bodies[i] = JSON.stringify({
            credential: await issueOverHttp(
              server.url,
              centreToken,
              brickRequest(format, `Memory ${format} ${i}`),
            ),
          });
          if (++done % 2000 === 0)
            log(`memory: issued ${done}/${n}, service RSS ${statusMb(server.pid, 'VmRSS').toFixed(0)} MB`);
        }
      }),
    );
    const issuingMb = issuing.stop();
    const verifying = sampleRss(server.pid);
    await measureHttp({
      url: server.url,
      method: 'POST',
      path: '/verifications',
      bodies,
      status: 200,
      bodyOk: (b) => b.includes('"outcome":"valid"'),
      connections,
      seconds: 0,
    });
    const verifyingMb = verifying.stop();
    const run = {
      certificates: n,
      peakRssMb: statusMb(server.pid, 'VmHWM'),
      issuingMb,
      verifyingMb,
      endMb: statusMb(server.pid, 'VmRSS'),
      seconds: (Date.now() - started) / 1000,
    };
    log(
      `memory: ${n} issued and verified; service peak RSS ${run.peakRssMb.toFixed(0)} MB (issuing ${issuingMb.toFixed(0)}, verifying ${verifyingMb.toFixed(0)}, at the end ${run.endMb.toFixed(0)})`,
    );
    return run;
  } finally {
    await server.stop();
  }
}
