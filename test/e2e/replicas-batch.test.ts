import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { startServerProcess, freePort, type ServerProcess } from '../helpers/server-process.js';
import { freshPostgresDatabase, postgresAvailable } from '../helpers/test-database.js';
import { cohortCsv } from '../helpers/cohorts.js';
import { openPostgresStore } from '../../src/adapters/postgres/pg-store.js';
import { checkIssuanceConsistency } from '../../src/services/cohorts/batch-consistency.js';

/**
 * Two replicas on one PostgreSQL database: a cohort commit started on A, A killed (SIGKILL)
 * mid-way, the centre re-commits on B, which takes the batch over when A's lease lapses and
 * finishes it: every row issued exactly once, every status index accounted for.
 */
describe.skipIf(!postgresAvailable())('a cohort commit survives losing its replica', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let token: string;
  const ROWS = 600;

  beforeAll(async () => {
    db = await freshPostgresDatabase();
    const portA = await freePort();
    const env = {
      SKILLPASS_DATABASE_URL: db.url,
      SKILLPASS_PUBLIC_URL: `http://127.0.0.1:${portA}`,
      SKILLPASS_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SKILLPASS_ADMIN_TOKEN: `admin-${randomBytes(16).toString('hex')}`,
    };
    a = await startServerProcess({ ...env, PORT: String(portA) });
    b = await startServerProcess(env);
    token = (a.output() + b.output()).match(/Token for centre kh-ntti: (\S+)/)![1]!;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  it('A dies mid-batch; B finishes it; each row issued exactly once', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const preview = await (
      await fetch(`${a.url}/batches`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/csv' },
        body: cohortCsv(ROWS, 'Replica'),
      })
    ).json();
    expect(preview.counts.valid).toBe(ROWS);
    expect(
      (await fetch(`${a.url}/batches/${preview.id}/commit`, { method: 'POST', headers: auth })).status,
    ).toBe(202);
    const status = async (s: ServerProcess) =>
      (await fetch(`${s.url}/batches/${preview.id}`, { headers: auth })).json();
    for (let s = await status(b); s.counts.issued < 150; s = await status(b)) {
      expect(s.state).toBe('committing');
      await new Promise((r) => setTimeout(r, 50));
    }
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    const midway = await status(b);
    expect(midway.state).toBe('committing');
    expect(midway.counts.issued).toBeLessThan(ROWS);

    const store = await openPostgresStore(db.url, 2);
    try {
      expect((await checkIssuanceConsistency({ store })).ok).toBe(true);
      // the centre commits again on the replica that is left
      expect(
        (await fetch(`${b.url}/batches/${preview.id}/commit`, { method: 'POST', headers: auth })).status,
      ).toBe(202);
      const deadline = Date.now() + 120_000;
      let final = await status(b);
      while (final.state !== 'completed' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        final = await status(b);
      }
      expect(final.counts).toMatchObject({ issued: ROWS, failed: 0, pending: 0 });

      const check = await checkIssuanceConsistency({ store });
      expect(check).toMatchObject({ ok: true, unaccountedAllocations: [], issuedRowsWithoutCertificate: [] });
      const rows = await store.repos.batches.rows(preview.id);
      const ids = new Set(rows.map((r) => r.certificateId));
      expect(ids.size).toBe(ROWS);
      for (const id of [...ids].slice(0, 50)) expect(await store.repos.certificates.get(id!)).toBeDefined();
      const issued = (await store.repos.audit.all()).filter(
        (e) => e.action === 'certificate.issued' && (e.details as { batch?: string }).batch === preview.id,
      );
      expect(issued).toHaveLength(ROWS);
      expect(new Set(issued.map((e) => e.subject))).toEqual(ids);
      expect(await store.repos.certificates.count()).toBe(ROWS);
    } finally {
      await store.close();
    }
  }, 180_000);
});
