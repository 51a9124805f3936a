import { describe, expect, it } from 'vitest';
import {
  accreditedCentreCondition,
  addMonths,
  assessmentLanguageCondition,
  evaluateConditions,
  experienceCondition,
  followUpCondition,
  recertificationCondition,
  salaryCondition,
  type CertificateFacts,
} from '../../../src/domain/recognition/conditions.js';

/** Each condition kind on its own: met, unmet, not shown, and the edges between them. */
describe('recognition conditions', () => {
  describe('assessment language', () => {
    it('is met by an accepted language, by its base language too (km-KH for km), case-insensitively', () => {
      expect(assessmentLanguageCondition(['km', 'th'], 'km')).toMatchObject({
        status: 'met',
        code: 'assessment-language-accepted',
      });
      expect(assessmentLanguageCondition(['km'], 'km-KH').status).toBe('met');
      expect(assessmentLanguageCondition(['KM'], 'km').status).toBe('met');
    });
    it('is unmet by another language and unknown when the certificate does not record one', () => {
      expect(assessmentLanguageCondition(['km', 'th'], 'en')).toMatchObject({
        status: 'unmet',
        code: 'assessment-language-not-accepted',
        given: 'en',
        required: ['km', 'th'],
      });
      expect(assessmentLanguageCondition(['km'], undefined)).toMatchObject({
        status: 'unknown',
        code: 'assessment-language-unknown',
      });
    });
  });

  it("accredited centre: met when the hub's accreditation check passed, unmet otherwise", () => {
    expect(accreditedCentreCondition(true)).toMatchObject({ status: 'met', code: 'accredited-centre' });
    expect(accreditedCentreCondition(false)).toMatchObject({
      status: 'unmet',
      code: 'centre-not-accredited',
    });
  });

  describe('minimum experience', () => {
    it.each([
      [6, 6, 'met', 'experience-sufficient'],
      [6, 7.5, 'met', 'experience-sufficient'],
      [6, 5.99, 'unmet', 'experience-insufficient'],
      [6, 0, 'unmet', 'experience-insufficient'],
      [0, 0, 'met', 'experience-sufficient'],
    ])('%s years required, %s stated: %s', (min, years, status, code) => {
      expect(experienceCondition(min, years)).toMatchObject({ status, code, required: min, given: years });
    });
    it('is unknown (still to show) when no experience is stated', () => {
      expect(experienceCondition(6, undefined)).toMatchObject({
        status: 'unknown',
        code: 'experience-not-stated',
      });
    });
  });

  describe('minimum salary', () => {
    const min = { amount: 1600, currency: 'SGD' };
    it('is met at exactly the minimum and above, unmet below, in the same currency', () => {
      expect(salaryCondition(min, { amount: 1600, currency: 'SGD' })).toMatchObject({
        status: 'met',
        code: 'salary-sufficient',
      });
      expect(salaryCondition(min, { amount: 2000, currency: 'sgd' }).status).toBe('met');
      expect(salaryCondition(min, { amount: 1599.99, currency: 'SGD' })).toMatchObject({
        status: 'unmet',
        code: 'salary-below-minimum',
      });
    });
    it('never converts currencies: another currency cannot be compared and stays to be shown', () => {
      const r = salaryCondition(min, { amount: 50000, currency: 'THB' });
      expect(r).toMatchObject({ status: 'unknown', code: 'salary-currency-differs' });
      expect(r.message).toContain('SGD');
    });
    it('is unknown when no offer is stated', () => {
      expect(salaryCondition(min, undefined)).toMatchObject({ status: 'unknown', code: 'salary-not-stated' });
    });
  });

  describe('follow-up obligation', () => {
    it('is an obligation with a deadline counted from the decision day', () => {
      expect(
        followUpCondition({ description: 'Continuing education', withinMonths: 24 }, '2026-11-20'),
      ).toMatchObject({ status: 'obligation', code: 'follow-up-required', deadline: '2028-11-20' });
    });
    it.each([
      ['2026-01-31', 1, '2026-02-28'], // no 31 February: the last day of the month
      ['2028-02-29', 24, '2030-02-28'], // leap day to a common year
      ['2027-02-28', 12, '2028-02-28'],
      ['2026-12-15', 1, '2027-01-15'], // over the year end
      ['2026-11-20', 6, '2027-05-20'],
    ])('from %s, %s month(s): %s', (day, months, deadline) => {
      expect(addMonths(day, months)).toBe(deadline);
      expect(followUpCondition({ description: 'x', withinMonths: months }, day).deadline).toBe(deadline);
    });
  });

  it('re-certification is an obligation', () => {
    expect(recertificationCondition()).toMatchObject({
      kind: 're-certification',
      status: 'obligation',
      code: 'recertification-required',
    });
  });

  it('evaluates every condition an agreement has, certificate first, obligations last, and none when it has none', () => {
    const cert: CertificateFacts = {
      qualification: 'TH-BRICK-1',
      assessmentLanguage: 'km',
      accreditedCentre: true,
    };
    const all = evaluateConditions(
      {
        recertificationRequired: true,
        followUp: { description: 'CET', withinMonths: 24 },
        minMonthlySalary: { amount: 1600, currency: 'SGD' },
        minYearsExperience: 6,
        accreditedCentre: true,
        assessmentLanguages: ['km'],
      },
      cert,
      { yearsOfExperience: 6 },
      '2026-11-20',
    );
    expect(all.map((c) => [c.kind, c.status])).toEqual([
      ['assessment-language', 'met'],
      ['accredited-centre', 'met'],
      ['minimum-experience', 'met'],
      ['minimum-salary', 'unknown'],
      ['follow-up', 'obligation'],
      ['re-certification', 'obligation'],
    ]);
    expect(evaluateConditions(undefined, cert, {}, '2026-11-20')).toEqual([]);
    expect(
      evaluateConditions({ accreditedCentre: false, recertificationRequired: false }, cert, {}, '2026-11-20'),
    ).toEqual([]);
  });
});
