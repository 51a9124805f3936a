import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpRequest, runLoad } from '../../bench/load-generator.js';

/** The bench's load generator counts what the service answered, so its counting is tested like product code. */
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function echoServer(
  handler?: (body: string, res: import('node:http').ServerResponse) => void,
): Promise<number> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      if (handler) return handler(body, res);
      const answer = JSON.stringify({
        got: body,
        method: req.method,
        url: req.url,
        type: req.headers['content-type'] ?? null,
      });
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) })
        .end(answer);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return (server!.address() as AddressInfo).port;
}

describe('bench load generator', () => {
  it('sends each distinct body exactly once and sees every response whole, over several connections', async () => {
    const port = await echoServer();
    const bodies = Array.from({ length: 500 }, (_, i) => JSON.stringify({ n: i, pad: 'ສ'.repeat(i % 97) }));
    const seen: string[] = [];
    const r = await runLoad({
      host: '127.0.0.1',
      port,
      connections: 7,
      amount: bodies.length,
      request: (i) =>
        httpRequest(
          'POST',
          '/verifications',
          `127.0.0.1:${port}`,
          { 'content-type': 'application/json' },
          bodies[i],
        ),
      onResponse: (status, body) => {
        expect(status).toBe(200);
        seen.push((JSON.parse(body) as { got: string }).got);
      },
    });
    expect(r.responses).toBe(500);
    expect(r.errors).toBe(0);
    expect(r.statusCodes).toEqual({ 200: 500 });
    expect(r.latenciesMs).toHaveLength(500);
    expect(seen.sort()).toEqual([...bodies].sort());
  });

  it('reports other statuses as they are, and paced runs send the amount asked for', async () => {
    const port = await echoServer((body, res) => {
      const status = Number(body) % 2 === 0 ? 200 : 503;
      res.writeHead(status, { 'content-length': 2 }).end('ok');
    });
    const statuses: number[] = [];
    const r = await runLoad({
      host: '127.0.0.1',
      port,
      connections: 3,
      amount: 40,
      rate: 400,
      request: (i) => httpRequest('POST', '/', `127.0.0.1:${port}`, {}, String(i)),
      onResponse: (status) => statuses.push(status),
    });
    expect(r.responses).toBe(40);
    expect(r.statusCodes).toEqual({ 200: 20, 503: 20 });
    expect(statuses).toHaveLength(40);
  });

  it('fails the run when the server drops a connection with a request in flight', async () => {
    const port = await echoServer((_body, res) => {
      res.socket?.destroy();
    });
    await expect(
      runLoad({
        host: '127.0.0.1',
        port,
        connections: 2,
        amount: 10,
        request: () => httpRequest('GET', '/', `127.0.0.1:${port}`, {}),
        onResponse: () => undefined,
      }),
    ).rejects.toThrow(/closed a connection/);
  });

  it('builds requests with a byte-exact content-length', () => {
    const bytes = httpRequest('POST', '/x', 'h:1', { 'content-type': 'application/json' }, '"ຂ"').toString();
    expect(bytes).toMatch(/^POST \/x HTTP\/1\.1\r\nhost: h:1\r\n/);
    expect(bytes).toContain('content-length: 5\r\n\r\n"ຂ"');
  });
});
