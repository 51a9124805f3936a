import { connect, type Socket } from 'node:net';
import { percentile } from './stats.js';

/**
 * A lean HTTP/1.1 keep-alive load generator on raw sockets. On a 2-core machine the load
 * generator shares the cores with the service it measures: autocannon spent 70-100 µs of CPU
 * per request with distinct bodies (measured from /proc), as much as a whole JWT verification
 * is allowed to cost. This one writes prebuilt request bytes and reads only the status line,
 * Content-Length and the body (about 10-20 µs per request; every run reports its own figure).
 *
 * Each response is checked (status and a body test). Latency runs from the moment a request
 * was due, not when it was written: in a paced run a request that waits for a free connection
 * counts its wait (no coordinated omission).
 */
export interface LoadRun {
  host: string;
  port: number;
  connections: number;
  /** request bytes for the i-th request (called once per request, in order) */
  request: (i: number) => Buffer;
  /** how many requests, or until `seconds` have passed */
  amount?: number;
  seconds?: number;
  /** a fixed overall request rate (requests/s) instead of as fast as possible */
  rate?: number;
  onResponse: (status: number, body: string) => void;
  timeoutMs?: number;
}

export interface LoadResult {
  responses: number;
  seconds: number;
  latenciesMs: Float64Array;
  p50Ms: number;
  p99Ms: number;
  statusCodes: Record<string, number>;
  errors: number;
  cpuMicrosPerRequest: number;
}

/** Builds the bytes of one request. */
export function httpRequest(
  method: string,
  path: string,
  host: string,
  headers: Record<string, string>,
  body?: string,
): Buffer {
  const bodyBytes = body === undefined ? undefined : Buffer.from(body);
  const lines = [
    `${method} ${path} HTTP/1.1`,
    `host: ${host}`,
    'connection: keep-alive',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (bodyBytes) lines.push(`content-length: ${bodyBytes.length}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  return bodyBytes ? Buffer.concat([head, bodyBytes]) : head;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/** Parses responses off one socket; calls back with status and body for each complete one. */
class ResponseReader {
  private buffer: Buffer = Buffer.alloc(0);
  constructor(private readonly onResponse: (status: number, body: string) => void) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf(CRLF2);
      if (end < 0) return;
      const head = this.buffer.toString('latin1', 0, end);
      const status = Number(head.slice(9, 12));
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!m) throw new Error(`response without content-length: ${head.slice(0, 200)}`);
      const total = end + 4 + Number(m[1]);
      if (this.buffer.length < total) return;
      const body = this.buffer.toString('utf8', end + 4, total);
      this.buffer = this.buffer.subarray(total);
      this.onResponse(status, body);
    }
  }
}

export async function runLoad(run: LoadRun): Promise<LoadResult> {
  const amount = run.amount ?? Number.POSITIVE_INFINITY;
  const deadline = run.seconds !== undefined ? run.seconds * 1000 : Number.POSITIVE_INFINITY;
  if (!Number.isFinite(amount) && !Number.isFinite(deadline)) throw new Error('give an amount or seconds');
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let issued = 0;
  let responses = 0;
  let errors = 0;
  let lastResponseAt = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const interval = run.rate ? 1000 / run.rate : 0;
  const dueAt = (i: number) => started + i * interval;
  const moreToSend = () => issued < amount && performance.now() - started < deadline;

  const sockets: Socket[] = [];
  const idle: Socket[] = [];
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  let timer: NodeJS.Timeout | undefined;

  const sendOn = (socket: Socket & { sentAt?: number }) => {
    const i = issued++;
    socket.sentAt = interval ? dueAt(i) : performance.now();
    socket.write(run.request(i));
  };
  const maybeFinish = () => {
    if (responses === issued && !moreToSend()) finish();
  };
  /** paced: hand every request that is due to an idle connection */
  const pump = () => {
    timer = undefined;
    const now = performance.now();
    while (idle.length > 0 && moreToSend() && dueAt(issued) <= now) sendOn(idle.pop()!);
    if (moreToSend()) timer = setTimeout(pump, Math.max(0, Math.min(5, dueAt(issued) - performance.now())));
    else maybeFinish();
  };

  await Promise.all(
    Array.from(
      { length: run.connections },
      () =>
        new Promise<void>((resolve, reject) => {
          const socket = connect({ host: run.host, port: run.port }, () => {
            socket.setNoDelay(true);
            resolve();
          }) as Socket & { sentAt?: number };
          socket.once('error', reject);
          const reader = new ResponseReader((status, body) => {
            const now = performance.now();
            latencies.push(now - socket.sentAt!);
            lastResponseAt = now;
            responses++;
            statusCodes[status] = (statusCodes[status] ?? 0) + 1;
            run.onResponse(status, body);
            if (interval) {
              idle.push(socket);
              if (timer) clearTimeout(timer);
              pump();
            } else if (moreToSend()) sendOn(socket);
            else maybeFinish();
          });
          socket.on('data', (chunk: Buffer) => {
            try {
              reader.push(chunk);
            } catch (e) {
              fail(e as Error);
            }
          });
          socket.on('close', () => {
            if (responses < issued) {
              errors++;
              fail(new Error('the server closed a connection with a request in flight'));
            }
          });
          socket.setTimeout(run.timeoutMs ?? 30_000, () => {
            errors++;
            fail(new Error('a request timed out'));
          });
          sockets.push(socket);
        }),
    ),
  );
  for (const socket of sockets)
    socket.removeAllListeners('error').on('error', (e) => {
      errors++;
      fail(e);
    });

  try {
    if (interval) {
      idle.push(...sockets);
      pump();
    } else for (const s of sockets) if (moreToSend()) sendOn(s);
    await done;
  } finally {
    if (timer) clearTimeout(timer);
    for (const s of sockets) s.destroy();
  }
  const cpu = process.cpuUsage(cpu0);
  const sorted = Float64Array.from(latencies).sort();
  const asList = Array.from(sorted);
  return {
    responses,
    seconds: ((Number.isFinite(amount) ? lastResponseAt : performance.now()) - started) / 1000,
    latenciesMs: sorted,
    p50Ms: percentile(asList, 50),
    p99Ms: percentile(asList, 99),
    statusCodes,
    errors,
    cpuMicrosPerRequest: (cpu.user + cpu.system) / Math.max(1, responses),
  };
}
