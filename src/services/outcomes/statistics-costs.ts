import { randomUUID } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import type { ProgrammeCost } from '../ports.js';
import { SkillPassError } from '../../domain/errors.js';
import { costProblem, type ProgrammeCostInput } from '../../domain/outcomes/programme-cost.js';

/**
 * POST /programmes/:id/costs: a programme token records its own programme's costs (its label is
 * the programme id), an admin any programme's; audited. GET /statistics divides them by the
 * programme's certified and placed workers of the quarter.
 */
export async function recordProgrammeCost(
  ctx: HubContext,
  actor: Principal,
  programme: string,
  input: ProgrammeCostInput,
): Promise<ProgrammeCost> {
  if (actor.role === 'programme') {
    const label = (await ctx.store.repos.tokens.get(actor.tokenId))?.label;
    if (label !== programme)
      throw new SkillPassError('forbidden', "A programme token records its own programme's costs only.");
  } else if (actor.role !== 'admin')
    throw new SkillPassError('forbidden', 'Costs are recorded by the programme or an admin.');
  const problem = costProblem(input);
  if (problem) throw new SkillPassError('validation-failed', problem.message, { field: problem.field });
  const now = nowIso(ctx);
  const cost: ProgrammeCost = {
    id: randomUUID(),
    programme,
    quarter: input.quarter,
    amount: input.amount,
    currency: input.currency,
    ...(input.note !== undefined ? { note: input.note } : {}),
    recordedAt: now,
    recordedBy: actor.tokenId,
  };
  await ctx.store.transaction(async (tx) => {
    await tx.statistics.insertCost(cost);
    await tx.audit.append({
      at: now,
      actor: actor.tokenId,
      action: 'programme.cost-recorded',
      subject: programme,
      details: { id: cost.id, quarter: cost.quarter, amount: cost.amount, currency: cost.currency },
    });
  });
  return cost;
}
