import { describe, expect, it } from 'vitest';
import { surveyAnswerFrom, surveyState } from '../../../src/domain/outcomes/worker-survey.js';

/** The worker survey's rules (src/domain/outcomes/worker-survey.ts): which mark is asked, and what a posted form means. */
describe('surveyState', () => {
  it('asks nothing before the first mark, and says when it opens', () => {
    expect(surveyState('2026-08-31', [], '2026-11-29')).toEqual({ state: 'waiting', next: '2026-11-30' });
  });
  it('asks the latest mark reached, once; a mark passed over is not asked any more', () => {
    expect(surveyState('2026-08-31', [], '2026-11-30')).toEqual({
      state: 'due',
      mark: { month: 3, dueOn: '2026-11-30' },
    });
    expect(surveyState('2026-08-31', [3], '2026-12-01')).toEqual({ state: 'waiting', next: '2027-02-28' });
    expect(surveyState('2026-08-31', [], '2027-03-01')).toMatchObject({ state: 'due', mark: { month: 6 } });
    expect(surveyState('2026-08-31', [6], '2027-03-01')).toEqual({ state: 'waiting', next: '2027-08-31' });
    expect(surveyState('2026-08-31', [12], '2028-01-01')).toEqual({ state: 'done' });
  });
});

describe('surveyAnswerFrom', () => {
  const form = {
    stillEmployed: 'yes',
    wageAmount: '12,500.50',
    wageCurrency: 'THB',
    roleOrGrade: ' mason ',
    wouldRecommend: 'no',
  };
  it('reads a full answer (thousands separators and spaces allowed in the wage)', () => {
    expect(surveyAnswerFrom(form, 3)).toEqual({
      answer: {
        month: 3,
        stillEmployed: true,
        monthlyWage: { amount: 12500.5, currency: 'THB' },
        roleOrGrade: 'mason',
        wouldRecommend: false,
      },
    });
    expect(surveyAnswerFrom({ ...form, wageAmount: '', roleOrGrade: '' }, 3)).toEqual({
      answer: { month: 3, stillEmployed: true, wouldRecommend: false },
    });
  });
  it('sets wage and role aside for a worker no longer employed', () => {
    expect(surveyAnswerFrom({ ...form, stillEmployed: 'no' }, 6)).toEqual({
      answer: { month: 6, stillEmployed: false, wouldRecommend: false },
    });
  });
  it('names the first wrong field', () => {
    expect(surveyAnswerFrom({ ...form, stillEmployed: undefined }, 3)).toEqual({ problem: 'stillEmployed' });
    expect(surveyAnswerFrom({ ...form, wouldRecommend: 'maybe' }, 3)).toEqual({ problem: 'wouldRecommend' });
    for (const wageAmount of ['0', '-5', 'lots', '1e5'])
      expect(surveyAnswerFrom({ ...form, wageAmount }, 3), wageAmount).toEqual({ problem: 'monthlyWage' });
    expect(surveyAnswerFrom({ ...form, wageCurrency: 'ABC' }, 3)).toEqual({ problem: 'monthlyWage' });
    expect(surveyAnswerFrom({ ...form, roleOrGrade: 'x'.repeat(101) }, 3)).toEqual({
      problem: 'roleOrGrade',
    });
    expect(surveyAnswerFrom({ ...form, roleOrGrade: 'a\u0007b' }, 3)).toEqual({ problem: 'roleOrGrade' });
  });
});
