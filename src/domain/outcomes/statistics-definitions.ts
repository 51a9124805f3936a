import { isValidDate } from '../dates.js';

/**
 * What the dimensions of programme statistics mean (README "Programme statistics"). Pure.
 *
 * Corridor: origin country -> destination country, written "KH-TH". The origin is the country of
 * the testing centre that certified the worker. The destination is, for a certificate, the
 * country of its qualification (a Cambodian centre certifying the Thai TH-BRICK-1 prepares
 * workers for Thailand); for a placement, the country the employer recorded it in; for a
 * verification or a recognition decision, the country of the authority or employer token that
 * asked (a recognition check names its destination), or "unknown" for an anonymous check.
 * Quarter: the calendar quarter ("2026-Q3") of the event counted: the certification for
 * certified, the check for verified and recognition decisions, the placement's startDate for
 * placed, retained and wages.
 */
export const UNKNOWN_DESTINATION = 'unknown';

export const corridorOf = (origin: string, destination: string | null | undefined): string =>
  `${origin}-${destination || UNKNOWN_DESTINATION}`;

/** "2026-07-14" or "2026-07-14T10:00:00Z" -> "2026-Q3" */
export const quarterOf = (dayOrInstant: string): string =>
  `${dayOrInstant.slice(0, 4)}-Q${Math.floor((Number(dayOrInstant.slice(5, 7)) - 1) / 3) + 1}`;

const QUARTER = /^(\d{4})-Q([1-4])$/;
export const isQuarter = (text: string): boolean => QUARTER.test(text);

/**
 * A window bound as sent: a quarter ("2026-Q1") or a day, read as the quarter it falls in:
 * figures exist per quarter only, so that two windows differing by a few days cannot be
 * subtracted from each other to isolate those days' workers.
 */
export function windowQuarter(text: string): string | undefined {
  if (isQuarter(text)) return text;
  return isValidDate(text) ? quarterOf(text) : undefined;
}

/** The first and the day after the last day of a quarter, for SQL range filters. */
export function quarterDays(quarter: string): { first: string; next: string } {
  const [, y, q] = QUARTER.exec(quarter)!;
  const year = Number(y);
  const startMonth = (Number(q) - 1) * 3 + 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  const first = `${year}-${pad(startMonth)}-01`;
  const next = startMonth === 10 ? `${year + 1}-01-01` : `${year}-${pad(startMonth + 3)}-01`;
  return { first, next };
}

/** A share, or null when either count is withheld or the base is 0 (never a share of a hidden count). */
export const rate = (numerator: number | null, denominator: number | null): number | null =>
  numerator === null || denominator === null || denominator === 0
    ? null
    : Math.round((numerator / denominator) * 10000) / 10000;
