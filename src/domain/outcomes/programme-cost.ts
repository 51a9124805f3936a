import { isQuarter } from './statistics-definitions.js';

/**
 * What a programme spent in a quarter (POST /programmes/:id/costs; README "Programme
 * statistics"): the base of the cost per certified and per placed worker. A programme is the
 * label its programme tokens share. Pure.
 */
export interface ProgrammeCostInput {
  /** "2026-Q1" */
  quarter: string;
  amount: number;
  /** ISO 4217 */
  currency: string;
  note?: string;
}

export interface CostProblem {
  field: string;
  message: string;
}

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function costProblem(input: ProgrammeCostInput): CostProblem | undefined {
  if (!isQuarter(input.quarter))
    return { field: 'quarter', message: 'quarter is a calendar quarter written 2026-Q1.' };
  if (!(input.amount > 0) || !Number.isFinite(input.amount))
    return { field: 'amount', message: 'The amount must be above 0.' };
  if (!CURRENCIES.has(input.currency))
    return { field: 'currency', message: `${input.currency} is not an ISO 4217 currency code.` };
  return undefined;
}
