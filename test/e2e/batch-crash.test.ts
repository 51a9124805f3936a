import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { cohortCsv } from '../helpers/cohorts.js';
import { openSqliteStore } from '../../src/adapters/sqlite/sqlite-store.js';
import { checkIssuanceConsistency } from '../../src/services/cohorts/batch-consistency.js';

/**
 * Crash safety of a cohort commit on a real server process: SIGKILL at random points of a
 * 1,000-row commit, again and again; after each kill the database (opened while the server is
 * down) must hold the invariant (every status index accounted for), and on restart the commit
 * resumes by itself (or on re-commit). At the end: 1,000 rows, 1,000 distinct certificates,
 * each issued exactly once.
 */
const ROWS = 1000;
const KILLS = 5;

describe('a cohort commit killed with SIGKILL again and again', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it(`ends with each of ${ROWS} rows issued exactly once and every status index accounted for`, async () => {
    const port = await freePort();
    server = await startServerProcess({
      PORT: String(port),
      SKILLPASS_PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    const { dataDir } = server;
    const env = {
      PORT: String(port),
      SKILLPASS_PUBLIC_URL: `http://127.0.0.1:${port}`,
      SKILLPASS_DATA_DIR: dataDir,
    };
    const token = server.output().match(/Token for centre kh-ntti: (\S+)/)![1]!;
    const auth = { authorization: `Bearer ${token}` };
    const url = () => server!.url;

    const preview = await (
      await fetch(`${url()}/batches`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/csv' },
        body: cohortCsv(ROWS, 'Crash'),
      })
    ).json();
    expect(preview.counts).toMatchObject({ total: ROWS, valid: ROWS });
    // a poll answered 503 overloaded (the server sheds load while it issues on a busy machine) is retried, as Retry-After asks
    const status = async (): Promise<any> => {
      for (let attempt = 0; ; attempt++) {
        const r = await fetch(`${url()}/batches/${preview.id}`, { headers: auth });
        const b = await r.json();
        if (r.status === 200) return b;
        if (r.status !== 503 || attempt >= 50) throw new Error(`${r.status} ${JSON.stringify(b)}`);
        await new Promise((done) => setTimeout(done, 200));
      }
    };
    const commit = await fetch(`${url()}/batches/${preview.id}/commit`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': `commit-${preview.id}` },
    });
    expect(commit.status).toBe(202);

    const killedAt: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      // a random point: right after start-up (resuming), or after a random stretch of issuing
      const target = kill === 2 ? 0 : Math.floor(Math.random() * 600) + 50;
      const issuedBefore = (await status()).counts.issued;
      const deadline = Date.now() + 30_000;
      while (target > 0 && Date.now() < deadline) {
        const s = await status();
        if (
          s.state === 'completed' ||
          s.counts.issued - issuedBefore >= Math.min(target, (ROWS - issuedBefore) / 3)
        )
          break;
        await new Promise((r) => setTimeout(r, 20 + Math.random() * 60));
      }
      const s = await status();
      expect(s.state, `kill ${kill + 1} came too late: the batch finished`).toBe('committing');
      server.child.kill('SIGKILL');
      await new Promise((r) => server!.child.once('exit', r));
      killedAt.push(s.counts.issued);

      // the server is dead: the database holds the invariant as it is
      const store = openSqliteStore(join(dataDir, 'skillpass.sqlite'));
      try {
        const check = await checkIssuanceConsistency({ store });
        expect(check.unaccountedAllocations).toEqual([]);
        expect(check.issuedRowsWithoutCertificate).toEqual([]);
        expect((await store.repos.batches.get(preview.id))!.state).toBe('committing');
      } finally {
        await store.close();
      }

      server = await startServerProcess(env);
      // the server resumes on its own; every other time the centre also re-commits (the CLI's resume)
      if (kill % 2 === 1) {
        const again = await fetch(`${url()}/batches/${preview.id}/commit`, { method: 'POST', headers: auth });
        expect(again.status).toBe(202);
      }
    }

    const deadline = Date.now() + 90_000;
    let final = await status();
    while (final.state !== 'completed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      final = await status();
    }
    expect(final.counts).toMatchObject({ total: ROWS, valid: ROWS, issued: ROWS, failed: 0, pending: 0 });
    expect(killedAt.length).toBe(KILLS);

    const rows = (await (await fetch(`${url()}/batches/${preview.id}/rows`, { headers: auth })).json()).rows;
    expect(new Set(rows.map((r: { certificateId: string }) => r.certificateId)).size).toBe(ROWS);
    // the certificate ids are the ones decided at upload, before anything was signed
    expect(rows.map((r: { certificateId: string }) => r.certificateId)).toEqual(
      preview.rows.map((r: { certificateId: string }) => r.certificateId),
    );
    const v = await (
      await fetch(`${url()}/verifications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: rows[ROWS - 1].certificateId }),
      })
    ).json();
    expect(v.outcome).toBe('valid');
    await server.stop();

    const store = openSqliteStore(join(dataDir, 'skillpass.sqlite'));
    try {
      const check = await checkIssuanceConsistency({ store });
      expect(check).toMatchObject({ ok: true, unaccountedAllocations: [], issuedRowsWithoutCertificate: [] });
      const ids = store.db
        .prepare('SELECT certificate_id FROM batch_rows WHERE batch_id = ?')
        .pluck()
        .all(preview.id) as string[];
      const stored = store.db
        .prepare(
          `SELECT COUNT(*) FROM certificates WHERE id IN (SELECT certificate_id FROM batch_rows WHERE batch_id = ?)`,
        )
        .pluck()
        .get(preview.id);
      expect(stored).toBe(ROWS);
      // exactly one issuance each in the audit log, and no certificate for these workers outside the batch
      const issuedEntries = (await store.repos.audit.all()).filter(
        (e) => e.action === 'certificate.issued' && (e.details as { batch?: string }).batch === preview.id,
      );
      expect(issuedEntries).toHaveLength(ROWS);
      expect(new Set(issuedEntries.map((e) => e.subject))).toEqual(new Set(ids));
      expect(
        store.db.prepare("SELECT COUNT(*) FROM certificates WHERE serialized LIKE '%Crash %'").pluck().get(),
      ).toBe(ROWS);
      expect(store.db.prepare('SELECT COUNT(*) FROM status_allocations').pluck().get()).toBe(ROWS);
    } finally {
      await store.close();
    }
  }, 240_000);
});
