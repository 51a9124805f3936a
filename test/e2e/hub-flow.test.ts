import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, startServerProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * The whole flow as users meet it, over a real port against the real server process
 * (started the way `npm start` starts it) on a real SQLite file.
 */
describe('end to end over HTTP', () => {
  let server: ServerProcess;
  const adminToken = 'e2e-admin-token-abcdefghijklmnop';
  const json = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
    const res = await fetch(`${server.url}${path}`, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type') ?? '',
      body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text(),
    };
  };

  beforeAll(async () => {
    server = await startServerProcess({ SKILLPASS_ADMIN_TOKEN: adminToken });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("starts seeded, prints the demo centres' tokens, and warns about the demo key", () => {
    expect(server.output()).toContain('Token for centre kh-ntti: sp_issuer_');
    expect(server.output()).toContain('DEMO MODE');
    expect(server.output()).toContain('Admin token: from SKILLPASS_ADMIN_TOKEN');
    expect(server.output()).not.toContain(adminToken);
  });

  it('admin registers a qualification and a centre, accredits it; the centre certifies; anyone verifies', async () => {
    const q = await json('/registry/qualifications', {
      token: adminToken,
      body: {
        code: 'TH-PLASTER-2',
        title: { en: 'Plastering, level 2', th: 'ช่างฉาบปูน ระดับ 2' },
        country: 'TH',
        framework: 'TH-TPQF',
        level: 2,
        isco08: '7123',
        validityYears: 5,
      },
    });
    expect(q.status).toBe(201);
    expect(q.body.aqrfLevel).toBe(2);
    const spoke = await json('/registry/spokes', {
      token: adminToken,
      body: { slug: 'kh-btb', name: 'Demo Battambang Centre', country: 'KH' },
    });
    expect(spoke.status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const acc = await json('/registry/spokes/kh-btb/accreditations', {
      token: adminToken,
      body: { qualifications: ['TH-PLASTER-2'], validFrom: '2026-01-01', validUntil: '2099-12-31' },
    });
    expect(acc.status).toBe(201);

    const issued = await json('/certificates', {
      token: spoke.body.token,
      body: {
        qualification: 'TH-PLASTER-2',
        holder: { name: 'Chan Sophea', documentNumber: 'N1234567' },
        assessment: { date: today, language: 'km', result: 'competent' },
      },
    });
    expect(issued.status).toBe(201);
    expect(issued.body.verifyUrl.startsWith(server.url)).toBe(true);

    const byId = await json('/verifications', { body: { id: issued.body.id } });
    expect(byId.body.outcome).toBe('valid');
    const byObject = await json('/verifications', { body: { credential: issued.body.credential } });
    expect(byObject.body.checks.map((c: any) => `${c.id}:${c.outcome}`)).toEqual([
      'well-formed:valid',
      'proof:valid',
      'issuer:valid',
      'accreditation:valid',
      'level:valid',
      'validity:valid',
      'status:valid',
    ]);

    const did = await json(`/spokes/kh-btb/did.json`);
    expect(did.body.id).toBe(spoke.body.did);
    const qr = await fetch(issued.body.qrUrl);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    const page = await json(new URL(issued.body.verifyUrl).pathname);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('Valid certificate');
    expect(page.body).toContain('Chan Sophea');

    // the CLI verifies the same credential offline against the local registry
    const file = join(server.dataDir, 'cert.json');
    writeFileSync(file, JSON.stringify(issued.body.credential));
    const env = { SKILLPASS_DATA_DIR: server.dataDir, PORT: new URL(server.url).port };
    const ok = await runCli(['verify', file], env);
    expect(ok.stdout).toContain('outcome: VALID');
    expect(ok.code).toBe(0);
    const forged = {
      ...issued.body.credential,
      credentialSubject: { ...issued.body.credential.credentialSubject, name: 'Someone Else' },
    };
    writeFileSync(file, JSON.stringify(forged));
    const bad = await runCli(['verify', file, '--json'], env);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).checks[1]).toMatchObject({ id: 'proof', outcome: 'invalid' });

    const audit = await runCli(['audit-verify'], env);
    expect(audit.stdout).toMatch(/audit chain intact: \d+ entries/);
  });

  it('wrong tokens and malformed bodies are refused over the wire too', async () => {
    expect(
      (await json('/registry/spokes', { token: 'nope', body: { slug: 'x-y', name: 'x', country: 'TH' } }))
        .status,
    ).toBe(401);
    const res = await fetch(`${server.url}/verifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"credential":',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('keeps its data across a restart: the same certificates still verify', async () => {
    const issued = await json('/certificates', {
      token: server.output().match(/Token for centre kh-ntti: (\S+)/)![1],
      body: {
        qualification: 'TH-BRICK-1',
        holder: { name: 'Sok Dara', birthDate: '1995-04-12' },
        assessment: { date: '2026-11-18', language: 'km', result: 'competent' },
      },
    });
    expect(issued.status).toBe(201);
    await server.stop();
    // the public URL (here its port) is the hub's did:web identity, so it restarts on the same one
    server = await startServerProcess({
      SKILLPASS_ADMIN_TOKEN: adminToken,
      SKILLPASS_DATA_DIR: server.dataDir,
      PORT: new URL(server.url).port,
    });
    expect(server.output()).not.toContain('demo registry seeded');
    expect(server.output()).toContain('Token for centre kh-ntti: sp_issuer_');
    expect((await json('/verifications', { body: { id: issued.body.id } })).body.outcome).toBe('valid');
  });
});

describe('CLI', () => {
  it('keygen prints a did:key and a JWK; --operator a 32-byte key', async () => {
    const k = await runCli(['keygen'], {});
    expect(JSON.parse(k.stdout).did).toMatch(/^did:key:z6Mk/);
    const op = await runCli(['keygen', '--operator'], {});
    expect(Buffer.from(op.stdout.trim(), 'base64')).toHaveLength(32);
  });
});
