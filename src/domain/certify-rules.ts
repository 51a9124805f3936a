import type { Accreditation, Assessment, Framework, Holder, Qualification, Spoke } from './types.js';
import type { ErrorCode } from './errors.js';
import { aqrfLevelOn } from './aqrf-level.js';
import { accreditationOn } from './accreditation.js';
import { dayOf, isValidDate } from './dates.js';
import { codePointLabel, hiddenCharacters } from './hidden-characters.js';

/**
 * The rules a certification request must pass before anything is signed, shared by
 * POST /certificates (first problem -> a 4xx) and cohort previews (every problem, per row and
 * column). Pure: the registry facts and the issuance day or instant are passed in.
 */
export type CertifyRule =
  | 'required'
  | 'control-characters'
  | 'invisible-characters'
  | 'not-latin-script'
  | 'holder-unidentified'
  | 'invalid-date'
  | 'future-date'
  | 'implausible-date'
  | 'unknown-qualification'
  | 'level-not-referenced'
  | 'not-accredited';

/** No worker alive was born before this day; an earlier birth date is a typing error. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

export interface CertifyProblem {
  rule: CertifyRule;
  /** the HTTP error code it maps to for a single request */
  code: ErrorCode;
  /** request field: holder, holder.name, holder.nameLatin, holder.birthDate, holder.documentNumber, assessment.date, qualification */
  field: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * The holder's name and document number as people will read them: not blank, no control
 * characters (a line break, a tab, NUL, C1), no hidden ones (a bidirectional override, a
 * zero-width space or joiner out of place, a BOM: ./hidden-characters.ts), which could make
 * a name look like another on a page or a printed certificate.
 */
export function textProblem(field: string, value: string, required: boolean): CertifyProblem | undefined {
  const problem = (rule: CertifyRule, message: string): CertifyProblem => ({
    rule,
    code: 'validation-failed',
    field,
    message,
    details: { field, rule },
  });
  if (!value.trim()) return required ? problem('required', `${field} is blank.`) : undefined;
  const first = hiddenCharacters(value)[0];
  if (!first) return undefined;
  return first.kind === 'control'
    ? problem(
        'control-characters',
        `${field} holds a line break, tab or other control character (${codePointLabel(first.codePoint)}).`,
      )
    : problem(
        'invisible-characters',
        `${field} holds an invisible or direction-changing character (${codePointLabel(first.codePoint)}), which can disguise a name; remove it.`,
      );
}

/**
 * The holder's name in Latin letters is for readers of another script: Latin letters (with
 * their accents: Nguyễn), spaces and the punctuation of names (. , ' ’ - ( )) only, at least
 * one letter; no digits, no other script (a Khmer or Thai letter here defeats its purpose), no
 * symbols. Hidden and control characters are refused first, as for the name (textProblem).
 */
const LATIN_NAME = /^[\p{Script=Latin}\p{Script=Inherited} .,'’()-]+$/u;
export function latinNameProblem(field: string, value: string): CertifyProblem | undefined {
  const text = textProblem(field, value, true);
  if (text) return text;
  if (LATIN_NAME.test(value) && /\p{Script=Latin}/u.test(value)) return undefined;
  const other = [...value].find((ch) => !LATIN_NAME.test(ch));
  return {
    rule: 'not-latin-script',
    code: 'validation-failed',
    field,
    message: `${field} must be written in Latin letters only (a transliteration such as "Sok Dara")${other ? `; "${other}" (${codePointLabel(other.codePointAt(0)!)}) is not one` : ''}.`,
    details: { field, rule: 'not-latin-script' },
  };
}

export function requestProblems(
  req: { holder: Holder; assessment: Pick<Assessment, 'date'> },
  today: string,
): CertifyProblem[] {
  const problems: CertifyProblem[] = [];
  const add = (p: CertifyProblem | undefined) => {
    if (p) problems.push(p);
  };
  add(textProblem('holder.name', req.holder.name, true));
  if (req.holder.nameLatin !== undefined) add(latinNameProblem('holder.nameLatin', req.holder.nameLatin));
  if (req.holder.documentNumber !== undefined)
    add(textProblem('holder.documentNumber', req.holder.documentNumber, true));
  if (!req.holder.birthDate && !req.holder.documentNumber) {
    problems.push({
      rule: 'holder-unidentified',
      code: 'validation-failed',
      field: 'holder',
      message: 'The holder needs a birthDate or a documentNumber to be matched.',
      details: { field: 'holder', rule: 'holder-unidentified' },
    });
  }
  const birth = req.holder.birthDate;
  if (birth && !isValidDate(birth)) {
    problems.push({
      rule: 'invalid-date',
      code: 'validation-failed',
      field: 'holder.birthDate',
      message: 'holder.birthDate must be a real date.',
      details: { field: 'holder.birthDate', rule: 'invalid-date' },
    });
  } else if (birth && birth > today) {
    problems.push({
      rule: 'future-date',
      code: 'validation-failed',
      field: 'holder.birthDate',
      message: `holder.birthDate ${birth} is after the day of issuance.`,
      details: { field: 'holder.birthDate', rule: 'future-date' },
    });
  } else if (birth && birth < EARLIEST_BIRTH_DATE) {
    problems.push({
      rule: 'implausible-date',
      code: 'validation-failed',
      field: 'holder.birthDate',
      message: `holder.birthDate ${birth} is before ${EARLIEST_BIRTH_DATE}: a typing error?`,
      details: { field: 'holder.birthDate', rule: 'implausible-date' },
    });
  }
  if (!isValidDate(req.assessment.date)) {
    problems.push({
      rule: 'invalid-date',
      code: 'validation-failed',
      field: 'assessment.date',
      message: 'assessment.date must be a real date.',
      details: { field: 'assessment.date', rule: 'invalid-date' },
    });
  } else if (req.assessment.date > today) {
    problems.push({
      rule: 'future-date',
      code: 'validation-failed',
      field: 'assessment.date',
      message: 'The assessment date is in the future.',
      details: { field: 'assessment.date', rule: 'future-date' },
    });
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
export function registryProblems(
  code: string,
  facts: RegistryFacts,
  at: string,
): { problems: CertifyProblem[]; aqrfLevel?: number } {
  const { spoke, qualification, framework } = facts;
  const today = dayOf(at);
  if (!qualification) {
    return {
      problems: [
        {
          rule: 'unknown-qualification',
          code: 'unknown-qualification',
          field: 'qualification',
          message: `No qualification ${code}.`,
          details: { field: 'qualification' },
        },
      ],
    };
  }
  const mapping = framework ? aqrfLevelOn(framework, qualification.level, today) : undefined;
  if (!framework || !mapping) {
    return {
      problems: [
        {
          rule: 'level-not-referenced',
          code: 'level-not-referenced',
          field: 'qualification',
          message: `${qualification.code} has no AQRF level in force today.`,
        },
      ],
    };
  }
  const accreditation = accreditationOn(facts.accreditations, qualification.code, at);
  if (!accreditation.covered) {
    const why =
      accreditation.reason === 'suspended'
        ? 'is suspended'
        : accreditation.reason === 'withdrawn'
          ? 'was withdrawn'
          : 'does not cover it';
    return {
      problems: [
        {
          rule: 'not-accredited',
          code: 'not-accredited',
          field: 'qualification',
          message: `${spoke.name} may not certify ${qualification.code} at ${at}: its accreditation ${why}.`,
          details: { reason: accreditation.reason },
        },
      ],
      aqrfLevel: mapping.aqrfLevel,
    };
  }
  return { problems: [], aqrfLevel: mapping.aqrfLevel };
}
