import type { Assessment, Holder } from './types.js';
import { isValidDate, ISO_DATE } from './dates.js';
import { requestProblems, type CertifyProblem } from './certify-rules.js';
import { holderKeys } from './holder-key.js';
import { normaliseQualificationCode } from './qualification-code.js';
import { hiddenCharacters } from './hidden-characters.js';
import { consentCell } from './outcomes/consent.js';

/**
 * A testing centre's cohort file: its columns, and the checks each row passes before the
 * preview (the same fields and limits as POST /certificates, reported per row and column
 * rather than stopping at the first). Pure: the issuance day is passed in.
 */
export interface BatchColumn {
  name: string;
  required: boolean;
  example: string;
  description: string;
}

export const BATCH_COLUMNS: readonly BatchColumn[] = [
  {
    name: 'qualification',
    required: true,
    example: 'TH-BRICK-1',
    description:
      'Qualification code in the hub registry (GET /registry/qualifications); the centre must be accredited for it on the day of issuance.',
  },
  {
    name: 'holderName',
    required: true,
    example: 'Sok Dara',
    description: "The worker's full name as on their identity document (up to 200 characters).",
  },
  {
    name: 'holderBirthDate',
    required: false,
    example: '1995-04-12',
    description: 'Birth date, YYYY-MM-DD. holderBirthDate or holderDocumentNumber (or both) is required.',
  },
  {
    name: 'holderDocumentNumber',
    required: false,
    example: 'N1234567',
    description: 'Identity card or passport number (up to 64 characters).',
  },
  {
    name: 'assessmentDate',
    required: true,
    example: '2026-11-18',
    description: 'Day of the assessment, YYYY-MM-DD, not in the future.',
  },
  {
    name: 'assessmentLanguage',
    required: true,
    example: 'km',
    description: 'Language of the assessment, a BCP 47 tag: km, th, lo, my, vi, en ...',
  },
  { name: 'result', required: true, example: 'competent', description: 'Only "competent" is certified.' },
  {
    name: 'score',
    required: false,
    example: '',
    description: 'Optional score or grade (up to 64 characters).',
  },
  // newer optional columns go last, so cohort files made from the older template keep their order
  {
    name: 'holderNameLatin',
    required: false,
    example: 'Sok Dara',
    description:
      "The worker's name in Latin letters, when holderName is in another script (សុខ ដារា -> Sok Dara): shown next to it so that employers who read another script can read it.",
  },
  {
    name: 'showBirthDate',
    required: false,
    example: 'no',
    description:
      'yes: print the birth date on the certificate and its pages. Empty or no: it stays only in the hashed identifier.',
  },
  {
    name: 'consentToFollowUp',
    required: false,
    example: 'yes',
    description:
      'yes if the worker agreed to follow-up after placement (recorded by the hub with the wording version, not in the credential); empty or no otherwise.',
  },
];

export const COLUMN_NAMES = BATCH_COLUMNS.map((c) => c.name);
const LIMITS: Record<string, number> = {
  qualification: 64,
  holderName: 200,
  holderNameLatin: 200,
  holderDocumentNumber: 64,
  showBirthDate: 5,
  score: 64,
  assessmentLanguage: 35,
  holderBirthDate: 10,
  assessmentDate: 10,
  result: 32,
  consentToFollowUp: 5,
};
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Row-level problem codes (stable; documented in README "Cohorts"). */
export type RowErrorCode =
  | 'required'
  | 'too-long'
  | 'control-characters'
  | 'invisible-characters'
  | 'not-latin-script'
  | 'invalid-yes-no'
  | 'formula-like'
  | 'invalid-date'
  | 'future-date'
  | 'implausible-date'
  | 'invalid-language'
  | 'invalid-result'
  | 'invalid-consent'
  | 'holder-unidentified'
  | 'extra-cells'
  | 'unknown-qualification'
  | 'level-not-referenced'
  | 'not-accredited'
  | 'duplicate-in-cohort'
  | 'already-certified';

export interface RowError {
  column: string;
  code: RowErrorCode | string;
  message: string;
}

export interface RowRequest {
  qualification: string;
  holder: Holder;
  assessment: Assessment;
}

/** A header cell to its column: case, spaces, dashes and underscores do not matter ("Holder name" = holderName). */
export const headerKey = (cell: string): string =>
  cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
const BY_KEY = new Map(BATCH_COLUMNS.map((c) => [headerKey(c.name), c.name]));
export const columnFor = (headerCell: string): string | undefined => BY_KEY.get(headerKey(headerCell));

/** Spreadsheet formula triggers (CSV injection): a cell starting with =, +, - or @ (no cohort column legitimately does). */
export const looksLikeFormula = (v: string): boolean => /^[=+\-@]/.test(v);

const FIELD_COLUMN: Record<string, string> = {
  holder: 'holderBirthDate',
  'holder.name': 'holderName',
  'holder.nameLatin': 'holderNameLatin',
  'holder.birthDate': 'holderBirthDate',
  'holder.documentNumber': 'holderDocumentNumber',
  'assessment.date': 'assessmentDate',
  qualification: 'qualification',
};
export const problemToRowError = (p: CertifyProblem): RowError => {
  const column = FIELD_COLUMN[p.field] ?? p.field;
  return {
    column,
    code: p.rule,
    message:
      p.rule === 'holder-unidentified'
        ? 'Give holderBirthDate or holderDocumentNumber (or both), so the worker can be matched.'
        : p.rule === 'invalid-date'
          ? `${column} must be a real date written YYYY-MM-DD.`
          : p.rule === 'future-date'
            ? column === 'assessmentDate'
              ? 'The assessment date is in the future.'
              : `${column} is after the day of issuance.`
            : p.message.replace(p.field, column),
  };
};

