import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { certifyDemoWorker, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * First start explains itself: after the tokens, `npm start` names the next three things to try,
 * each with a URL that answers 200: the verification page of the newest certificate (demo mode,
 * once there is one), the scanner and the OpenAPI document.
 */
const tryNext = (output: string): string[] => {
  const lines = output.split('\n');
  const at = lines.indexOf('Try next:');
  expect(at, output).toBeGreaterThanOrEqual(0);
  return lines.slice(at + 1, at + 4);
};
const urlOf = (line: string): string | undefined => /(https?:\/\/\S+)$/.exec(line)?.[1];

describe('first start names what to try next', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    if (server) rmSync(server.dataDir, { recursive: true, force: true });
  });

  it("on a fresh demo hub: the demo pilot's data is seeded once, and the newest certificate's page, the scanner and the OpenAPI page answer; after a restart it is the newest certificate's page", async () => {
    // as `npm start` runs it: with the demo pilot's certificates, placements and follow-ups
    server = await startServerProcess({ SKILLPASS_ADMIN_TOKEN: '', SKILLPASS_SEED_DEMO_OUTCOMES: 'true' });
    expect(server.output()).toMatch(
      /Demo data \(invented\): 156 certificates of the KH-TH construction pilot, 156 placements, \d+ employer follow-ups, \d+ worker survey answers/,
    );
    const employer = /Token for employer TH \(demo\): (\S+)/.exec(server.output())?.[1];
    const placements = await fetch(`${server.url}/placements?limit=500`, {
      headers: { authorization: `Bearer ${employer}` },
    });
    expect(((await placements.json()) as { items: unknown[] }).items).toHaveLength(156);
    const [first, scan, docs] = tryNext(server.output()) as [string, string, string];
    expect(first).toMatch(/^ {2}1\. the verification page of the newest certificate/);
    expect(urlOf(scan)).toBe(`${server.url}/scan`);
    expect(docs).toContain(`OpenAPI: ${server.url}/docs`);
    for (const url of [urlOf(first)!, urlOf(scan)!, urlOf(docs)!])
      expect((await fetch(url)).status, url).toBe(200);

    const { verifyUrl } = await certifyDemoWorker(server);

    const { dataDir, url } = server;
    await server.stop();
    server = await startServerProcess({
      SKILLPASS_ADMIN_TOKEN: '',
      SKILLPASS_SEED_DEMO_OUTCOMES: 'true',
      SKILLPASS_DATA_DIR: dataDir,
      PORT: new URL(url).port,
    });
    expect(server.output()).not.toContain('Demo data'); // seeded once: the second start adds nothing
    const lines = tryNext(server.output());
    expect(urlOf(lines[0]!)).toBe(verifyUrl);
    for (const line of lines) {
      const res2 = await fetch(urlOf(line)!);
      expect(res2.status, line).toBe(200);
      if (line === lines[0]) expect(await res2.text()).toContain('Sok Dara');
    }
  }, 240_000);

  it('outside demo mode no certificate is named (its page names a real worker, and start-up output goes to logs)', async () => {
    const real = await startServerProcess({
      SKILLPASS_ADMIN_TOKEN: 'x'.repeat(40),
      SKILLPASS_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      SKILLPASS_SEED_DEMO: 'true',
    });
    try {
      const token = /Token for centre kh-ntti: (\S+)/.exec(real.output())?.[1];
      expect(token, real.output()).toBeDefined();
      const res = await fetch(`${real.url}/certificates`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          qualification: 'TH-BRICK-1',
          holder: { name: 'Sok Dara', birthDate: '1995-04-12' },
          assessment: { date: '2026-11-20', language: 'km', result: 'competent' },
        }),
      });
      expect(res.status).toBe(201);
      await real.stop();
      const again = await startServerProcess({
        SKILLPASS_ADMIN_TOKEN: 'x'.repeat(40),
        SKILLPASS_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
        SKILLPASS_DATA_DIR: real.dataDir,
        PORT: new URL(real.url).port,
      });
      try {
        expect(tryNext(again.output())[0]).toMatch(/certify a worker/);
        expect(again.output()).not.toMatch(/\/v\/[0-9a-f-]{36}/);
      } finally {
        await again.stop();
      }
    } finally {
      await real.stop();
      rmSync(real.dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
