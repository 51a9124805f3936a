import { httpRequest, runLoad } from './load-generator.js';
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

export interface HttpMeasurement extends Measurement {
  responses: number;
  statusCodes: Record<string, number>;
  /** CPU the load generator itself spent per request (it shares the machine's cores with the service) */
  loadGeneratorMicrosPerRequest: number;
}

/** One run of bench/load-generator.ts; throws if any response had another status, a bad body, an error or a timeout. */
async function once(spec: LoadSpec, seconds: number): Promise<HttpMeasurement> {
  let good = 0;
  let bad = 0;
  let firstBad: string | undefined;
  const { hostname, port, host } = new URL(spec.url);
  const headers = {
    ...((spec.body ?? spec.bodies) ? { 'content-type': 'application/json' } : {}),
    ...spec.headers,
  };
  const fixed = spec.bodies ? undefined : httpRequest(spec.method, spec.path, host, headers, spec.body);
  const bodies = spec.bodies;
  const result = await runLoad({
    host: hostname,
    port: Number(port),
    connections: spec.connections,
    request: bodies ? (i) => httpRequest(spec.method, spec.path, host, headers, bodies[i]) : () => fixed!,
    ...(bodies ? { amount: bodies.length } : { seconds }),
    ...(spec.rate ? { rate: spec.rate } : {}),
    onResponse: (status, body) => {
      if (status === spec.status && spec.bodyOk(body)) good++;
      else {
        bad++;
        firstBad ??= `${status} ${body.slice(0, 300)}`;
      }
    },
  });
  const problems = [
    bad > 0 ? `${bad} bad responses (first: ${firstBad})` : '',
    result.errors > 0 ? `${result.errors} connection errors` : '',
    good === 0 ? 'no responses at all' : '',
  ].filter(Boolean);
  if (problems.length > 0)
    throw new Error(
      `${spec.method} ${spec.path}: ${problems.join('; ')}; status codes ${JSON.stringify(result.statusCodes)}`,
    );
  return {
    opsPerSec: good / result.seconds,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    count: good,
    responses: good,
    seconds: result.seconds,
    statusCodes: result.statusCodes,
    loadGeneratorMicrosPerRequest: result.cpuMicrosPerRequest,
  };
}

/** A short warm-up run (checked the same way), then the measured run. With distinct bodies, the caller warms up with its own. */
export async function measureHttp(spec: LoadSpec): Promise<HttpMeasurement> {
  if (spec.warmupSeconds && !spec.bodies) await once(spec, spec.warmupSeconds);
  return once(spec, spec.seconds);
}
