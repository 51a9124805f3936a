import { addYears, isValidDate } from '../dates.js';
import type { FollowUpMonth } from './follow-ups.js';

/**
 * A placement: an employer in a destination country took on a certified worker who consented
 * to follow-up (issue 16, item 2), and the tracer answers it gets. Pure: the rules take the
 * employer's country and the day as inputs.
 */
export interface MonthlyWage {
  amount: number;
  /** ISO 4217 */
  currency: string;
}

export const CONTRACT_TYPES = ['permanent', 'fixed-term', 'seasonal', 'other'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export interface PlacementInput {
  /** ISO 3166-1 alpha-2 */
  destination: string;
  /** ISCO-08 unit group: four digits */
  isco08: string;
  startDate: string;
  monthlyWage: MonthlyWage;
  contractType: ContractType;
}

export interface Placement extends PlacementInput {
  id: string;
  /** the employer it belongs to: any of its tokens reads and follows it up (migration 012) */
  employer: string;
  /** the id of the employer token that recorded it (kept for the record, not for access) */
  employerToken: string;
  certificateId: string;
  recordedAt: string;
}

export interface FollowUpInput {
  month: FollowUpMonth;
  stillEmployed: boolean;
  monthlyWage?: MonthlyWage;
  roleOrGrade?: string;
}

export interface FollowUp extends FollowUpInput {
  placementId: string;
  answeredAt: string;
}

export interface OutcomeProblem {
  code: 'validation-failed' | 'destination-mismatch';
  field: string;
  message: string;
}

/** ISCO-08 unit groups are four digits (ILO, ISCO-08 structure); the major group 0 (armed forces) included. */
const ISCO08_UNIT_GROUP = /^[0-9]{4}$/;

/**
 * ISO 4217 currency codes in use, as the runtime's ICU data knows them (Intl.supportedValuesOf):
 * "ABC" matches the three-letter pattern but is no currency.
 */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function wageProblem(wage: MonthlyWage, field: string): OutcomeProblem | undefined {
  if (!CURRENCIES.has(wage.currency))
    return {
      code: 'validation-failed',
      field: `${field}.currency`,
      message: `${wage.currency} is not an ISO 4217 currency code.`,
    };
  if (!(wage.amount > 0) || !Number.isFinite(wage.amount))
    return { code: 'validation-failed', field: `${field}.amount`, message: 'The wage must be above 0.' };
  return undefined;
}

/**
 * The first problem with a placement as sent by an employer of `employerCountry` on `today`:
 * it is in the employer's own country (an employer records its own placements, not another
 * country's), a real ISCO-08 unit group, a real start day at most a year ahead, a real currency.
 */
export function placementProblem(
  input: PlacementInput,
  employerCountry: string,
  today: string,
): OutcomeProblem | undefined {
  if (input.destination !== employerCountry)
    return {
      code: 'destination-mismatch',
      field: 'destination',
      message: `This employer token records placements in ${employerCountry}, not ${input.destination}.`,
    };
  if (!ISCO08_UNIT_GROUP.test(input.isco08))
    return {
      code: 'validation-failed',
      field: 'isco08',
      message: 'isco08 is an ISCO-08 unit group: four digits, e.g. 7112 (bricklayers).',
    };
  if (!isValidDate(input.startDate))
    return {
      code: 'validation-failed',
      field: 'startDate',
      message: 'startDate must be a real day written YYYY-MM-DD.',
    };
  if (input.startDate > addYears(today, 1))
    return {
      code: 'validation-failed',
      field: 'startDate',
      message: 'startDate is more than a year ahead: record the placement nearer its start.',
    };
  return wageProblem(input.monthlyWage, 'monthlyWage');
}

/** The first problem with a follow-up's content: a worker no longer employed has no wage or role to report. */
export function followUpContentProblem(input: FollowUpInput): OutcomeProblem | undefined {
  if (!input.stillEmployed && (input.monthlyWage || input.roleOrGrade))
    return {
      code: 'validation-failed',
      field: input.monthlyWage ? 'monthlyWage' : 'roleOrGrade',
      message: 'A worker no longer employed has no wage or role to report: send stillEmployed only.',
    };
  return input.monthlyWage ? wageProblem(input.monthlyWage, 'monthlyWage') : undefined;
}
