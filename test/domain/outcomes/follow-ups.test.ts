import { describe, expect, it } from 'vitest';
import {
  addMonths,
  dueFollowUps,
  followUpRefusal,
  followUpSchedule,
} from '../../../src/domain/outcomes/follow-ups.js';

describe('follow-up due dates (3, 6 and 12 months after the start)', () => {
  it('adds calendar months, across a year end', () => {
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-10-15', 3)).toBe('2027-01-15');
    expect(addMonths('2026-11-20', 12)).toBe('2027-11-20');
    expect(addMonths('2026-11-20', -3)).toBe('2026-08-20');
  });

  it('a day the target month lacks becomes its last day, never the next month', () => {
    expect(addMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29'); // leap year
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('the schedule names the three marks', () => {
    expect(followUpSchedule('2026-05-31')).toEqual([
      { month: 3, dueOn: '2026-08-31' },
      { month: 6, dueOn: '2026-11-30' },
      { month: 12, dueOn: '2027-05-31' },
    ]);
  });

  it('a mark is due from its day on, until answered', () => {
    expect(dueFollowUps('2026-05-31', [], '2026-08-30')).toEqual([]);
    expect(dueFollowUps('2026-05-31', [], '2026-08-31')).toEqual([{ month: 3, dueOn: '2026-08-31' }]);
    expect(dueFollowUps('2026-05-31', [], '2026-12-01').map((m) => m.month)).toEqual([3, 6]);
    expect(dueFollowUps('2026-05-31', [3], '2026-12-01').map((m) => m.month)).toEqual([6]);
    expect(dueFollowUps('2026-05-31', [3, 6, 12], '2030-01-01')).toEqual([]);
  });

  it('an answer is refused before its mark is due, and a second answer for the same mark', () => {
    expect(followUpRefusal('2026-08-31', 6, [], '2027-02-27')).toMatchObject({
      code: 'follow-up-not-due',
      dueOn: '2027-02-28',
    });
    expect(followUpRefusal('2026-08-31', 6, [], '2027-02-28')).toBeUndefined();
    expect(followUpRefusal('2026-08-31', 3, [3], '2027-02-28')).toMatchObject({
      code: 'follow-up-already-answered',
    });
    // a late answer for an earlier mark is still taken
    expect(followUpRefusal('2026-08-31', 3, [6], '2027-09-01')).toBeUndefined();
  });
});
