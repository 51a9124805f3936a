import { randomUUID } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import type { Principal } from '../access/tokens.js';
import type { Repositories } from '../ports.js';
import { SkillPassError } from '../../domain/errors.js';
import { dayOf } from '../../domain/dates.js';
import {
  placementProblem,
  type FollowUp,
  type OutcomeProblem,
  type Placement,
  type PlacementInput,
} from '../../domain/outcomes/placement.js';
import { followUpSchedule } from '../../domain/outcomes/follow-ups.js';
import { certificateReference } from '../recognition/recognition-service.js';
import { loadCertificate, verifyWithHub } from '../verification/verification-service.js';
import type { CredentialInput } from '../verification/verify-credential.js';

/**
 * Placements (issue 16, item 2; README "Placements and follow-ups"): an employer in a
 * destination country records that it took on a certified worker. Refused, with nothing stored,
 * unless the certificate verifies valid now (the hub's own verification, as POST /verifications)
 * and its worker consented to follow-up when certified.
 */
export interface PlacementRequest extends PlacementInput {
  /** the certificate id (urn:uuid or bare), a credential object, or a JWT */
  certificate: CredentialInput;
}

export interface PlacementView {
  id: string;
  certificate: string;
  destination: string;
  isco08: string;
  startDate: string;
  monthlyWage: Placement['monthlyWage'];
  contractType: Placement['contractType'];
  recordedAt: string;
  /** the 3-, 6- and 12-month marks: when each is due and its answer once given */
  followUps: { month: number; dueOn: string; answer: Omit<FollowUp, 'placementId' | 'month'> | null }[];
}

export const problemError = (p: OutcomeProblem): SkillPassError =>
  new SkillPassError(p.code, p.message, { field: p.field });

/**
 * Only employer tokens read or write placements; a programme token sees aggregates, never a
 * record. What they read and write is their employer's, whichever of its tokens asks.
 */
export function requireEmployer(actor: Principal): { country: string; employer: string } {
  if (actor.role !== 'employer' || !actor.country || !actor.employer)
    throw new SkillPassError('forbidden', 'Only an employer token reads or records placements.');
  return { country: actor.country, employer: actor.employer };
}

export function placementView(p: Placement, answers: readonly FollowUp[]): PlacementView {
  return {
    id: p.id,
    certificate: p.certificateId,
    destination: p.destination,
    isco08: p.isco08,
    startDate: p.startDate,
    monthlyWage: p.monthlyWage,
    contractType: p.contractType,
    recordedAt: p.recordedAt,
    followUps: followUpSchedule(p.startDate).map(({ month, dueOn }) => {
      const a = answers.find((f) => f.placementId === p.id && f.month === month);
      const { placementId: _p, month: _m, ...answer } = a ?? ({} as FollowUp);
      return { month, dueOn, answer: a ? answer : null };
    }),
  };
}

export async function recordPlacement(
  ctx: HubContext,
  actor: Principal,
  req: PlacementRequest,
  within?: (tx: Repositories, view: PlacementView) => Promise<void>,
): Promise<PlacementView> {
  const { country, employer } = requireEmployer(actor);
  const now = nowIso(ctx);
  const problem = placementProblem(req, country, dayOf(now));
  if (problem) throw problemError(problem);
  const ref = certificateReference(req.certificate);
  const credential = 'id' in ref ? await loadCertificate(ctx, ref.id) : ref.credential;
  const verification = await verifyWithHub(ctx, credential);
  if (verification.outcome !== 'valid')
    throw new SkillPassError(
      'certificate-not-valid',
      'The certificate does not verify as valid now (POST /verifications tells why): no placement is recorded.',
      {
        outcome: verification.outcome,
        checks: verification.checks
          .filter((c) => c.outcome !== 'valid' && c.outcome !== 'skipped')
          .map((c) => ({ id: c.id, outcome: c.outcome, ...(c.code ? { code: c.code } : {}) })),
      },
    );
  const certificateId = verification.credential?.id;
  // consent is on the hub's record of the certificate: a credential this hub did not store has none
  const consent = certificateId ? await ctx.store.repos.outcomes.consent(certificateId) : undefined;
  if (!certificateId || !consent)
    throw new SkillPassError(
      'no-follow-up-consent',
      'The worker did not consent to follow-up when certified (holder.consentToFollowUp): no placement is recorded.',
    );
  const placement: Placement = {
    id: randomUUID(),
    employer,
    employerToken: actor.tokenId,
    certificateId,
    destination: req.destination,
    isco08: req.isco08,
    startDate: req.startDate,
    monthlyWage: { amount: req.monthlyWage.amount, currency: req.monthlyWage.currency },
    contractType: req.contractType,
    recordedAt: now,
  };
  const view = placementView(placement, []);
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.outcomes.insertPlacement(placement)))
      throw new SkillPassError(
        'conflict',
        `This employer already recorded the placement of ${certificateId} starting ${placement.startDate}.`,
      );
    await tx.audit.append({
      at: now,
      actor: actor.tokenId,
      action: 'placement.recorded',
      subject: placement.id,
      details: { certificate: certificateId, destination: placement.destination, isco08: placement.isco08 },
    });
    if (within) await within(tx, view);
  });
  return view;
}

/** The placements of this token's employer, each with its follow-up marks and the employer's answers. */
export async function listPlacements(
  ctx: HubContext,
  actor: Principal,
  page: { limit?: number; offset?: number },
): Promise<{ items: PlacementView[]; limit: number; offset: number }> {
  const { employer } = requireEmployer(actor);
  const limit = Math.min(Math.max(page.limit ?? 100, 1), 500);
  const offset = Math.max(page.offset ?? 0, 0);
  const { outcomes } = ctx.store.repos;
  const placements = await outcomes.placementsOf(employer, { limit, offset });
  const answers = await outcomes.followUps(placements.map((p) => p.id));
  return { items: placements.map((p) => placementView(p, answers)), limit, offset };
}
