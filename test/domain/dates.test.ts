import { describe, expect, it } from 'vitest';
import {
  addYears,
  dayOf,
  dayWithin,
  isValidDate,
  toMillis,
  isDateOrDateTime,
} from '../../src/domain/dates.js';

describe('addYears', () => {
  it('clamps 29 February to 28 February in a non-leap target year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });

  it('keeps 29 February when the target year is a leap year', () => {
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('keeps the day of month for an ordinary date, including month ends', () => {
    expect(addYears('2026-11-20', 5)).toBe('2031-11-20');
    expect(addYears('2025-01-31', 3)).toBe('2028-01-31');
  });
});

describe('isValidDate', () => {
  it('accepts a real calendar day, including a leap day', () => {
    expect(isValidDate('2026-02-28')).toBe(true);
    expect(isValidDate('2024-02-29')).toBe(true);
  });

  it('rejects 30 February', () => {
    expect(isValidDate('2026-02-30')).toBe(false);
  });

  it('rejects 29 February in a non-leap year', () => {
    expect(isValidDate('2025-02-29')).toBe(false);
  });

  it('rejects month 13 and non-padded or date-time forms', () => {
    expect(isValidDate('2026-13-01')).toBe(false);
    expect(isValidDate('2026-1-05')).toBe(false);
    expect(isValidDate('2026-01-05T00:00:00Z')).toBe(false);
  });
});

describe('toMillis', () => {
  it('reads a bare date as midnight UTC', () => {
    expect(toMillis('2026-01-05')).toBe(Date.UTC(2026, 0, 5));
  });

  it('reads Z and numeric offsets as the same instant', () => {
    expect(toMillis('2026-01-05T10:00:00Z')).toBe(toMillis('2026-01-05T17:00:00+07:00'));
    expect(toMillis('2026-01-05T10:00:00.250Z')).toBe(Date.UTC(2026, 0, 5, 10, 0, 0, 250));
  });

  it('rejects a local date-time with no time zone', () => {
    expect(toMillis('2026-01-05T10:00:00')).toBeNaN();
  });

  it('rejects text that is not a date', () => {
    expect(toMillis('yesterday')).toBeNaN();
    expect(toMillis('05/01/2026')).toBeNaN();
  });

  // BUG (src/domain/dates.ts, toMillis, date-time branch): the shape regex passes and
  // Date.parse silently rolls 30 February over to 2 March, so a non-existent day is read
  // as a real instant. credential-reader then accepts validFrom "2026-02-30T10:00:00Z"
  // instead of answering bad-date. (Bare dates are caught only by isValidDate's round trip.)
  it('rejects a date-time on a day that does not exist (30 February)', () => {
    expect(toMillis('2026-02-30T10:00:00Z')).toBeNaN();
  });
});

describe('dayOf', () => {
  it('gives the UTC calendar day of an instant with an offset', () => {
    expect(dayOf('2026-01-01T01:00:00+07:00')).toBe('2025-12-31');
  });

  it('accepts epoch milliseconds', () => {
    expect(dayOf(Date.UTC(2026, 10, 20, 23, 59))).toBe('2026-11-20');
  });
});

describe('dayWithin', () => {
  it('is inclusive at both ends and false just outside', () => {
    expect(dayWithin('2025-01-01', '2025-01-01', '2025-12-31')).toBe(true);
    expect(dayWithin('2025-12-31', '2025-01-01', '2025-12-31')).toBe(true);
    expect(dayWithin('2024-12-31', '2025-01-01', '2025-12-31')).toBe(false);
    expect(dayWithin('2026-01-01', '2025-01-01', '2025-12-31')).toBe(false);
  });
});

describe('isValidDate against the calendar as Date reads it', () => {
  it('agrees on every month and day (0 to 32) of leap, century and ordinary years', () => {
    const byDate = (v: string) => {
      const t = Date.parse(`${v}T00:00:00Z`);
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
    };
    for (const y of [0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 9999]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const v = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isValidDate(v), v).toBe(byDate(v));
        }
      }
    }
  });
});

describe("isDateOrDateTime (an accreditation change's effectiveFrom)", () => {
  it('accepts a real date and RFC 3339 date-times with seconds and a time zone, with or without a fraction', () => {
    for (const v of [
      '2026-03-02',
      '2024-02-29',
      '2026-03-02T15:00:00Z',
      '2026-03-02T15:00:00.250Z',
      '2026-03-02T22:00:00+07:00',
    ])
      expect(isDateOrDateTime(v), v).toBe(true);
  });

  it('refuses local times, missing seconds, impossible days and times, and other text', () => {
    for (const v of [
      '2026-03-02T15:00:00',
      '2026-03-02T15:00Z',
      '2026-02-30',
      '2026-02-30T10:00:00Z',
      '2026-03-02T25:00:00Z',
      '2026-03-02 15:00:00Z',
      'today',
      '',
    ]) {
      expect(isDateOrDateTime(v), v).toBe(false);
    }
  });
});
