import type { HubContext } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import { programmeStatistics, statisticsScope, type ProgrammeStatistics } from './statistics.js';

/**
 * The figures of the programme dashboard (GET/POST /programme, issue 16 item 6): the caller's
 * programme name and two tables of programmeStatistics, by corridor and quarter (the charts
 * over time) and by corridor (the summary, wages, retention, costs). Nothing but what
 * GET /statistics answers the same token: the same scope, the same suppression.
 */
export interface ProgrammeDashboard {
  /** the programme's name (its token's label); undefined: an admin's view of every corridor */
  programme: string | undefined;
  byQuarter: ProgrammeStatistics;
  byCorridor: ProgrammeStatistics;
}

export async function programmeDashboard(
  ctx: HubContext,
  actor: Principal,
  window: { from?: string; to?: string },
): Promise<ProgrammeDashboard> {
  // any role but programme or admin is refused here (forbidden), before a figure is read
  const { programme } = await statisticsScope(ctx.store.repos, actor);
  const byQuarter = await programmeStatistics(ctx, actor, { groupBy: ['corridor', 'quarter'], ...window });
  const byCorridor = await programmeStatistics(ctx, actor, { groupBy: ['corridor'], ...window });
  return { programme, byQuarter, byCorridor };
}
