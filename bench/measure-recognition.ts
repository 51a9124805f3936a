import { postJson } from './http-client.js';
import type { Measurement } from './stats.js';

/**
 * Bulk recognition: one POST /recognition/check with `credentials.length` distinct certificates
 * (each verified in full, then decided against the demo agreements), timed end to end.
 * The rate is certificates per second; every decision must be "recognised".
 */
export async function measureBulkRecognition(
  url: string,
  token: string,
  credentials: (Record<string, unknown> | string)[],
): Promise<Measurement> {
  const started = performance.now();
  const { status, json } = await postJson(
    `${url}/recognition/check`,
    { destination: 'TH', certificates: credentials },
    token,
  );
  const seconds = (performance.now() - started) / 1000;
  const summary = json.summary as Record<string, number> | undefined;
  if (status !== 200 || summary?.recognised !== credentials.length)
    throw new Error(`bulk recognition: ${status} ${JSON.stringify(summary ?? json).slice(0, 500)}`);
  return {
    opsPerSec: credentials.length / seconds,
    p50Ms: null,
    p99Ms: null,
    count: credentials.length,
    seconds,
  };
}
