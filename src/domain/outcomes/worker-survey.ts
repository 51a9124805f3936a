import { followUpSchedule, type FollowUpMark, type FollowUpMonth } from './follow-ups.js';
import { wageProblem, type MonthlyWage } from './placement.js';

/**
 * The worker's own follow-up survey (issue 16, item 3): at the same 3-, 6- and 12-month marks
 * as the employer's follow-ups, the worker answers four short questions through a personal link
 * (/t/:code) without an account. Their answers are kept apart from the employer's (source:
 * worker) and neither side ever sees the other's. Pure: the day is an input.
 */
export interface WorkerAnswerInput {
  month: FollowUpMonth;
  stillEmployed: boolean;
  /** only when still employed */
  monthlyWage?: MonthlyWage;
  /** only when still employed */
  roleOrGrade?: string;
  wouldRecommend: boolean;
}

export interface WorkerAnswer extends WorkerAnswerInput {
  placementId: string;
  answeredAt: string;
}

export type SurveyState =
  | { state: 'due'; mark: FollowUpMark }
  /** nothing to answer today: the next mark falls due on `next` */
  | { state: 'waiting'; next: string }
  /** no mark is left to answer */
  | { state: 'done' };

/**
 * What the survey asks on `today`: the most recent mark that is due, if the worker has not
 * answered it. A mark passed over (the 3-month one when the worker first comes at month 7) is
 * not asked any more: an answer given months late would describe today, not that mark.
 */
export function surveyState(startDate: string, answered: readonly number[], today: string): SurveyState {
  const marks = followUpSchedule(startDate);
  const reached = marks.filter((m) => m.dueOn <= today);
  const latest = reached.at(-1);
  if (latest && !answered.includes(latest.month)) return { state: 'due', mark: latest };
  const next = marks.find((m) => m.dueOn > today);
  return next ? { state: 'waiting', next: next.dueOn } : { state: 'done' };
}

export type SurveyField = 'stillEmployed' | 'monthlyWage' | 'wouldRecommend' | 'roleOrGrade' | 'month';

const MAX_ROLE = 100;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The answer in a posted survey form (every value a string), or the first field that is wrong.
 * A worker no longer employed has no wage or role: what those fields hold is then set aside,
 * as a phone form without script cannot hide them.
 */
export function surveyAnswerFrom(
  form: Record<string, string | undefined>,
  month: FollowUpMonth,
): { answer: WorkerAnswerInput } | { problem: SurveyField } {
  const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : undefined);
  const stillEmployed = yesNo(form.stillEmployed);
  if (stillEmployed === undefined) return { problem: 'stillEmployed' };
  const wouldRecommend = yesNo(form.wouldRecommend);
  if (wouldRecommend === undefined) return { problem: 'wouldRecommend' };
  if (!stillEmployed) return { answer: { month, stillEmployed, wouldRecommend } };
  const amountText = (form.wageAmount ?? '').replace(/[\s,]/g, '');
  let monthlyWage: MonthlyWage | undefined;
  if (amountText !== '') {
    if (!/^\d{1,12}(\.\d{1,2})?$/.test(amountText)) return { problem: 'monthlyWage' };
    monthlyWage = { amount: Number(amountText), currency: (form.wageCurrency ?? '').trim() };
    if (wageProblem(monthlyWage, 'monthlyWage')) return { problem: 'monthlyWage' };
  }
  const role = (form.roleOrGrade ?? '').trim();
  if (role.length > MAX_ROLE || CONTROL.test(role)) return { problem: 'roleOrGrade' };
  return {
    answer: {
      month,
      stillEmployed,
      ...(monthlyWage ? { monthlyWage } : {}),
      ...(role ? { roleOrGrade: role } : {}),
      wouldRecommend,
    },
  };
}
