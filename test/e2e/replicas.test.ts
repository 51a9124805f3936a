import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { startServerProcess, freePort, type ServerProcess } from '../helpers/server-process.js';
import { freshPostgresDatabase, postgresAvailable } from '../helpers/test-database.js';
import { verifyChain, type AuditEntry } from '../../src/domain/audit-chain.js';

/**
 * Two real service processes on different ports, one PostgreSQL database: replicas of one
 * hub behind a load balancer (same public URL, same operator key). Runs in the postgres project.
 */
describe.skipIf(!postgresAvailable())('two replicas against one PostgreSQL', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let centre: string;
  const admin = `admin-${randomBytes(16).toString('hex')}`;
  const H = { 'content-type': 'application/json' };

  beforeAll(async () => {
    db = await freshPostgresDatabase();
    const portA = await freePort();
    const env = {
      SKILLPASS_DATABASE_URL: db.url,
      SKILLPASS_PUBLIC_URL: `http://127.0.0.1:${portA}`,
      SKILLPASS_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SKILLPASS_ADMIN_TOKEN: admin,
    };
    // started together, as an orchestrator would: one seeds, the other finds the hub seeded
    [a, b] = await Promise.all([
      startServerProcess({ ...env, PORT: String(portA) }),
      startServerProcess(env),
    ]);
    centre = (a.output() + b.output()).match(/Token for centre kh-ntti: (\S+)/)![1]!;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  const post = (s: ServerProcess, path: string, body: unknown, token?: string) =>
    fetch(`${s.url}${path}`, {
      method: 'POST',
      headers: { ...H, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const certify = (s: ServerProcess, name = 'Sok Dara') =>
    post(
      s,
      '/certificates',
      {
        qualification: 'TH-BRICK-1',
        holder: { name, birthDate: '1995-04-12' },
        assessment: { date: '2026-11-18', language: 'km', result: 'competent' },
      },
      centre,
    );

  it('both are ready and report PostgreSQL; exactly one seeded', async () => {
    for (const s of [a, b])
      expect(await (await fetch(`${s.url}/ready`)).json()).toEqual({ status: 'ready', database: 'postgres' });
    expect([a, b].filter((s) => s.output().includes('demo registry seeded'))).toHaveLength(1);
  });

  it('issue on A, verify on B; revoke on B, A sees it at once', async () => {
    const issued = await (await certify(a)).json();
    const onB = await (await post(b, '/verifications', { id: issued.id })).json();
    expect(onB.outcome).toBe('valid');
    const revoke = await post(
      b,
      '/credentials/status',
      {
        credentialId: issued.id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        status: true,
      },
      centre,
    );
    expect(revoke.status).toBe(200);
    const onA = await (await post(a, '/verifications', { credential: issued.credential })).json();
    expect(onA.checks.find((c: any) => c.id === 'status')).toMatchObject({
      outcome: 'invalid',
      code: 'revoked',
    });
    // the status list A serves is re-signed with B's change
    const listUrl = new URL(issued.credential.credentialStatus.statusListCredential);
    const list = await (await fetch(`${a.url}${listUrl.pathname}`)).json();
    expect(list.credentialSubject.encodedList).toBeTruthy();
  });

  it('an accreditation change on A decides issuance on B at once', async () => {
    const accId = (await (await fetch(`${a.url}/registry/spokes/th-bkk-itc`)).json()).accreditations[0].id;
    const bkk = (a.output() + b.output()).match(/Token for centre th-bkk-itc: (\S+)/)![1]!;
    const res = await post(
      a,
      `/registry/spokes/th-bkk-itc/accreditations/${accId}/changes`,
      { kind: 'suspended', effectiveFrom: new Date().toISOString().slice(0, 10), reason: 'replica test' },
      admin,
    );
    expect(res.status).toBe(201);
    const refused = await post(
      b,
      '/certificates',
      {
        qualification: 'TH-BRICK-1',
        holder: { name: 'X', birthDate: '1990-01-01' },
        assessment: { date: '2026-11-18', language: 'th', result: 'competent' },
      },
      bkk,
    );
    expect(refused.status).toBe(403);
  });

  it('1,000 concurrent issuances split across both yield 1,000 distinct status indexes and one unbroken audit chain', async () => {
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        certify(i % 2 ? a : b, `Worker ${i}`).then(async (r) => ({ status: r.status, body: await r.json() })),
      ),
    );
    expect(results.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
    const slots = new Set(
      results.map(
        (r) =>
          `${r.body.credential.credentialStatus.statusListCredential}#${r.body.credential.credentialStatus.statusListIndex}`,
      ),
    );
    expect(slots.size).toBe(1000);
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const rows = (await client.query('SELECT * FROM audit_log ORDER BY seq')).rows;
    await client.end();
    const entries: AuditEntry[] = rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      details: JSON.parse(r.details),
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    expect(verifyChain(entries).ok).toBe(true);
    expect(entries.filter((e) => e.action === 'certificate.issued').length).toBeGreaterThanOrEqual(1000);
  }, 180_000);
});
