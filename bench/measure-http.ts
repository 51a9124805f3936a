import autocannon from 'autocannon';
import type { Measurement } from './stats.js';

export interface LoadSpec {
  url: string;
  method: 'POST' | 'GET';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** distinct bodies, each sent once (no repeats: no cache hit); the run ends when they are used up */
  bodies?: string[];
  /** a fixed request rate (requests/s over all connections) instead of as fast as possible */
  rate?: number;
  /** every response must have this status */
  status: number;
  /** and its body must pass this (cheap) test */
  bodyOk: (body: string) => boolean;
  connections: number;
  seconds: number;
  warmupSeconds?: number;
}

export interface HttpMeasurement extends Measurement { responses: number; statusCodes: Record<string, number> }

/** One autocannon run; throws if any response had another status, a bad body, an error or a timeout. */
async function once(spec: LoadSpec, seconds: number): Promise<HttpMeasurement> {
  let good = 0;
  let bad = 0;
  let firstBad: string | undefined;
  let nextBody = 0;
  const bodies = spec.bodies;
  const started = performance.now();
  let lastResponseAt = started;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(bodies ? { amount: bodies.length } : { duration: seconds }),
    ...(spec.rate ? { overallRate: spec.rate } : {}),
    timeout: 30,
    requests: [{
      method: spec.method, path: spec.path, body: spec.body ?? bodies?.[0],
      ...(bodies ? { setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[nextBody++ % bodies.length] }) } : {}),
      headers: { ...(spec.body ?? spec.bodies ? { 'content-type': 'application/json' } : {}), ...spec.headers },
      onResponse: (status, body) => {
        lastResponseAt = performance.now();
        if (status === spec.status && spec.bodyOk(body)) good++;
        else { bad++; firstBad ??= `${status} ${body.slice(0, 300)}`; }
      },
    }],
  });
  // autocannon's own average is over whole-second buckets, and a run of a fixed number of requests ends on its
  // one-second tick: a 2.4 s run of 2,000 requests would read 666/s or 1,000/s. Time to the last response instead.
  const elapsedSeconds = ((bodies ? lastResponseAt : performance.now()) - started) / 1000;
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const problems = [
    bad > 0 ? `${bad} bad responses (first: ${firstBad})` : '',
    result.errors > 0 ? `${result.errors} connection errors` : '',
    result.timeouts > 0 ? `${result.timeouts} timeouts` : '',
    good === 0 ? 'no responses at all' : '',
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`${spec.method} ${spec.path}: ${problems.join('; ')}; status codes ${JSON.stringify(statusCodes)}`);
  return {
    opsPerSec: good / elapsedSeconds, p50Ms: result.latency.p50, p99Ms: result.latency.p99,
    count: good, responses: good, seconds: elapsedSeconds, statusCodes,
  };
}

/** A short warm-up run (checked the same way), then the measured run. With distinct bodies, the caller warms up with its own. */
export async function measureHttp(spec: LoadSpec): Promise<HttpMeasurement> {
  if (spec.warmupSeconds && !spec.bodies) await once(spec, spec.warmupSeconds);
  return once(spec, spec.seconds);
}
