import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './problem-errors.js';

/**
 * Back-pressure at the door: when the event loop falls behind (mean delay over the last
 * window above the limit), new requests get 503 + Retry-After instead of joining
 * an ever-longer queue. Liveness and readiness are always answered. A window without
 * samples counts as healthy (@fastify/under-pressure treats it as infinitely late, which
 * refuses every request in the first second after start-up).
 */
export interface OverloadOptions {
  maxEventLoopDelayMs: number;
  windowMs?: number;
  /** the lag measured over the window just ended, in ms (tests pass their own) */
  probe?: () => number;
}

function eventLoopLag(): () => number {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return () => {
    const mean = histogram.mean / 1e6 - 10;
    histogram.reset();
    return mean;
  };
}

export function registerOverloadGuard(app: FastifyInstance, o: OverloadOptions): void {
  const probe = o.probe ?? eventLoopLag();
  let overloaded = false;
  const timer = setInterval(() => {
    const lag = probe();
    overloaded = Number.isFinite(lag) && lag > o.maxEventLoopDelayMs;
  }, o.windowMs ?? 500);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
  });
  app.addHook('onRequest', async (request, reply) => {
    if (overloaded && request.url !== '/health' && request.url !== '/ready') {
      return sendProblem(
        reply.header('retry-after', '1'),
        'overloaded',
        'The service is overloaded; retry in a second.',
      );
    }
    return undefined;
  });
}
