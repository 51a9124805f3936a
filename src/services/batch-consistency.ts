import type { HubContext } from './hub-context.js';
import type { ConsistencyReport } from './ports.js';

/**
 * The issuance invariant, checked against the database: every status index in use belongs
 * to an issued certificate, or to a pending row of a committing batch that will be issued
 * under that very certificate id; every batch row marked issued has its certificate. Run by
 * the crash tests after each kill, and by `skillpass check-consistency`.
 */
export async function checkIssuanceConsistency(ctx: Pick<HubContext, 'store'>): Promise<ConsistencyReport & { ok: boolean }> {
  const report = await ctx.store.repos.batches.consistency();
  return { ok: report.unaccountedAllocations.length === 0 && report.issuedRowsWithoutCertificate.length === 0, ...report };
}
