import { toMillis } from '../dates.js';
import type { AgreementConditions, Money } from './agreement.js';

/**
 * The conditions an agreement attaches to recognition, each judged on its own against the
 * certificate and the facts the authority states. Pure: the decision day is passed in.
 *
 * - `met`: shown by the certificate or the stated facts;
 * - `unmet`: the certificate or a stated fact falls short (e.g. 4 years stated, 6 required);
 * - `unknown`: not shown yet (the fact was not stated, or cannot be compared);
 * - `obligation`: due after recognition (follow-up training by a deadline, re-certification).
 */
export type ConditionKind =
  | 'assessment-language'
  | 'accredited-centre'
  | 'minimum-experience'
  | 'minimum-salary'
  | 'follow-up'
  | 're-certification';
export type ConditionStatus = 'met' | 'unmet' | 'unknown' | 'obligation';

export interface ConditionResult {
  kind: ConditionKind;
  status: ConditionStatus;
  code: string;
  message: string;
  required?: unknown;
  given?: unknown;
  /** for a follow-up obligation: the last day to meet it */
  deadline?: string;
}

/** What the certificate (once verified) shows, for the conditions and the coverage rules. */
export interface CertificateFacts {
  id?: string;
  qualification: string;
  aqrfLevel?: number;
  /** ISCO-08 unit group of the qualification (from the registry) */
  isco08?: string;
  /** the country of the testing centre that assessed and certified the worker */
  originCountry?: string;
  assessmentLanguage?: string;
  /** the hub's accreditation check passed: the centre was accredited for it at issuance */
  accreditedCentre: boolean;
  validUntil?: string;
}

/** Facts a destination authority holds about the worker or the job offer. */
export interface StatedFacts {
  yearsOfExperience?: number;
  offeredMonthlySalary?: Money;
}

const baseLanguage = (tag: string): string => tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
const money = (m: Money): string =>
  `${m.currency} ${m.amount.toLocaleString('en', { maximumFractionDigits: 2 })}`;

export function assessmentLanguageCondition(
  accepted: readonly string[],
  language: string | undefined,
): ConditionResult {
  const required = [...accepted];
  if (!language) {
    return {
      kind: 'assessment-language',
      status: 'unknown',
      code: 'assessment-language-unknown',
      required,
      message: `The certificate does not record the assessment language; accepted: ${required.join(', ')}.`,
    };
  }
  const ok = accepted.some((l) => baseLanguage(l) === baseLanguage(language));
  return ok
    ? {
        kind: 'assessment-language',
        status: 'met',
        code: 'assessment-language-accepted',
        required,
        given: language,
        message: `Assessed in an accepted language (${language}).`,
      }
    : {
        kind: 'assessment-language',
        status: 'unmet',
        code: 'assessment-language-not-accepted',
        required,
        given: language,
        message: `Assessed in ${language}; the agreement accepts ${required.join(', ')}.`,
      };
}

export function accreditedCentreCondition(accredited: boolean): ConditionResult {
  return accredited
    ? {
        kind: 'accredited-centre',
        status: 'met',
        code: 'accredited-centre',
        message: 'Certified by a testing centre accredited for this qualification at the time.',
      }
    : {
        kind: 'accredited-centre',
        status: 'unmet',
        code: 'centre-not-accredited',
        message:
          'The agreement requires a certificate from an accredited testing centre; the hub could not confirm the accreditation.',
      };
}

export function experienceCondition(minYears: number, years: number | undefined): ConditionResult {
  if (years === undefined) {
    return {
      kind: 'minimum-experience',
      status: 'unknown',
      code: 'experience-not-stated',
      required: minYears,
      message: `At least ${minYears} years of experience are required; not stated.`,
    };
  }
  return years >= minYears
    ? {
        kind: 'minimum-experience',
        status: 'met',
        code: 'experience-sufficient',
        required: minYears,
        given: years,
        message: `${years} years of experience stated; ${minYears} required.`,
      }
    : {
        kind: 'minimum-experience',
        status: 'unmet',
        code: 'experience-insufficient',
        required: minYears,
        given: years,
        message: `${years} years of experience stated; at least ${minYears} required.`,
      };
}

/** Amounts are compared only in the same currency: exchange rates are not the hub's to choose. */
export function salaryCondition(min: Money, offered: Money | undefined): ConditionResult {
  const base = { kind: 'minimum-salary' as const, required: min };
  if (!offered)
    return {
      ...base,
      status: 'unknown',
      code: 'salary-not-stated',
      message: `A monthly salary of at least ${money(min)} is required; no offer stated.`,
    };
  if (offered.currency.toUpperCase() !== min.currency.toUpperCase()) {
    return {
      ...base,
      status: 'unknown',
      code: 'salary-currency-differs',
      given: offered,
      message: `The minimum is ${money(min)}; the stated offer is in ${offered.currency}: state it in ${min.currency} to compare.`,
    };
  }
  return offered.amount >= min.amount
    ? {
        ...base,
        status: 'met',
        code: 'salary-sufficient',
        given: offered,
        message: `Offered ${money(offered)} a month; at least ${money(min)} required.`,
      }
    : {
        ...base,
        status: 'unmet',
        code: 'salary-below-minimum',
        given: offered,
        message: `Offered ${money(offered)} a month; at least ${money(min)} required.`,
      };
}

/** Adds whole months to a day; the 31st of a shorter month becomes its last day. */
export function addMonths(day: string, months: number): string {
  const d = new Date(toMillis(day));
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

export function followUpCondition(
  followUp: { description: string; withinMonths: number },
  decisionDay: string,
): ConditionResult {
  const deadline = addMonths(decisionDay, followUp.withinMonths);
  return {
    kind: 'follow-up',
    status: 'obligation',
    code: 'follow-up-required',
    required: followUp,
    deadline,
    message: `${followUp.description} (within ${followUp.withinMonths} months of recognition: by ${deadline}).`,
  };
}

export function recertificationCondition(): ConditionResult {
  return {
    kind: 're-certification',
    status: 'obligation',
    code: 'recertification-required',
    message: 'The worker must be re-certified in the destination country.',
  };
}

/** Every condition of an agreement, in a fixed order: certificate first, then stated facts, then obligations. */
export function evaluateConditions(
  conditions: AgreementConditions | undefined,
  certificate: CertificateFacts,
  facts: StatedFacts,
  decisionDay: string,
): ConditionResult[] {
  if (!conditions) return [];
  const out: ConditionResult[] = [];
  if (conditions.assessmentLanguages?.length)
    out.push(assessmentLanguageCondition(conditions.assessmentLanguages, certificate.assessmentLanguage));
  if (conditions.accreditedCentre) out.push(accreditedCentreCondition(certificate.accreditedCentre));
  if (conditions.minYearsExperience !== undefined)
    out.push(experienceCondition(conditions.minYearsExperience, facts.yearsOfExperience));
  if (conditions.minMonthlySalary)
    out.push(salaryCondition(conditions.minMonthlySalary, facts.offeredMonthlySalary));
  if (conditions.followUp) out.push(followUpCondition(conditions.followUp, decisionDay));
  if (conditions.recertificationRequired) out.push(recertificationCondition());
  return out;
}
