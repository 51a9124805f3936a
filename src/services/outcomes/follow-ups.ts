import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import { SkillPassError } from '../../domain/errors.js';
import { dayOf } from '../../domain/dates.js';
import {
  followUpContentProblem,
  type FollowUp,
  type FollowUpInput,
} from '../../domain/outcomes/placement.js';
import {
  addMonths,
  dueFollowUps,
  followUpRefusal,
  FOLLOW_UP_MONTHS,
} from '../../domain/outcomes/follow-ups.js';
import { problemError, requireEmployer } from './placements.js';

/**
 * Tracer follow-ups (issue 16, item 3): the employer answers each placement's 3-, 6- and
 * 12-month marks once each, not before they are due; what is due is listed per employer.
 */
export async function answerFollowUp(
  ctx: HubContext,
  actor: Principal,
  placementId: string,
  input: FollowUpInput,
): Promise<FollowUp> {
  const { employer } = requireEmployer(actor);
  const now = nowIso(ctx);
  const placement = await ctx.store.repos.outcomes.placement(placementId);
  // another employer's placement is as unknown as a missing one: its existence is not disclosed
  if (!placement || placement.employer !== employer)
    throw new SkillPassError('not-found', `No placement ${placementId} recorded by this employer.`);
  const content = followUpContentProblem(input);
  if (content) throw problemError(content);
  const answered = (await ctx.store.repos.outcomes.followUps([placement.id])).map((f) => f.month);
  const refusal = followUpRefusal(placement.startDate, input.month, answered, dayOf(now));
  if (refusal)
    throw new SkillPassError(refusal.code, refusal.message, {
      month: input.month,
      ...('dueOn' in refusal ? { dueOn: refusal.dueOn } : {}),
    });
  const followUp: FollowUp = {
    placementId: placement.id,
    month: input.month,
    stillEmployed: input.stillEmployed,
    ...(input.monthlyWage
      ? { monthlyWage: { amount: input.monthlyWage.amount, currency: input.monthlyWage.currency } }
      : {}),
    ...(input.roleOrGrade !== undefined ? { roleOrGrade: input.roleOrGrade } : {}),
    answeredAt: now,
  };
  await ctx.store.transaction(async (tx) => {
    // two answers at once: the primary key lets exactly one in
    if (!(await tx.outcomes.insertFollowUp(followUp)))
      throw new SkillPassError(
        'follow-up-already-answered',
        `The ${input.month}-month follow-up of this placement was already answered.`,
        { month: input.month },
      );
    await tx.audit.append({
      at: now,
      actor: actor.tokenId,
      action: 'placement.followed-up',
      subject: placement.id,
      details: { month: input.month },
    });
  });
  return followUp;
}

export interface DueFollowUp {
  placement: string;
  certificate: string;
  month: number;
  dueOn: string;
  startDate: string;
  isco08: string;
  /** whether the worker answered this mark in their own survey (what they answered is never shown here) */
  workerAnswered: boolean;
}

/** Every follow-up due now and not yet answered by the employer for its placements, oldest due first. */
export async function followUpsDue(
  ctx: HubContext,
  actor: Principal,
): Promise<{ today: string; due: DueFollowUp[] }> {
  const { employer } = requireEmployer(actor);
  const today = dayOf(nowIso(ctx));
  const { outcomes } = ctx.store.repos;
  // a placement has a mark due only once its first (3-month) mark is: a start in the month three
  // months back or earlier (month ends clamp, so the bound is that month's "31st", compared as text);
  // the exact days are the domain's (dueFollowUps)
  const startedBy = `${addMonths(today, -FOLLOW_UP_MONTHS[0]).slice(0, 7)}-31`;
  const open = await outcomes.openPlacementsOf(employer, startedBy);
  const answers = await outcomes.followUps(open.map((p) => p.id));
  const workers = new Set(
    (await outcomes.workerAnswers(open.map((p) => p.id))).map((a) => `${a.placementId} ${a.month}`),
  );
  const due = open.flatMap((p) =>
    dueFollowUps(
      p.startDate,
      answers.filter((a) => a.placementId === p.id).map((a) => a.month),
      today,
    ).map((m): DueFollowUp => ({
      placement: p.id,
      certificate: p.certificateId,
      month: m.month,
      dueOn: m.dueOn,
      startDate: p.startDate,
      isco08: p.isco08,
      workerAnswered: workers.has(`${p.id} ${m.month}`),
    })),
  );
  due.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.placement < b.placement ? -1 : 1));
  return { today, due };
}
