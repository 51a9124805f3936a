import { describe, expect, it } from 'vitest';
import {
  followUpContentProblem,
  placementProblem,
  type PlacementInput,
} from '../../../src/domain/outcomes/placement.js';
import { consentCell } from '../../../src/domain/outcomes/consent.js';
import { checkRow } from '../../../src/domain/batch-rows.js';

const placement = (over: Partial<PlacementInput> = {}): PlacementInput => ({
  destination: 'TH',
  isco08: '7112',
  startDate: '2026-12-01',
  monthlyWage: { amount: 12000, currency: 'THB' },
  contractType: 'fixed-term',
  ...over,
});
const TODAY = '2026-11-20';

describe('placement rules', () => {
  it('a well-formed placement in the employer country passes', () => {
    expect(placementProblem(placement(), 'TH', TODAY)).toBeUndefined();
  });

  it("the destination must be the employer token's country", () => {
    expect(placementProblem(placement({ destination: 'MY' }), 'TH', TODAY)).toMatchObject({
      code: 'destination-mismatch',
      field: 'destination',
    });
  });

  it('the job is an ISCO-08 unit group (four digits)', () => {
    expect(placementProblem(placement({ isco08: '711' }), 'TH', TODAY)?.field).toBe('isco08');
    expect(placementProblem(placement({ isco08: '71120' }), 'TH', TODAY)?.field).toBe('isco08');
  });

  it('the start is a real day, at most a year ahead', () => {
    expect(placementProblem(placement({ startDate: '2026-02-30' }), 'TH', TODAY)?.field).toBe('startDate');
    expect(placementProblem(placement({ startDate: '2027-11-20' }), 'TH', TODAY)).toBeUndefined();
    expect(placementProblem(placement({ startDate: '2027-11-21' }), 'TH', TODAY)?.field).toBe('startDate');
  });

  it('the wage is in an ISO 4217 currency', () => {
    expect(
      placementProblem(placement({ monthlyWage: { amount: 1, currency: 'ABC' } }), 'TH', TODAY),
    ).toMatchObject({ code: 'validation-failed', field: 'monthlyWage.currency' });
    expect(
      placementProblem(placement({ monthlyWage: { amount: 350, currency: 'USD' } }), 'TH', TODAY),
    ).toBeUndefined();
  });

  it('a worker no longer employed reports no wage or role; a wage is in a real currency', () => {
    expect(followUpContentProblem({ month: 3, stillEmployed: false })).toBeUndefined();
    expect(
      followUpContentProblem({ month: 3, stillEmployed: false, monthlyWage: { amount: 1, currency: 'THB' } }),
    ).toMatchObject({ field: 'monthlyWage' });
    expect(followUpContentProblem({ month: 3, stillEmployed: false, roleOrGrade: 'R1' })).toMatchObject({
      field: 'roleOrGrade',
    });
    expect(
      followUpContentProblem({ month: 6, stillEmployed: true, monthlyWage: { amount: 1, currency: 'XYZ' } }),
    ).toMatchObject({ field: 'monthlyWage.currency' });
  });
});

describe('consent to follow-up in a cohort file', () => {
  it('reads yes and no, and never guesses anything else', () => {
    for (const yes of ['yes', 'TRUE', '1', ' Yes ']) expect(consentCell(yes)).toBe(true);
    for (const no of ['', 'no', 'false', '0']) expect(consentCell(no)).toBe(false);
    for (const unclear of ['maybe', 'y', 'oui']) expect(consentCell(unclear)).toBeUndefined();
  });

  it('a row carries the consent to its request, and an unclear cell is a row error', () => {
    const cells = {
      qualification: 'TH-BRICK-1',
      holderName: 'Sok Dara',
      holderBirthDate: '1995-04-12',
      assessmentDate: '2026-11-18',
      assessmentLanguage: 'km',
      result: 'competent',
    };
    expect(checkRow({ ...cells, consentToFollowUp: 'yes' }, TODAY).request?.holder.consentToFollowUp).toBe(
      true,
    );
    expect(checkRow(cells, TODAY).request?.holder.consentToFollowUp).toBeUndefined();
    expect(checkRow({ ...cells, consentToFollowUp: 'maybe' }, TODAY).errors).toEqual([
      expect.objectContaining({ column: 'consentToFollowUp', code: 'invalid-consent' }),
    ]);
  });
});
