import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIssuanceConsistency } from '../../../src/services/cohorts/batch-consistency.js';
import { commitBatch, previewBatch } from '../../../src/services/cohorts/batches.js';
import { allocateStatusMany } from '../../../src/services/issuance/status-lists.js';
import { startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { KH_ISSUER } from '../../helpers/service-calls.js';
import { cohortRows } from '../../helpers/cohort-rows.js';

/**
 * The issuance invariant (src/services/cohorts/batch-consistency.ts), with the breaches a crash
 * could leave made by hand: the crash tests (test/e2e) check it after real kills.
 */
describe('checkIssuanceConsistency', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  const now = '2026-11-20T10:00:00Z';
  let batches = 0;
  /** a committing batch of `n` rows, its rows' indexes allocated as a chunk's first step would */
  const committing = async (n: number, allocate = true) => {
    const preview = await previewBatch(hub.ctx, KH_ISSUER, cohortRows(n, `Batch ${++batches}`), {
      source: 'json',
    });
    await commitBatch(hub.ctx, KH_ISSUER, preview.id, () => undefined);
    const ids = preview.rows.map((r) => r.certificateId!);
    if (allocate)
      await hub.ctx.store.transaction((tx) => allocateStatusMany(tx, hub.ctx.publicUrl, 'kh-ntti', ids, now));
    return { id: preview.id, ids };
  };

  it('a new hub is consistent', async () => {
    expect(await checkIssuanceConsistency(hub.ctx)).toMatchObject({
      ok: true,
      unaccountedAllocations: [],
      abandonedAllocations: [],
      issuedRowsWithoutCertificate: [],
    });
  });

  it('indexes held by pending rows of a committing batch are accounted for; once the batch is no longer committing they are not', async () => {
    const { id, ids } = await committing(2);
    expect((await checkIssuanceConsistency(hub.ctx)).ok).toBe(true);
    await hub.ctx.store.repos.batches.markCompleted(id, now);
    const report = await checkIssuanceConsistency(hub.ctx);
    expect(report.ok).toBe(false);
    expect(report.unaccountedAllocations.map((a) => a.certificateId).sort()).toEqual([...ids].sort());
    expect(report.abandonedAllocations).toEqual([]);
    for (const certificateId of ids) await hub.ctx.store.repos.statusLists.release(certificateId);
    expect((await checkIssuanceConsistency(hub.ctx)).ok).toBe(true);
  });

  it('a row marked issued without its certificate breaks the invariant', async () => {
    const { id, ids } = await committing(1, false);
    expect((await checkIssuanceConsistency(hub.ctx)).ok).toBe(true);
    await hub.ctx.store.repos.batches.finishRow(id, 1, 'issued');
    const report = await checkIssuanceConsistency(hub.ctx);
    expect(report.ok).toBe(false);
    expect(report.unaccountedAllocations).toEqual([]);
    expect(report.issuedRowsWithoutCertificate).toEqual([{ batchId: id, row: 1, certificateId: ids[0] }]);
  });
});
