import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { HubContext } from '../hub-context.js';
import { nowIso } from '../hub-context.js';
import { SkillPassError } from '../../domain/errors.js';
import { dayOf } from '../../domain/dates.js';
import { isFollowUpMonth, type FollowUpMonth } from '../../domain/outcomes/follow-ups.js';
import type { Placement } from '../../domain/outcomes/placement.js';
import type { Principal } from '../access/tokens.js';
import type { Repositories } from '../ports.js';
import { statusOf } from '../issuance/status-lists.js';
import { storedCertificate } from '../verification/verification-service.js';
import {
  surveyAnswerFrom,
  surveyState,
  type SurveyState,
  type WorkerAnswer,
} from '../../domain/outcomes/worker-survey.js';

/**
 * The worker's own follow-up survey (issue 16, item 3; README "Placements and follow-ups"):
 * a personal code per certificate opens /t/:code without an account. The centre hands it to the
 * worker at certification (with the credential, only when the worker consented to follow-up),
 * like the wallet PIN: it is never on a page or in an answer that holders of the certificate id
 * (employers who scanned the QR code) can see. The code is an HMAC of the certificate id under a
 * hub secret (kept sealed with the operator key), so the issuing centre can be shown it again
 * while the database holds only its SHA-256 hash: 144 bits, as unguessable as a token. The
 * survey asks about the certificate's newest placement; the worker's answers are stored apart
 * from the employer's and neither is ever shown to the other.
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

const codeUnder = (key: Buffer, certificateId: string): string =>
  createHmac('sha256', key)
    .update(`worker-survey:certificate:${certificateId}`)
    .digest()
    .subarray(0, CODE_BYTES)
    .toString('base64url');

export const surveyCodeFor = async (ctx: HubContext, certificateId: string): Promise<string> =>
  codeUnder(await surveyKey(ctx), certificateId);

export const hashSurveyCode = (code: string): string => createHash('sha256').update(code).digest('hex');

/** What the centre prints for the worker: the link and its QR code (an image of the same link). */
export interface SurveyLink {
  url: string;
  qr: string;
}

export interface SurveyLinker {
  /** the link of a certificate's survey (the code is bound by `bind`, in the caller's unit of work) */
  link(certificateId: string): SurveyLink;
  bind(tx: Pick<Repositories, 'outcomes'>, certificateId: string, at: string): Promise<void>;
  /** the link, bound now, when the worker consented to follow-up; undefined otherwise (a cohort's result rows) */
  linkIfConsented(certificateId: string): Promise<SurveyLink | undefined>;
}

/**
 * Survey links without awaiting the key per certificate (a certification's answer is made
 * inside its unit of work). Only centre channels use it: the certification answer, the cohort
 * result and the issuing centre's own look-up (certificateSurveyLink).
 */
export async function surveyLinker(ctx: HubContext): Promise<SurveyLinker> {
  const key = await surveyKey(ctx);
  const url = (id: string) => `${ctx.publicUrl}/t/${codeUnder(key, id)}`;
  const link = (id: string): SurveyLink => ({ url: url(id), qr: `${url(id)}/qr.svg` });
  const bind: SurveyLinker['bind'] = (tx, id, at) =>
    tx.outcomes.insertSurveyCode(hashSurveyCode(codeUnder(key, id)), id, at);
  return {
    link,
    bind,
    linkIfConsented: async (id) => {
      if (!(await ctx.store.repos.outcomes.consent(id))) return undefined;
      await bind(ctx.store.repos, id, nowIso(ctx));
      return link(id);
    },
  };
}

/**
 * The survey link of a certificate, for the centre that issued it (a lost card printed again),
 * or none when the worker did not consent to follow-up. Any other token: not found, as if the
 * certificate were not there (an employer never learns the code).
 */
export async function certificateSurveyLink(
  ctx: HubContext,
  actor: Principal,
  certificateId: string,
): Promise<SurveyLink> {
  const record = await storedCertificate(ctx, certificateId);
  if (!record || actor.role !== 'issuer' || actor.spoke !== record.spoke)
    throw new SkillPassError('not-found', `No certificate ${certificateId} of this centre.`);
  if (!(await ctx.store.repos.outcomes.consent(record.id)))
    throw new SkillPassError(
      'no-follow-up-consent',
      'The worker did not consent to follow-up when certified (holder.consentToFollowUp): there is no survey.',
    );
  const linker = await surveyLinker(ctx);
  await linker.bind(ctx.store.repos, record.id, nowIso(ctx));
  return linker.link(record.id);
}

/**
 * What the survey behind a code shows today: the questions of the certificate's newest
 * placement, nothing yet (no placement recorded), or closed (the certificate is revoked or
 * suspended: its holder no longer answers for it). Nothing of the employer's answers.
 */
export type SurveyView =
  | {
      state: 'open';
      startDate: string;
      /** the currency the wage question offers first: the placement's */
      currency: string;
      survey: SurveyState;
    }
  | { state: 'not-yet' }
  | { state: 'closed' };

type Resolved = { state: 'open'; placement: Placement } | { state: 'not-yet' } | { state: 'closed' };

async function resolve(ctx: HubContext, code: string): Promise<Resolved> {
  const { repos } = ctx.store;
  const certificateId = SURVEY_CODE.test(code)
    ? await repos.outcomes.certificateBySurveyCode(hashSurveyCode(code))
    : undefined;
  if (!certificateId) throw new SkillPassError('not-found', 'This survey link is not known.');
  const allocation = await repos.statusLists.allocationFor(certificateId);
  if (allocation) {
    const { revoked, suspended } = await statusOf(repos, allocation);
    if (revoked || suspended) return { state: 'closed' };
  }
  // a placement needs the worker's consent: withdrawn consent closes the survey too
  if (!(await repos.outcomes.consent(certificateId))) return { state: 'closed' };
  const placement = (await repos.outcomes.placementsOfCertificate(certificateId))[0];
  return placement ? { state: 'open', placement } : { state: 'not-yet' };
}

/** What the survey behind `code` asks today; nothing of the employer's answers. */
export async function openSurvey(ctx: HubContext, code: string): Promise<SurveyView> {
  const r = await resolve(ctx, code);
  if (r.state !== 'open') return r;
  const { placement } = r;
  const answered = (await ctx.store.repos.outcomes.workerAnswers([placement.id])).map((a) => a.month);
  return {
    state: 'open',
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
  const r = await resolve(ctx, code);
  if (r.state !== 'open')
    throw new SkillPassError(
      'follow-up-not-due',
      r.state === 'closed' ? 'This survey is closed.' : 'This survey is not open now.',
    );
  const { placement } = r;
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
