/**
 * Tracer follow-ups (issue 16, item 3): at 3, 6 and 12 months after a placement's start, the
 * employer reports whether the worker is still employed, their wage and role or grade. Pure:
 * the day to judge against is passed in.
 */
export const FOLLOW_UP_MONTHS = [3, 6, 12] as const;
export type FollowUpMonth = (typeof FOLLOW_UP_MONTHS)[number];

/**
 * `months` calendar months after `date` (YYYY-MM-DD). A day the target month lacks becomes its
 * last day: a placement starting 31 August is due on 30 November at 3 months and on 28 (or 29)
 * February at 6, never rolled into the next month.
 */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const day = Number(date.slice(8, 10));
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

export interface FollowUpMark {
  month: FollowUpMonth;
  dueOn: string;
}

/** The three month marks of a placement and the day each falls due. */
export const followUpSchedule = (startDate: string): FollowUpMark[] =>
  FOLLOW_UP_MONTHS.map((month) => ({ month, dueOn: addMonths(startDate, month) }));

/** The marks due on `today` (due on or before it) that have no answer yet, oldest first. */
export const dueFollowUps = (startDate: string, answered: readonly number[], today: string): FollowUpMark[] =>
  followUpSchedule(startDate).filter((m) => m.dueOn <= today && !answered.includes(m.month));

export type FollowUpRefusal =
  | { code: 'follow-up-not-due'; message: string; dueOn: string }
  | { code: 'follow-up-already-answered'; message: string };

/** Why an answer for `month` cannot be taken on `today`, if it cannot: once per mark, not before it is due. */
export function followUpRefusal(
  startDate: string,
  month: FollowUpMonth,
  answered: readonly number[],
  today: string,
): FollowUpRefusal | undefined {
  if (answered.includes(month))
    return {
      code: 'follow-up-already-answered',
      message: `The ${month}-month follow-up of this placement was already answered.`,
    };
  const dueOn = addMonths(startDate, month);
  if (today < dueOn)
    return {
      code: 'follow-up-not-due',
      message: `The ${month}-month follow-up is due on ${dueOn}, not before.`,
      dueOn,
    };
  return undefined;
}

export const isFollowUpMonth = (n: number): n is FollowUpMonth =>
  (FOLLOW_UP_MONTHS as readonly number[]).includes(n);
