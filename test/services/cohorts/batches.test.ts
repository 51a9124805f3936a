import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  batchRows,
  batchStatus,
  commitBatch,
  existingCertificate,
  listBatches,
  MAX_BATCH_ROWS,
  ownBatch,
  previewBatch,
  requestOf,
} from '../../../src/services/cohorts/batches.js';
import { issueCertificate, type CertifyRequest } from '../../../src/services/issuance/issue-certificate.js';
import { changeStatus } from '../../../src/services/issuance/status-lists.js';
import type { RowRequest } from '../../../src/domain/batch-rows.js';
import { brickRequest, startTestHub, type TestHub } from '../../helpers/test-hub.js';
import { ADMIN, KH_ISSUER, TH_ISSUER, audited, authorityOf, rejects } from '../../helpers/service-calls.js';
import { cohortRow, cohortRows } from '../../helpers/cohort-rows.js';

/** Cohort upload, preview and commit (src/services/cohorts/batches.ts); the issuing itself: ./batch-runner.test.ts. */
describe('cohorts', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  const holder = (name: string, birthDate: string) => ({ holder: { name, birthDate } });
  const certify = async (name: string, birthDate: string) =>
    (await issueCertificate(hub.ctx, KH_ISSUER, brickRequest(holder(name, birthDate)) as CertifyRequest)).id;
  const noStart = () => undefined;

  it('only a testing centre uploads, at least one row and at most the maximum, nothing stored when refused', async () => {
    for (const actor of [ADMIN, authorityOf('TH')])
      await rejects(previewBatch(hub.ctx, actor, cohortRows(1), { source: 'json' }), 'forbidden');
    await rejects(
      previewBatch(hub.ctx, { ...KH_ISSUER, spoke: 'closed-centre' }, cohortRows(1), { source: 'json' }),
      'forbidden',
    );
    expect(
      (await rejects(previewBatch(hub.ctx, KH_ISSUER, [], { source: 'csv' }), 'validation-failed')).details,
    ).toEqual({ field: 'rows' });
    const tooMany = Array.from({ length: MAX_BATCH_ROWS + 1 }, (_, i) => cohortRow(i + 1, `W ${i}`));
    expect(
      (await rejects(previewBatch(hub.ctx, KH_ISSUER, tooMany, { source: 'csv' }), 'validation-failed'))
        .details,
    ).toEqual({ field: 'rows' });
    expect(await listBatches(hub.ctx, KH_ISSUER)).toEqual([]);
    await rejects(listBatches(hub.ctx, ADMIN), 'forbidden');
  });

  it('the preview reports every problem per row and column; only clean rows are pending, each with its certificate id', async () => {
    await certify('Already Certified', '1990-01-04');
    const revoked = await certify('Revoked Before', '1990-01-06');
    await changeStatus(hub.ctx, KH_ISSUER, { credentialId: revoked, purpose: 'revocation', status: true });
    const rows = [
      cohortRow(1, 'Clean Worker'),
      cohortRow(2, 'Wrong Qualification', { qualification: 'TH-WIRING-1' }),
      cohortRow(3, 'Clean Worker', { holderBirthDate: '1990-01-02' }), // the same worker as row 1
      cohortRow(4, 'Already Certified', { holderBirthDate: '1990-01-04' }),
      cohortRow(5, 'Revoked Before', { holderBirthDate: '1990-01-06' }),
      cohortRow(6, 'Bad Date', { assessmentDate: '2026-13-01' }),
      { ...cohortRow(7, 'Bad Upload'), errors: [{ column: 'extra', code: 'unknown-column', message: 'x' }] },
    ];
    const preview = await previewBatch(hub.ctx, KH_ISSUER, rows, {
      source: 'csv',
      format: 'vc+jwt',
      warnings: ['w'],
    });
    expect(preview).toMatchObject({
      state: 'previewed',
      format: 'vc+jwt',
      qr: 'url',
      source: 'csv',
      warnings: ['w'],
      counts: { total: 7, valid: 2, invalid: 5, pending: 2, issued: 0, failed: 0 },
    });
    const codes = Object.fromEntries(preview.rows.map((r) => [r.row, r.errors.map((e) => e.code)]));
    expect(codes).toEqual({
      1: [],
      2: ['not-accredited'],
      3: ['duplicate-in-cohort'],
      4: ['already-certified'],
      5: [],
      6: ['invalid-date'],
      7: ['unknown-column'],
    });
    expect(preview.errors.find((e) => e.row === 6)).toMatchObject({ line: 7, column: 'assessmentDate' });
    for (const r of preview.rows) {
      expect(r.state, String(r.row)).toBe(codes[r.row]!.length === 0 ? 'pending' : 'invalid');
      expect(r.certificateId !== null, String(r.row)).toBe(r.state === 'pending');
    }
    // nothing is signed or allocated by a preview
    for (const r of preview.rows.filter((x) => x.certificateId))
      expect(await hub.ctx.store.repos.statusLists.allocationFor(r.certificateId!)).toBeUndefined();
    expect((await audited(hub.ctx, 'batch.created')).at(-1)).toMatchObject({
      subject: preview.id,
      details: { spoke: 'kh-ntti', rows: 7, valid: 2, invalid: 5, source: 'csv' },
    });
    expect(await batchRows(hub.ctx, KH_ISSUER, preview.id)).toEqual(preview.rows);
  });

  it("a centre's batch is its own: another centre, an admin or a malformed id finds nothing", async () => {
    const { id } = await previewBatch(hub.ctx, KH_ISSUER, cohortRows(1, 'Own'), { source: 'json' });
    expect((await ownBatch(hub.ctx, KH_ISSUER, id.toUpperCase())).id).toBe(id);
    expect((await batchStatus(hub.ctx, KH_ISSUER, id)).counts.pending).toBe(1);
    await rejects(ownBatch(hub.ctx, TH_ISSUER, id), 'not-found');
    await rejects(batchStatus(hub.ctx, TH_ISSUER, id), 'not-found');
    await rejects(ownBatch(hub.ctx, ADMIN, id), 'forbidden');
    for (const bad of ['nothing', `${id}x`, "' OR 1=1 --"])
      await rejects(ownBatch(hub.ctx, KH_ISSUER, bad), 'not-found');
    expect((await listBatches(hub.ctx, KH_ISSUER)).map((b) => b.id)).toContain(id);
    expect((await listBatches(hub.ctx, TH_ISSUER)).map((b) => b.id)).not.toContain(id);
  });

  it('commit moves a preview to committing and starts it; again resumes it; a completed batch is left as it is', async () => {
    const { id } = await previewBatch(hub.ctx, KH_ISSUER, cohortRows(2, 'Commit'), { source: 'json' });
    const started: string[] = [];
    const first = await commitBatch(hub.ctx, KH_ISSUER, id, (b) => started.push(b));
    expect(first).toMatchObject({
      state: 'committing',
      committedAt: '2026-11-20T10:00:00Z',
      counts: { pending: 2 },
    });
    expect(started).toEqual([id]);
    expect((await audited(hub.ctx, 'batch.committed')).at(-1)).toMatchObject({
      subject: id,
      details: { pending: 2 },
    });
    await commitBatch(hub.ctx, KH_ISSUER, id, (b) => started.push(b));
    expect(started).toEqual([id, id]);
    expect((await audited(hub.ctx, 'batch.resumed')).at(-1)?.subject).toBe(id);
    await hub.ctx.store.repos.batches.markCompleted(id, '2026-11-20T10:00:00Z');
    const resumed = (await audited(hub.ctx, 'batch.resumed')).length;
    expect((await commitBatch(hub.ctx, KH_ISSUER, id, (b) => started.push(b))).state).toBe('completed');
    expect(started).toHaveLength(2);
    expect(await audited(hub.ctx, 'batch.resumed')).toHaveLength(resumed);
    await rejects(commitBatch(hub.ctx, TH_ISSUER, id, noStart), 'not-found');
  });

  it('requestOf rebuilds the request a stored row stands for, with the batch format; a row no longer valid is refused', () => {
    const req = requestOf(
      { format: 'vc+jwt', qr: 'credential' },
      cohortRow(1, 'Sok Dara', { qualification: 'th-brick-1' }).cells,
    );
    expect(req).toMatchObject({
      qualification: 'TH-BRICK-1',
      holder: { name: 'Sok Dara' },
      format: 'vc+jwt',
      qr: 'credential',
    });
    let code: unknown;
    try {
      requestOf({ format: 'di', qr: 'url' }, { ...cohortRow(1, 'x').cells, result: 'not yet competent' });
    } catch (err) {
      code = (err as { code?: unknown }).code;
    }
    expect(code).toBe('validation-failed');
  });

  it('existingCertificate counts a certificate that is neither revoked nor expired, other than the one excepted', async () => {
    const id = await certify('Counted Worker', '1991-03-03');
    const request = {
      qualification: 'TH-BRICK-1',
      holder: { name: 'Counted Worker', birthDate: '1991-03-03' },
      assessment: { date: '2026-11-18', language: 'km', result: 'competent' },
    } as RowRequest;
    const repos = hub.ctx.store.repos;
    expect(await existingCertificate(repos, 'kh-ntti', request, '2026-11-20T10:00:00Z')).toBe(id);
    expect(await existingCertificate(repos, 'kh-ntti', request, '2026-11-20T10:00:00Z', id)).toBeUndefined();
    expect(await existingCertificate(repos, 'th-bkk-itc', request, '2026-11-20T10:00:00Z')).toBeUndefined();
    expect(await existingCertificate(repos, 'kh-ntti', request, '2032-01-01T00:00:00Z')).toBeUndefined();
    await changeStatus(hub.ctx, KH_ISSUER, { credentialId: id, purpose: 'revocation', status: true });
    expect(await existingCertificate(repos, 'kh-ntti', request, '2026-11-20T10:00:00Z')).toBeUndefined();
  });
});
