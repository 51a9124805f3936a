/** Date helpers on ISO strings. Pure: the caller always passes the instant to compare with. */

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parse an ISO date or date-time; a bare date means midnight UTC. NaN when unparsable. */
export function toMillis(value: string): number {
  if (ISO_DATE.test(value)) return Date.parse(`${value}T00:00:00Z`);
  // XML Schema dateTime (what VC uses) must carry a time zone; refuse local times
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return Number.NaN;
  // Date.parse rolls 30 February over to 2 March; a day that does not exist is not a date
  if (!isValidDate(value.slice(0, 10))) return Number.NaN;
  return Date.parse(value);
}

/** RFC 3339 date-time (https://www.rfc-editor.org/rfc/rfc3339#section-5.6): seconds and a time zone required. */
const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A real calendar day (read as the start of that day, UTC) or an RFC 3339 date-time. */
export const isDateOrDateTime = (value: string): boolean =>
  ISO_DATE.test(value) ? isValidDate(value) : RFC3339_DATE_TIME.test(value) && !Number.isNaN(toMillis(value));

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar day (proleptic Gregorian, as Date.parse reads it): 2024-02-29 is one, 2025-02-29 is not. */
export function isValidDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** The calendar day (UTC) of an instant, as YYYY-MM-DD. */
export const dayOf = (instant: string | number): string =>
  new Date(typeof instant === 'number' ? instant : toMillis(instant)).toISOString().slice(0, 10);

/** Add whole years to a date, clamping 29 February to 28 February. */
export function addYears(date: string, years: number): string {
  const d = new Date(toMillis(date));
  const target = new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

/** Inclusive day range check: from <= day <= until (both YYYY-MM-DD). */
export const dayWithin = (day: string, from: string, until: string): boolean => from <= day && day <= until;
