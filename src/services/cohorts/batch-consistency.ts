import type { HubContext } from '../hub-context.js';
import type { ConsistencyReport } from '../ports.js';

/**
 * The issuance invariant, checked against the database: every status index a cohort row
 * took belongs to an issued certificate, or to a pending row of a committing batch that will
 * be issued under that very certificate id; every batch row marked issued has its
 * certificate. Indexes of single issuances cut off between allocation and storage (a crash,
 * or a check run while one is in flight) are reported apart: harmless, as nothing carries
 * them. Run by the crash tests after each kill, and by `skillpass check-consistency`.
 */
export async function checkIssuanceConsistency(
  ctx: Pick<HubContext, 'store'>,
): Promise<ConsistencyReport & { ok: boolean }> {
  const report = await ctx.store.repos.batches.consistency();
  return {
    ok: report.unaccountedAllocations.length === 0 && report.issuedRowsWithoutCertificate.length === 0,
    ...report,
  };
}
