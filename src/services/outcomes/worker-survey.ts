import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import { SkillPassError } from '../../domain/errors.js';
import { dayOf } from '../../domain/dates.js';
import { isFollowUpMonth, type FollowUpMonth } from '../../domain/outcomes/follow-ups.js';
import type { Placement } from '../../domain/outcomes/placement.js';
import {
  surveyAnswerFrom,
  surveyState,
  type SurveyState,
  type WorkerAnswer,
} from '../../domain/outcomes/worker-survey.js';

/**
 * The worker's own follow-up survey (issue 16, item 3; README "Placements and follow-ups"):
 * a personal code per placement, shown on the worker's page as a link and a QR code, opens
 * /t/:code without an account. The code is an HMAC of the placement id under a hub secret (kept
 * sealed with the operator key), so the worker page can show it again while the database holds
 * only its SHA-256 hash: 144 bits, as unguessable as a token. The worker's answers are stored
 * apart from the employer's and neither is ever shown to the other.
 */
const KEY_NAME = 'worker-survey-key';
const CODE_BYTES = 18;
export const SURVEY_CODE = /^[A-Za-z0-9_-]{24}$/;

const keys = new WeakMap<object, Promise<Buffer>>();

async function loadKey(ctx: HubContext): Promise<Buffer> {
  const { secrets } = ctx.store.repos;
  let sealed = await secrets.get(KEY_NAME);
  if (!sealed) {
    // replicas starting together: the first one stored wins, the others read it back
    await secrets.putIfAbsent(KEY_NAME, ctx.sealer.seal(randomBytes(32).toString('base64url'), KEY_NAME));
    sealed = (await secrets.get(KEY_NAME))!;
  }
  return Buffer.from(ctx.sealer.open(sealed, KEY_NAME), 'base64url');
}

const surveyKey = (ctx: HubContext): Promise<Buffer> => {
  let key = keys.get(ctx.store);
  if (!key) {
    key = loadKey(ctx);
    key.catch(() => keys.delete(ctx.store));
    keys.set(ctx.store, key);
  }
  return key;
};

export const surveyCodeFor = async (ctx: HubContext, placementId: string): Promise<string> =>
  createHmac('sha256', await surveyKey(ctx))
    .update(`worker-survey:${placementId}`)
    .digest()
    .subarray(0, CODE_BYTES)
    .toString('base64url');

export const hashSurveyCode = (code: string): string => createHash('sha256').update(code).digest('hex');

/**
 * The survey code of the certificate's newest placement (the worker's current job), or none: no
 * placement (a placement needs the worker's consent). Placements recorded before the survey
 * existed get their code bound here.
 */
export async function workerSurveyCode(ctx: HubContext, certificateId: string): Promise<string | undefined> {
  const { outcomes } = ctx.store.repos;
  const placement = (await outcomes.placementsOfCertificate(certificateId))[0];
  if (!placement || !(await outcomes.consent(certificateId))) return undefined;
  const code = await surveyCodeFor(ctx, placement.id);
  const hash = hashSurveyCode(code);
  // a page anyone may open reads; it writes only the first time, for an older placement
  if (!(await outcomes.placementBySurveyCode(hash)))
    await outcomes.insertSurveyCode(hash, placement.id, nowIso(ctx));
  return code;
}

export interface SurveyView {
  startDate: string;
  /** the currency the wage question offers first: the placement's */
  currency: string;
  survey: SurveyState;
}

const placementOf = async (ctx: HubContext, code: string): Promise<Placement> => {
  const placement = SURVEY_CODE.test(code)
    ? await ctx.store.repos.outcomes.placementBySurveyCode(hashSurveyCode(code))
    : undefined;
  if (!placement) throw new SkillPassError('not-found', 'This survey link is not known.');
  return placement;
};

/** What the survey behind `code` asks today; nothing of the employer's answers. */
export async function openSurvey(ctx: HubContext, code: string): Promise<SurveyView> {
  const placement = await placementOf(ctx, code);
  const answered = (await ctx.store.repos.outcomes.workerAnswers([placement.id])).map((a) => a.month);
  return {
    startDate: placement.startDate,
    currency: placement.monthlyWage.currency,
    survey: surveyState(placement.startDate, answered, dayOf(nowIso(ctx))),
  };
}

/**
 * Records the worker's answer to the mark asked today (`month` is the one the form showed: a
 * form left open across a mark's day is refused, not filed under another mark).
 */
export async function answerSurvey(
  ctx: HubContext,
  code: string,
  form: Record<string, string | undefined>,
): Promise<WorkerAnswer> {
  const placement = await placementOf(ctx, code);
  const now = nowIso(ctx);
  const { outcomes } = ctx.store.repos;
  const answered = (await outcomes.workerAnswers([placement.id])).map((a) => a.month);
  const state = surveyState(placement.startDate, answered, dayOf(now));
  const month = Number(form.month);
  if (!isFollowUpMonth(month) || state.state !== 'due' || state.mark.month !== month)
    throw (answered as number[]).includes(month)
      ? new SkillPassError('follow-up-already-answered', 'You already answered this survey.', { month })
      : new SkillPassError('follow-up-not-due', 'This survey is not open now.', { month });
  const parsed = surveyAnswerFrom(form, month as FollowUpMonth);
  if ('problem' in parsed)
    throw new SkillPassError('validation-failed', `Check the answer to ${parsed.problem}.`, {
      field: parsed.problem,
    });
  const answer: WorkerAnswer = { ...parsed.answer, placementId: placement.id, answeredAt: now };
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.outcomes.insertWorkerAnswer(answer)))
      throw new SkillPassError('follow-up-already-answered', 'You already answered this survey.', { month });
    // who answered is the placement's worker; what they answered stays out of the audit log
    await tx.audit.append({
      at: now,
      actor: 'worker-survey',
      action: 'placement.worker-answered',
      subject: placement.id,
      details: { month },
    });
  });
  return answer;
}
