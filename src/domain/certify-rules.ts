import type { Accreditation, Assessment, Framework, Holder, Qualification, Spoke } from './types.js';
import type { ErrorCode } from './errors.js';
import { aqrfLevelOn } from './aqrf-level.js';
import { accreditationOn } from './accreditation.js';
import { dayOf, isValidDate } from './dates.js';

/**
 * The rules a certification request must pass before anything is signed, shared by
 * POST /certificates (first problem -> a 4xx) and cohort previews (every problem, per row and
 * column). Pure: the registry facts and the issuance day or instant are passed in.
 */
export type CertifyRule = 'holder-unidentified' | 'invalid-date' | 'future-date' | 'unknown-qualification' | 'level-not-referenced' | 'not-accredited';

export interface CertifyProblem {
  rule: CertifyRule;
  /** the HTTP error code it maps to for a single request */
  code: ErrorCode;
  /** request field: holder, holder.birthDate, assessment.date, qualification */
  field: string;
  message: string;
  details?: Record<string, unknown>;
}

export function requestProblems(req: { holder: Holder; assessment: Pick<Assessment, 'date'> }, today: string): CertifyProblem[] {
  const problems: CertifyProblem[] = [];
  if (!req.holder.birthDate && !req.holder.documentNumber) {
    problems.push({ rule: 'holder-unidentified', code: 'validation-failed', field: 'holder', message: 'The holder needs a birthDate or a documentNumber to be matched.', details: { field: 'holder' } });
  }
  if (req.holder.birthDate && !isValidDate(req.holder.birthDate)) {
    problems.push({ rule: 'invalid-date', code: 'validation-failed', field: 'holder.birthDate', message: 'holder.birthDate must be a real date.', details: { field: 'holder.birthDate' } });
  }
  if (!isValidDate(req.assessment.date)) {
    problems.push({ rule: 'invalid-date', code: 'validation-failed', field: 'assessment.date', message: 'assessment.date must be a real date.', details: { field: 'assessment.date' } });
  } else if (req.assessment.date > today) {
    problems.push({ rule: 'future-date', code: 'validation-failed', field: 'assessment.date', message: 'The assessment date is in the future.', details: { field: 'assessment.date' } });
  }
  return problems;
}

export interface RegistryFacts {
  spoke: Spoke;
  qualification: Qualification | undefined;
  framework: Framework | undefined;
  accreditations: readonly Accreditation[];
}

/**
 * The qualification exists, has an AQRF level in force on the issuance day and the centre is
 * accredited for it at the issuance instant `at` (accreditation changes take effect at an instant: ./accreditation.ts).
 */
export function registryProblems(code: string, facts: RegistryFacts, at: string): { problems: CertifyProblem[]; aqrfLevel?: number } {
  const { spoke, qualification, framework } = facts;
  const today = dayOf(at);
  if (!qualification) {
    return { problems: [{ rule: 'unknown-qualification', code: 'unknown-qualification', field: 'qualification', message: `No qualification ${code}.`, details: { field: 'qualification' } }] };
  }
  const mapping = framework ? aqrfLevelOn(framework, qualification.level, today) : undefined;
  if (!framework || !mapping) {
    return { problems: [{ rule: 'level-not-referenced', code: 'level-not-referenced', field: 'qualification', message: `${qualification.code} has no AQRF level in force today.` }] };
  }
  const accreditation = accreditationOn(facts.accreditations, qualification.code, at);
  if (!accreditation.covered) {
    const why = accreditation.reason === 'suspended' ? 'is suspended' : accreditation.reason === 'withdrawn' ? 'was withdrawn' : 'does not cover it';
    return {
      problems: [{ rule: 'not-accredited', code: 'not-accredited', field: 'qualification', message: `${spoke.name} may not certify ${qualification.code} at ${at}: its accreditation ${why}.`, details: { reason: accreditation.reason } }],
      aqrfLevel: mapping.aqrfLevel,
    };
  }
  return { problems: [], aqrfLevel: mapping.aqrfLevel };
}
