import { createHmac, randomBytes } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import { authenticateCaller } from '../access/tokens.js';
import type { StatisticEvent, Store } from '../ports.js';
import type { VerificationResult } from '../../domain/verification-result.js';
import { dayOf } from '../../domain/dates.js';

/**
 * Counting checks for programme statistics (README "Programme statistics"): each verification
 * of a certificate this hub holds (POST /verifications, the VC API, the /v pages) and each
 * recognition decision becomes one statistic_events row holding no personal data (migration 011).
 * Verification must not slow down for it: events wait in memory and are written in one unit of
 * work per batch (BATCH events, or FLUSH_MS after the first), off the request's path; a failed
 * write loses counts, never a verification. Reading statistics writes what is waiting first.
 */
const BATCH = 200;
const FLUSH_MS = 250;
const KEY_SECRET = 'statistics-key';

interface Recorder {
  pending: Omit<StatisticEvent, 'certificateRef'>[];
  timer: ReturnType<typeof setTimeout> | undefined;
  key: Promise<string> | undefined;
  writing: Promise<void>;
}

const recorders = new WeakMap<Store, Recorder>();

function recorderOf(store: Store): Recorder {
  let r = recorders.get(store);
  if (!r) {
    r = { pending: [], timer: undefined, key: undefined, writing: Promise.resolve() };
    recorders.set(store, r);
  }
  return r;
}

/** The hub's key for certificate references, made once (a replica that loses the race reads the winner's). */
async function statisticsKey(ctx: Pick<HubContext, 'store'>): Promise<string> {
  const { secrets } = ctx.store.repos;
  const existing = await secrets.get(KEY_SECRET);
  if (existing) return existing;
  await secrets.putIfAbsent(KEY_SECRET, randomBytes(32).toString('base64url'));
  return (await secrets.get(KEY_SECRET))!;
}

/** HMAC-SHA256 of the certificate id: the same certificate gives the same reference, and nothing else can be read from it. */
export const certificateRef = (key: string, certificateId: string): string =>
  createHmac('sha256', key).update(certificateId).digest('base64url');

/** Writes every waiting event now (statistics are read after this). */
export async function flushStatisticEvents(ctx: Pick<HubContext, 'store'>): Promise<void> {
  const r = recorderOf(ctx.store);
  if (r.timer) clearTimeout(r.timer);
  r.timer = undefined;
  const batch = r.pending.splice(0);
  const previous = r.writing;
  r.writing = (async () => {
    await previous;
    if (batch.length === 0) return;
    try {
      r.key ??= statisticsKey(ctx);
      const key = await r.key;
      const events = batch.map((e) => ({ ...e, certificateRef: certificateRef(key, e.certificateId) }));
      // a unit of work of its own, never joined to a request's
      await ctx.store.transaction((tx) => tx.statistics.recordEvents(events));
    } catch {
      // counts only: a closed or unavailable database loses this batch, never a verification
      r.key = undefined;
    }
  })();
  await r.writing;
}

function enqueue(ctx: Pick<HubContext, 'store'>, event: Omit<StatisticEvent, 'certificateRef'>): void {
  const r = recorderOf(ctx.store);
  r.pending.push(event);
  if (r.pending.length >= BATCH) void flushStatisticEvents(ctx);
  else if (!r.timer) {
    r.timer = setTimeout(() => void flushStatisticEvents(ctx), FLUSH_MS);
    r.timer.unref();
  }
}

/** The destination a caller checks for: an authority's or employer's country, else none (anonymous). */
export const destinationOf = (caller: Principal | undefined): string | null =>
  caller && (caller.role === 'authority' || caller.role === 'employer') ? (caller.country ?? null) : null;

/**
 * The caller of an open verification route, for its destination only: a missing, unknown or
 * expired token is simply anonymous here (verification stays open to all and answers the same).
 */
export async function verifierDestination(
  ctx: Pick<HubContext, 'store' | 'clock'>,
  authorization: string | undefined,
): Promise<string | null> {
  if (authorization === undefined) return null;
  try {
    return destinationOf(await authenticateCaller(ctx, authorization));
  } catch {
    return null;
  }
}

/** Counts one verification (only a certificate this hub holds is ever counted). */
export function noteVerification(
  ctx: Pick<HubContext, 'store' | 'clock'>,
  result: VerificationResult,
  destination: string | null,
): void {
  const id = result.credential?.id;
  if (!id) return;
  enqueue(ctx, {
    kind: 'verification',
    certificateId: id,
    aqrfLevel: result.credential?.aqrfLevel ?? null,
    destination,
    checkedOn: dayOf(nowIso(ctx)),
    outcome: result.outcome,
  });
}

/** Counts one recognition decision for its destination. */
export function noteRecognition(
  ctx: Pick<HubContext, 'store' | 'clock'>,
  check: { decision: string; verification: VerificationResult; query: { destination: string } },
): void {
  const id = check.verification.credential?.id;
  if (!id) return;
  enqueue(ctx, {
    kind: 'recognition',
    certificateId: id,
    aqrfLevel: check.verification.credential?.aqrfLevel ?? null,
    destination: check.query.destination,
    checkedOn: dayOf(nowIso(ctx)),
    outcome: check.decision,
  });
}
