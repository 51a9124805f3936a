import type { CredentialStatus } from '../../domain/certificate-credential.js';
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { HubContext } from '../hub-context.js';
import { instantIso, nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import type { BatchRecord, BatchRowError, BatchRowRecord } from '../ports.js';
import {
  IssuanceLookups,
  prepareIssuance,
  signPrepared,
  storeSigned,
  type PreparedIssuance,
  type SignedCertificate,
} from '../issuance/issue-certificate.js';
import { allocateStatusMany } from '../issuance/status-lists.js';
import { existingCertificate, requestOf } from './batches.js';
import { isSkillPassError, type SkillPassError } from '../../domain/errors.js';
import { keyChangedError, signedWithValidKey, SIGNING_ATTEMPTS } from '../registry/spoke-keys.js';

/**
 * Issues a committing batch's pending rows, exactly once each, in chunks:
 *
 *  1. one unit of work gives each row's certificate id (stored with the row at upload) its
 *     status index, or finds the one it already has;
 *  2. the credentials are signed, outside any unit of work;
 *  3. one unit of work marks each row issued (only if still pending: the row is the claim)
 *     and stores its certificate and audit entry; a row that cannot be issued is marked
 *     failed and its index given back.
 *
 * Killed anywhere, nothing is half done: a status index is held either by an issued
 * certificate or by a pending row that will be issued under that same certificate id, and a
 * resumed commit (at start-up, or POST /batches/:id/commit again) picks up the pending rows.
 * A lease on the batch (renewed every chunk) keeps two replicas from doing the same work;
 * correctness never depends on it (step 3 claims each row).
 */
export interface BatchRunnerOptions {
  chunkSize?: number;
  leaseMs?: number;
  /**
   * after each chunk, rest this fraction of the event loop's busy time during it: a commit
   * leaves the event loop that much idle time, so the other requests (and the overload guard, which answers 503 when
   * the loop is busy all the time) see a responsive server while a cohort is certified
   */
  restRatio?: number;
  /** where a commit that stopped is reported (the server's log); services do not write to the console */
  warn?: (message: string) => void;
}

export class BatchRunner {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  /** emits the batch id after each chunk and at completion (for the live progress stream) */
  readonly progress = new EventEmitter();
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;
  private readonly chunkSize: number;
  private readonly leaseMs: number;
  private readonly restRatio: number;
  private readonly warn: (message: string) => void;

  constructor(
    private readonly ctx: HubContext,
    opts: BatchRunnerOptions = {},
  ) {
    this.warn = opts.warn ?? (() => undefined);
    this.chunkSize = opts.chunkSize ?? 50;
    this.leaseMs = opts.leaseMs ?? 5_000;
    this.restRatio = opts.restRatio ?? 0.1;
    this.progress.setMaxListeners(0);
  }

  /** Starts committing the batch in the background, unless this process already is. */
  start = (batchId: string, force = false): void => {
    if (this.stopped || this.running.has(batchId)) return;
    const run = this.run(batchId, force)
      .catch((err: unknown) => {
        this.warn(
          `batch ${batchId}: commit interrupted, it resumes on the next start or commit: ${(err as Error).message}`,
        );
      })
      .finally(() => {
        this.running.delete(batchId);
        this.progress.emit('progress', batchId);
      });
    this.running.set(batchId, run);
  };

  /**
   * Resumes every batch left committing (at start-up). `force` takes their leases at once:
   * right for SQLite, where this process is the only one, while on PostgreSQL a replica waits
   * for a dead one's lease to expire.
   */
  async resumeAll(force: boolean): Promise<string[]> {
    const ids = await this.ctx.store.repos.batches.listCommitting();
    for (const id of ids) this.start(id, force);
    return ids;
  }

  /** Stops after the current chunk; the batches stay committing and resume later. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running.values());
  }

  /** resolves when this process is no longer committing the batch */
  idle = async (batchId: string): Promise<void> => {
    await this.running.get(batchId);
  };

  private lease = (force = false) => {
    const now = Date.now();
    // leases are operational time (the wall clock), not the hub's business clock
    return { now: new Date(now).toISOString(), until: new Date(now + this.leaseMs).toISOString(), force };
  };

  private async run(batchId: string, force: boolean): Promise<void> {
    const { batches } = this.ctx.store.repos;
    let forced = force;
    while (!this.stopped) {
      const l = this.lease(forced);
      if (!(await batches.claimLease(batchId, this.owner, l.now, l.until, l.force))) {
        const batch = await batches.get(batchId);
        if (!batch || batch.state !== 'committing') return;
        // another replica holds the lease: wait for it to finish or its lease to lapse
        const wait = batch.leaseUntil
          ? Math.min(this.leaseMs, Math.max(50, Date.parse(batch.leaseUntil) - Date.now() + 50))
          : 200;
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      forced = false;
      try {
        if (await this.commitSome(batchId)) return;
      } finally {
        if (this.stopped) await batches.releaseLease(batchId, this.owner).catch(() => undefined);
      }
    }
  }

  /** Works through the pending rows while holding the lease; true when the batch is complete. */
  private async commitSome(batchId: string): Promise<boolean> {
    const { batches } = this.ctx.store.repos;
    const batch = await batches.get(batchId);
    if (!batch || batch.state !== 'committing') return true;
    let after = 0;
    // two chunks in flight: one is signed on the worker threads while the next is prepared and given its status indexes
    let previous: Promise<void> | undefined;
    const settle = async (): Promise<void> => {
      const p = previous;
      previous = undefined;
      await p;
    };
    try {
      while (!this.stopped) {
        const rows = await batches.rows(batchId, {
          states: ['pending'],
          afterRow: after,
          limit: this.chunkSize,
        });
        if (rows.length === 0) {
          await settle();
          if ((await batches.counts(batchId)).pending > 0) {
            after = 0;
            continue;
          } // rows left by another worker's rolled-back chunk
          const now = nowIso(this.ctx);
          const counts = await batches.counts(batchId);
          await this.ctx.store.transaction(async (tx) => {
            await tx.batches.markCompleted(batchId, now);
            await tx.audit.append({
              at: now,
              actor: batch.tokenId,
              action: 'batch.completed',
              subject: batchId,
              details: {
                spoke: batch.spoke,
                issued: counts.issued,
                failed: counts.failed,
                invalid: counts.invalid,
              },
            });
          });
          await batches.releaseLease(batchId, this.owner);
          this.progress.emit('progress', batchId);
          return true;
        }
        const started = performance.eventLoopUtilization();
        const current = this.commitChunk(batch, rows);
        current.catch(() => undefined); // awaited on the next turn (or on leaving); not unhandled meanwhile
        const older = previous;
        previous = current; // before waiting: if the older chunk failed, leaving still waits for this one
        await older;
        // rest in proportion to the event loop's busy time, not the wall time: the signatures run on worker threads
        const busyMs = performance.eventLoopUtilization(started).active;
        await new Promise((r) => setTimeout(r, Math.min(1000, busyMs * this.restRatio)));
        after = rows[rows.length - 1]!.row;
        this.progress.emit('progress', batchId);
        const l = this.lease();
        if (!(await batches.claimLease(batchId, this.owner, l.now, l.until))) return false; // lost the lease: back to waiting
      }
      return false;
    } finally {
      // leaving (stopped, lease lost or failed): the chunk still in flight finishes first; its rows resume later if it failed
      await previous?.catch(() => undefined);
    }
  }

  /** Under a verification peak the proof workers' queue may be full: a cohort waits for room rather than stopping. */
  private async whenRoom<T>(attempt: () => Promise<T>): Promise<T> {
    for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
      try {
        return await attempt();
      } catch (err) {
        if ((err as { code?: unknown }).code !== 'overloaded' || this.stopped) throw err;
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /**
   * `attempt` counts the times these rows were signed: when the centre's key changed while a
   * chunk was signed (spoke-keys.ts, signedWithValidKey), its rows stay pending, keep their
   * status indexes, and are signed again at once with the current key, at a new instant.
   */
  private async commitChunk(batch: BatchRecord, rows: BatchRowRecord[], attempt = 1): Promise<void> {
    const ctx = this.ctx;
    const actor: Principal = { tokenId: batch.tokenId, role: 'issuer', spoke: batch.spoke };
    const now = instantIso(ctx);
    const lookups = new IssuanceLookups(ctx);
    const failed = new Map<number, BatchRowError>();
    const prepared = new Map<number, PreparedIssuance>();
    const rowError = (err: SkillPassError): BatchRowError => ({
      column: typeof err.details?.field === 'string' ? err.details.field : 'row',
      code: err.code,
      message: err.message,
    });
    const fail = (row: number, err: unknown) => {
      if (!isSkillPassError(err)) throw err;
      failed.set(row, rowError(err));
    };
    for (const r of rows) {
      try {
        const req = requestOf(batch, r.input);
        const p = await prepareIssuance(ctx, actor, req, now, lookups);
        const existing = await existingCertificate(ctx.store.repos, batch.spoke, req, now, r.certificateId);
        if (existing)
          failed.set(r.row, {
            column: 'holderName',
            code: 'already-certified',
            message: `This worker already holds ${req.qualification} from this centre (${existing}).`,
          });
        else prepared.set(r.row, p);
      } catch (err) {
        fail(r.row, err);
      }
    }
    // 1. status indexes, recorded against the rows' certificate ids
    const entries = await ctx.store.transaction(async (tx) => {
      const out = new Map<number, CredentialStatus>();
      const wanted = rows.filter((r) => prepared.has(r.row));
      const allocated = await allocateStatusMany(
        tx,
        ctx.publicUrl,
        batch.spoke,
        wanted.map((r) => r.certificateId!),
        now,
      );
      for (const r of wanted) out.set(r.row, allocated.get(r.certificateId!)!.entries);
      return out;
    });
    // 2. signatures, outside any unit of work, side by side (the proof worker threads sign them)
    const signed = new Map<number, SignedCertificate>();
    await Promise.all(
      rows.map(async (r) => {
        const p = prepared.get(r.row);
        if (!p) return;
        try {
          signed.set(
            r.row,
            await this.whenRoom(() => signPrepared(ctx, p, r.certificateId!, entries.get(r.row)!, now)),
          );
        } catch (err) {
          fail(r.row, err);
        }
      }),
    );
    // 3. rows, certificates and audit entries together
    const again: BatchRowRecord[] = [];
    await ctx.store.transaction(async (tx) => {
      // one key for the whole chunk (the lookups read it once)
      const key = prepared.values().next().value?.key;
      const keyValid =
        signed.size === 0 ||
        (key !== undefined && (await signedWithValidKey(tx, batch.spoke, key.verificationMethod, now)));
      for (const r of rows) {
        const s = signed.get(r.row);
        if (s && keyValid) {
          if (await tx.batches.finishRow(batch.id, r.row, 'issued'))
            await storeSigned(tx, prepared.get(r.row)!, s, now, actor, { batch: batch.id, row: r.row });
        } else if (s && attempt < SIGNING_ATTEMPTS) {
          again.push(r);
        } else if (
          await tx.batches.finishRow(
            batch.id,
            r.row,
            'failed',
            failed.get(r.row) ?? rowError(keyChangedError()),
          )
        ) {
          await tx.statusLists.release(r.certificateId!);
        }
      }
    });
    if (again.length > 0) await this.commitChunk(batch, again, attempt + 1);
  }
}
