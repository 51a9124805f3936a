import { randomUUID } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import type { BatchCounts, BatchRecord, BatchRowRecord, Repositories } from '../ports.js';
import { IssuanceLookups, type CertifyRequest } from '../issuance/issue-certificate.js';
import { revocationOf } from '../issuance/status-lists.js';
import { SkillPassError } from '../../domain/errors.js';
import { dayOf } from '../../domain/dates.js';
import { mayCertify } from '../issuance/certification-gate.js';
import { holderKeys } from '../../domain/holder-key.js';
import {
  checkRow,
  cohortDuplicates,
  problemToRowError,
  type RowError,
  type RowRequest,
} from '../../domain/batch-rows.js';

/**
 * Cohorts: a testing centre uploads its workers (CSV or JSON), sees every problem per row and
 * column before anything is signed (the preview), then commits; the commit issues each valid
 * row exactly once (src/services/cohorts/batch-runner.ts) under the certificate id stored with the row.
 */
export interface UploadedRow {
  row: number;
  line: number | null;
  cells: Record<string, string>;
  errors?: RowError[];
}
export interface BatchOptions {
  format?: 'di' | 'vc+jwt';
  qr?: 'url' | 'credential';
  source: 'csv' | 'json';
  warnings?: string[];
}

export const MAX_BATCH_ROWS = 10_000;

export interface BatchSummary {
  id: string;
  state: BatchRecord['state'];
  format: BatchRecord['format'];
  qr: BatchRecord['qr'];
  source: string;
  createdAt: string;
  committedAt: string | null;
  completedAt: string | null;
  counts: { total: number; valid: number; invalid: number; pending: number; issued: number; failed: number };
  links: { self: string; commit: string; events: string; result: string };
}

export interface BatchRowView {
  row: number;
  line: number | null;
  state: BatchRowRecord['state'];
  qualification: string;
  holderName: string;
  holderNameLatin?: string;
  certificateId: string | null;
  errors: RowError[];
}

export const rowView = (r: BatchRowRecord): BatchRowView => ({
  row: r.row,
  line: r.line,
  state: r.state,
  qualification: r.input.qualification ?? '',
  holderName: r.input.holderName ?? '',
  ...(r.input.holderNameLatin ? { holderNameLatin: r.input.holderNameLatin } : {}),
  certificateId: r.state === 'invalid' ? null : r.certificateId,
  errors: r.failure ? [...r.errors, r.failure] : r.errors,
});

export function summarise(b: BatchRecord, c: BatchCounts): BatchSummary {
  const self = `/batches/${b.id}`;
  return {
    id: b.id,
    state: b.state,
    format: b.format,
    qr: b.qr,
    source: b.source,
    createdAt: b.createdAt,
    committedAt: b.committedAt,
    completedAt: b.completedAt,
    counts: {
      total: b.total,
      valid: b.total - c.invalid,
      invalid: c.invalid,
      pending: c.pending,
      issued: c.issued,
      failed: c.failed,
    },
    links: { self, commit: `${self}/commit`, events: `${self}/events`, result: `${self}/result.zip` },
  };
}

/** The request a stored row stands for (its cells were checked at upload). */
export function requestOf(
  b: Pick<BatchRecord, 'format' | 'qr'>,
  input: Record<string, string>,
): CertifyRequest {
  const checked = checkRow(input, '9999-12-31').request;
  if (!checked)
    throw new SkillPassError('validation-failed', 'A stored cohort row no longer passes its checks.');
  return { ...checked, format: b.format, qr: b.qr };
}

const requireIssuer = (actor: Principal): string => {
  if (actor.role !== 'issuer' || !actor.spoke)
    throw new SkillPassError('forbidden', 'Only a testing centre token can upload and commit cohorts.');
  return actor.spoke;
};

/**
 * This centre's certificate for the same worker and qualification that still counts (not
 * revoked, not expired), other than `except` (the row's own, when resuming).
 */
export async function existingCertificate(
  repos: Repositories,
  spoke: string,
  request: RowRequest,
  now: string,
  except?: string | null,
): Promise<string | undefined> {
  for (const c of await repos.certificates.findByHolder(
    spoke,
    request.qualification,
    holderKeys(request.holder),
  )) {
    if (c.id === except || c.validUntil < now) continue;
    const allocation = await repos.statusLists.allocationFor(c.id);
    if (allocation && (await revocationOf(repos, allocation)).revoked) continue;
    return c.id;
  }
  return undefined;
}

