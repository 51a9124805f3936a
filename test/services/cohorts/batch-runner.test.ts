import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchRunner } from '../../../src/services/cohorts/batch-runner.js';
import { commitBatch, previewBatch } from '../../../src/services/cohorts/batches.js';
import { checkIssuanceConsistency } from '../../../src/services/cohorts/batch-consistency.js';
import { issueCertificate, type CertifyRequest } from '../../../src/services/issuance/issue-certificate.js';
import { changeAccreditation } from '../../../src/services/registry/accreditation-lifecycle.js';
import { markKeyCompromised } from '../../../src/services/registry/key-lifecycle.js';
import type { HubContext } from '../../../src/services/hub-context.js';
import type { Principal } from '../../../src/services/access/tokens.js';
import { brickRequest, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, KH_ISSUER, TH_ISSUER, audited } from '../../helpers/service-calls.js';
import { cohortRow, cohortRows } from '../../helpers/cohort-rows.js';
import type { UploadedRow } from '../../../src/services/cohorts/batches.js';

/** The commit of a cohort, row by row and exactly once (src/services/cohorts/batch-runner.ts). */
describe('BatchRunner', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  /** previews `rows` and commits them with `runner`, resolving when the runner is done with the batch */
  const run = async (
    runner: BatchRunner,
    rows: UploadedRow[],
    actor: Principal = KH_ISSUER,
    before?: () => Promise<void>,
  ) => {
    const preview = await previewBatch(hub.ctx, actor, rows, { source: 'json' });
    await before?.();
    await commitBatch(hub.ctx, actor, preview.id, runner.start);
    await runner.idle(preview.id);
    return {
      preview,
      rows: await hub.ctx.store.repos.batches.rows(preview.id),
      batch: (await hub.ctx.store.repos.batches.get(preview.id))!,
    };
  };
  const runner = (ctx: HubContext = hub.ctx) => new BatchRunner(ctx, { chunkSize: 2, restRatio: 0 });

  it('issues every pending row under the certificate id stored with it, in chunks, then completes the batch', async () => {
    const r = runner();
    const progress: string[] = [];
    r.progress.on('progress', (id: string) => progress.push(id));
    const { preview, rows, batch } = await run(r, cohortRows(5, 'Runner'));
    expect(batch.state).toBe('completed');
    expect(rows.map((x) => x.state)).toEqual(Array(5).fill('issued'));
    for (const row of rows) {
      expect(row.certificateId).toBe(preview.rows.find((p) => p.row === row.row)!.certificateId);
      expect((await hub.ctx.store.repos.certificates.get(row.certificateId!))?.spoke).toBe('kh-ntti');
    }
    // three chunks of at most two rows, then completion
    expect(progress.filter((id) => id === preview.id).length).toBeGreaterThanOrEqual(4);
    const issued = (await audited(hub.ctx, 'certificate.issued')).filter(
      (e) => e.details.batch === preview.id,
    );
    expect(issued.map((e) => e.details.row).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await audited(hub.ctx, 'batch.completed')).at(-1)).toMatchObject({
      subject: preview.id,
      details: { issued: 5, failed: 0, invalid: 0 },
    });
    expect((await checkIssuanceConsistency(hub.ctx)).ok).toBe(true);
  });

  it('a worker certified between preview and commit: the row fails as already-certified, holding no index', async () => {
    const { rows } = await run(
      runner(),
      [cohortRow(1, 'Raced Worker'), cohortRow(2, 'Other Worker')],
      KH_ISSUER,
      async () => {
        await issueCertificate(
          hub.ctx,
          KH_ISSUER,
          brickRequest({ holder: { name: 'Raced Worker', birthDate: '1990-01-02' } }) as CertifyRequest,
        );
      },
    );
    expect(rows.map((x) => [x.state, x.failure?.code ?? null])).toEqual([
      ['failed', 'already-certified'],
      ['issued', null],
    ]);
    expect(await hub.ctx.store.repos.statusLists.allocationFor(rows[0]!.certificateId!)).toBeUndefined();
    expect(await hub.ctx.store.repos.certificates.get(rows[0]!.certificateId!)).toBeUndefined();
    expect((await checkIssuanceConsistency(hub.ctx)).ok).toBe(true);
  });

  it('the key reported compromised while a chunk is signed: its rows are signed again with the new key, none lost', async () => {
    let compromised = false;
    const real = hub.ctx.signer;
    const ctx: HubContext = {
      ...hub.ctx,
      signer: {
        signJwt: (...a) => real.signJwt(...a),
        signDataIntegrity: async (...a) => {
          if (!compromised) {
            compromised = true;
            await markKeyCompromised(
              hub.ctx,
              ADMIN,
              'th-bkk-itc',
              'key-1',
              '2026-11-01',
              'leaked during a commit',
            );
          }
          return real.signDataIntegrity(...a);
        },
      },
    };
    const { rows } = await run(runner(ctx), cohortRows(3, 'Rekeyed'), TH_ISSUER);
    expect(rows.map((x) => x.state)).toEqual(['issued', 'issued', 'issued']);
    for (const row of rows) {
      const stored = JSON.parse((await hub.ctx.store.repos.certificates.get(row.certificateId!))!.serialized);
      expect(stored.proof.verificationMethod).toMatch(/th-bkk-itc#key-2$/);
    }
    expect((await checkIssuanceConsistency(hub.ctx)).ok).toBe(true);
  });

  it('the key changing at every signature: after the last attempt the rows fail with a conflict and give their indexes back', async () => {
    let signatures = 0;
    const real = hub.ctx.signer;
    const ctx: HubContext = {
      ...hub.ctx,
      signer: {
        signJwt: (...a) => real.signJwt(...a),
        signDataIntegrity: async (...a) => {
          signatures++;
          const key = (await hub.ctx.store.repos.spokes.activeSigningKey('th-bkk-itc'))!;
          await markKeyCompromised(hub.ctx, ADMIN, 'th-bkk-itc', key.id, '2026-11-01', 'leaked again');
          return real.signDataIntegrity(...a);
        },
      },
    };
    const { rows, batch } = await run(runner(ctx), cohortRows(2, 'Unlucky'), TH_ISSUER);
    expect(batch.state).toBe('completed');
    expect(rows.map((x) => [x.state, x.failure?.code])).toEqual(Array(2).fill(['failed', 'conflict']));
    expect(signatures).toBe(2 * 3); // each row signed SIGNING_ATTEMPTS times
    for (const row of rows)
      expect(await hub.ctx.store.repos.statusLists.allocationFor(row.certificateId!)).toBeUndefined();
    expect((await checkIssuanceConsistency(hub.ctx)).ok).toBe(true);
  });

  it('stopped, a runner starts nothing: the batch stays committing and another runner resumes it', async () => {
    const stopped = runner();
    await stopped.stop();
    const preview = await previewBatch(hub.ctx, KH_ISSUER, cohortRows(2, 'Resumed'), { source: 'json' });
    await commitBatch(hub.ctx, KH_ISSUER, preview.id, stopped.start);
    await stopped.idle(preview.id);
    expect((await hub.ctx.store.repos.batches.get(preview.id))?.state).toBe('committing');
    // pending rows of a committing batch account for nothing yet: still consistent
    expect((await checkIssuanceConsistency(hub.ctx)).ok).toBe(true);
    const next = runner();
    expect(await next.resumeAll(true)).toContain(preview.id);
    await next.idle(preview.id);
    expect((await hub.ctx.store.repos.batches.get(preview.id))?.state).toBe('completed');
    expect((await hub.ctx.store.repos.batches.counts(preview.id)).issued).toBe(2);
  });

  it('an accreditation suspended between preview and commit: every row fails not-accredited and no index is kept', async () => {
    const [accreditation] = await hub.ctx.store.repos.spokes.accreditations('kh-ntti');
    const { rows, batch } = await run(runner(), cohortRows(3, 'Suspended'), KH_ISSUER, async () => {
      await changeAccreditation(hub.ctx, ADMIN, 'kh-ntti', accreditation!.id, {
        kind: 'suspended',
        effectiveFrom: '2026-11-20T09:00:00Z',
        reason: 'audit',
      });
    });
    expect(batch.state).toBe('completed');
    expect(rows.map((x) => [x.state, x.failure?.code])).toEqual(Array(3).fill(['failed', 'not-accredited']));
    for (const row of rows)
      expect(await hub.ctx.store.repos.statusLists.allocationFor(row.certificateId!)).toBeUndefined();
    expect((await checkIssuanceConsistency(hub.ctx)).ok).toBe(true);
  });
});