const YES_NO: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  '1': true,
  no: false,
  n: false,
  false: false,
  '0': false,
};

/** Checks one row's cells (already mapped to column names) and builds its request when they pass. */
export function checkRow(
  cells: Record<string, string>,
  today: string,
): { request?: RowRequest; errors: RowError[] } {
  const errors: RowError[] = [];
  const v: Record<string, string> = {};
  for (const name of COLUMN_NAMES) {
    const raw = cells[name] ?? '';
    const value = raw.trim();
    v[name] = value;
    const column = BATCH_COLUMNS.find((c) => c.name === name)!;
    if (!value) {
      if (column.required) errors.push({ column: name, code: 'required', message: `${name} is required.` });
      continue;
    }
    // C0, DEL, C1 and the line and paragraph separators (./hidden-characters.ts); hidden ones are judged per field by requestProblems
    if (hiddenCharacters(value).some((h) => h.kind === 'control')) {
      errors.push({
        column: name,
        code: 'control-characters',
        message: `${name} holds a line break, tab or other control character.`,
      });
      continue;
    }
    if (looksLikeFormula(value)) {
      errors.push({
        column: name,
        code: 'formula-like',
        message: `${name} starts with "${value[0]}", as a spreadsheet formula does; remove it.`,
      });
      continue;
    }
    if (value.length > (LIMITS[name] ?? 200))
      errors.push({
        column: name,
        code: 'too-long',
        message: `${name} is longer than ${LIMITS[name]} characters.`,
      });
  }
  const bad = (col: string) => errors.some((e) => e.column === col);
  for (const col of ['holderBirthDate', 'assessmentDate']) {
    if (v[col] && !bad(col) && !(ISO_DATE.test(v[col]!) && isValidDate(v[col]!))) {
      errors.push({
        column: col,
        code: 'invalid-date',
        message: `${col} "${v[col]}" is not a real date written YYYY-MM-DD${/^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$/.test(v[col]!) ? ' (a spreadsheet may have reformatted it: format the column as text)' : ''}.`,
      });
    }
  }
  if (v.assessmentLanguage && !bad('assessmentLanguage') && !LANGUAGE.test(v.assessmentLanguage)) {
    errors.push({
      column: 'assessmentLanguage',
      code: 'invalid-language',
      message: `assessmentLanguage "${v.assessmentLanguage}" is not a language tag such as km, th, lo or en.`,
    });
  }
  if (v.result && !bad('result') && v.result.toLowerCase() !== 'competent') {
    errors.push({
      column: 'result',
      code: 'invalid-result',
      message: `result "${v.result}" cannot be certified: only "competent" is.`,
    });
  }
  const show = v.showBirthDate ? YES_NO[v.showBirthDate.toLowerCase()] : false;
  if (show === undefined && !bad('showBirthDate'))
    errors.push({
      column: 'showBirthDate',
      code: 'invalid-yes-no',
      message: `showBirthDate "${v.showBirthDate}" must be yes or no (or empty: no).`,
    });
  const consent = bad('consentToFollowUp') ? false : consentCell(v.consentToFollowUp ?? '');
  if (consent === undefined)
    errors.push({
      column: 'consentToFollowUp',
      code: 'invalid-consent',
      message: `consentToFollowUp "${v.consentToFollowUp}" is neither yes nor no: the worker's consent is never guessed.`,
    });
  const holder: Holder = {
    name: v.holderName!,
    ...(v.holderNameLatin ? { nameLatin: v.holderNameLatin } : {}),
    ...(v.holderBirthDate ? { birthDate: v.holderBirthDate } : {}),
    ...(v.holderDocumentNumber ? { documentNumber: v.holderDocumentNumber } : {}),
    ...(show && v.holderBirthDate ? { showBirthDate: true } : {}),
    ...(consent ? { consentToFollowUp: true } : {}),
  };
  const assessment: Assessment = {
    date: v.assessmentDate!,
    language: v.assessmentLanguage!,
    result: 'competent',
    ...(v.score ? { score: v.score } : {}),
  };
  for (const p of requestProblems({ holder, assessment }, today)) {
    const e = problemToRowError(p);
    if (!bad(e.column) && !(p.rule === 'holder-unidentified' && bad('holderDocumentNumber'))) errors.push(e);
  }
  if (errors.length > 0) return { errors };
  // the registry's spelling, so duplicate and already-certified checks compare like with like
  return {
    request: { qualification: normaliseQualificationCode(v.qualification!), holder, assessment },
    errors,
  };
}

/**
 * The same worker twice in one cohort for the same qualification (same name and birth date,
 * or same document number): every later occurrence is an error naming the first.
 */
export function cohortDuplicates(
  rows: readonly { row: number; request?: RowRequest }[],
): Map<number, RowError> {
  const seen = new Map<string, number>();
  const found = new Map<number, RowError>();
  for (const { row, request } of rows) {
    if (!request) continue;
    const keys = holderKeys(request.holder);
    const candidates: [string, string | null][] = [
      ['holderName', keys.holderKey],
      ['holderDocumentNumber', keys.holderDocumentKey],
    ];
    for (const [column, key] of candidates) {
      if (!key) continue;
      const k = `${request.qualification}|${key}`;
      const first = seen.get(k);
      if (first !== undefined && !found.has(row)) {
        found.set(row, {
          column,
          code: 'duplicate-in-cohort',
          message: `The same worker as row ${first} (${column === 'holderName' ? 'same name and birth date' : 'same document number'}) for ${request.qualification}.`,
        });
      }
    }
    for (const [, key] of candidates)
      if (key && !seen.has(`${request.qualification}|${key}`))
        seen.set(`${request.qualification}|${key}`, row);
  }
  return found;
}