/** Checks a whole cohort and stores it as a preview: nothing is signed. */
export async function previewBatch(
  ctx: HubContext,
  actor: Principal,
  uploaded: UploadedRow[],
  opts: BatchOptions,
  within?: (tx: Repositories, preview: BatchPreview) => Promise<void>,
): Promise<BatchPreview> {
  const slug = requireIssuer(actor);
  if (uploaded.length === 0)
    throw new SkillPassError(
      'validation-failed',
      'The cohort has no rows: add at least one worker under the header.',
      { field: 'rows' },
    );
  if (uploaded.length > MAX_BATCH_ROWS)
    throw new SkillPassError('validation-failed', `A cohort has at most ${MAX_BATCH_ROWS} rows; split it.`, {
      field: 'rows',
    });
  const now = nowIso(ctx);
  const today = dayOf(now);
  const lookups = new IssuanceLookups(ctx);
  const spoke = await lookups.spoke(slug);
  if (!spoke) throw new SkillPassError('forbidden', "This token's testing centre no longer exists.");
  const { repos } = ctx.store;

  const checked = uploaded.map((u) => ({ ...u, ...checkRow(u.cells, today), pre: u.errors ?? [] }));
  for (const row of checked) {
    if (!row.request) continue;
    const { problems } = await mayCertify(lookups, spoke, row.request.qualification, now);
    if (problems.length > 0) {
      row.errors.push(...problems.map(problemToRowError));
      delete row.request;
    }
  }
  const duplicates = cohortDuplicates(checked);
  for (const row of checked) {
    const dup = duplicates.get(row.row);
    if (dup) {
      row.errors.push(dup);
      delete row.request;
      continue;
    }
    if (!row.request) continue;
    const existing = await existingCertificate(repos, slug, row.request, now);
    if (existing) {
      row.errors.push({
        column: 'holderName',
        code: 'already-certified',
        message: `This worker already holds ${row.request.qualification} from this centre (${existing}); revoke it first to certify again.`,
      });
      delete row.request;
    }
  }

  const id = randomUUID();
  const batch: BatchRecord = {
    id,
    spoke: slug,
    tokenId: actor.tokenId,
    state: 'previewed',
    format: opts.format ?? 'di',
    qr: opts.qr ?? 'url',
    source: opts.source,
    total: checked.length,
    createdAt: now,
    committedAt: null,
    completedAt: null,
    leaseOwner: null,
    leaseUntil: null,
  };
  const rows: BatchRowRecord[] = checked.map((r) => {
    const errors = [...r.pre, ...r.errors];
    const ok = r.request && errors.length === 0;
    return {
      batchId: id,
      row: r.row,
      line: r.line,
      input: r.cells,
      errors,
      state: ok ? 'pending' : 'invalid',
      certificateId: ok ? `urn:uuid:${randomUUID()}` : null,
      failure: null,
    };
  });
  const invalid = rows.filter((r) => r.state === 'invalid').length;
  const preview: BatchPreview = {
    ...summarise(batch, { invalid, pending: rows.length - invalid, issued: 0, failed: 0 }),
    warnings: opts.warnings ?? [],
    errors: rows.flatMap((r) =>
      r.errors.map((e) => ({
        row: r.row,
        ...(r.line !== null && r.line !== r.row ? { line: r.line } : {}),
        ...e,
      })),
    ),
    rows: rows.map(rowView),
  };
  await ctx.store.transaction(async (tx) => {
    await tx.batches.insert(batch, rows);
    await tx.audit.append({
      at: now,
      actor: actor.tokenId,
      action: 'batch.created',
      subject: id,
      details: { spoke: slug, rows: rows.length, valid: rows.length - invalid, invalid, source: opts.source },
    });
    if (within) await within(tx, preview);
  });
  return preview;
}

export type BatchPreview = BatchSummary & {
  warnings: string[];
  errors: (RowError & { row: number; line?: number })[];
  rows: BatchRowView[];
};

/** The centre's own batch, or 404 (another centre's batch does not exist for it). */
export async function ownBatch(ctx: HubContext, actor: Principal, id: string): Promise<BatchRecord> {
  const slug = requireIssuer(actor);
  const batch = /^[0-9a-f-]{36}$/i.test(id) ? await ctx.store.repos.batches.get(id.toLowerCase()) : undefined;
  if (!batch || batch.spoke !== slug)
    throw new SkillPassError('not-found', `No batch ${id} for this centre.`);
  return batch;
}

export async function batchStatus(ctx: HubContext, actor: Principal, id: string): Promise<BatchSummary> {
  const batch = await ownBatch(ctx, actor, id);
  return summarise(batch, await ctx.store.repos.batches.counts(batch.id));
}

/**
 * Commits a previewed batch (previewed -> committing), or resumes one that is committing:
 * `start` hands it to the runner, which issues the pending rows. Committing a completed batch
 * changes nothing.
 */
export async function commitBatch(
  ctx: HubContext,
  actor: Principal,
  id: string,
  start: (batchId: string) => void,
  within?: (tx: Repositories, summary: BatchSummary) => Promise<void>,
): Promise<BatchSummary> {
  const batch = await ownBatch(ctx, actor, id);
  const now = nowIso(ctx);
  const summary = await ctx.store.transaction(async (tx) => {
    const committed = await tx.batches.markCommitting(batch.id, now);
    const counts = await tx.batches.counts(batch.id);
    if (committed) {
      await tx.audit.append({
        at: now,
        actor: actor.tokenId,
        action: 'batch.committed',
        subject: batch.id,
        details: { spoke: batch.spoke, pending: counts.pending },
      });
    } else if (batch.state === 'committing') {
      await tx.audit.append({
        at: now,
        actor: actor.tokenId,
        action: 'batch.resumed',
        subject: batch.id,
        details: { spoke: batch.spoke, pending: counts.pending },
      });
    }
    const s = summarise((await tx.batches.get(batch.id))!, counts);
    if (within) await within(tx, s);
    return s;
  });
  if (summary.state === 'committing') start(batch.id);
  return summary;
}

export async function batchRows(ctx: HubContext, actor: Principal, id: string): Promise<BatchRowView[]> {
  const batch = await ownBatch(ctx, actor, id);
  return (await ctx.store.repos.batches.rows(batch.id)).map(rowView);
}

/** Every row of a batch already checked to be the caller's (ownBatch), as stored: for its result files. */
export const storedBatchRows = (ctx: HubContext, batch: Pick<BatchRecord, 'id'>): Promise<BatchRowRecord[]> =>
  ctx.store.repos.batches.rows(batch.id);

export async function listBatches(ctx: HubContext, actor: Principal, limit = 50): Promise<BatchSummary[]> {
  const slug = requireIssuer(actor);
  const batches = await ctx.store.repos.batches.list(slug, limit);
  return Promise.all(batches.map(async (b) => summarise(b, await ctx.store.repos.batches.counts(b.id))));
}
