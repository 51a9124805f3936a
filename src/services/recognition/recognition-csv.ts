import type { CsvCodec } from '../format-ports.js';
import { SkillPassError } from '../../domain/errors.js';
import type { ConditionResult } from '../../domain/recognition/conditions.js';
import { MAX_BULK_CERTIFICATES, type BulkItem, type CheckItem } from './recognition-service.js';

/**
 * Bulk recognition over CSV: a list of certificates in (one per row, with optional per-row
 * purpose and facts), the decisions out, for a spreadsheet. Exported cells are neutralised
 * against formula injection by the CSV writer (the CsvCodec port, ../format-ports.ts).
 */
export const CSV_INPUT_COLUMNS = [
  'certificate',
  'ref',
  'intendedOccupation',
  'permitCategory',
  'yearsOfExperience',
  'salaryAmount',
  'salaryCurrency',
] as const;
type Column = (typeof CSV_INPUT_COLUMNS)[number];

const bad = (row: number, column: string, message: string): never => {
  throw new SkillPassError('validation-failed', `Row ${row}, column ${column}: ${message}`, {
    field: column,
    row,
  });
};

export function checkItemsFromCsv(csv: Pick<CsvCodec, 'read'>, body: Buffer): CheckItem[] {
  const read = csv.read(body, MAX_BULK_CERTIFICATES);
  if (!read.ok)
    throw new SkillPassError('validation-failed', read.message, { field: 'body', ...read.details });
  const { table } = read;
  const byName = new Map(CSV_INPUT_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const columns = table.header.map((h, i) => {
    const name = byName.get(h.toLowerCase());
    if (!name)
      throw new SkillPassError(
        'validation-failed',
        `Unknown column "${h}" (column ${i + 1}); the columns are ${CSV_INPUT_COLUMNS.join(', ')}.`,
        { field: h },
      );
    return name;
  });
  if (!columns.includes('certificate'))
    throw new SkillPassError(
      'validation-failed',
      'The CSV needs a "certificate" column (a certificate id, verification URL, JWT or SKP1 text).',
      { field: 'certificate' },
    );
  if (table.records.length === 0)
    throw new SkillPassError('validation-failed', 'The CSV has a header but no certificates.', {
      field: 'certificate',
    });

  return table.records.map(({ cells, row }) => {
    const cell = (c: Column): string | undefined => {
      const v = cells[columns.indexOf(c)]?.trim();
      return columns.includes(c) && v ? v : undefined;
    };
    const certificate = cell('certificate') ?? bad(row, 'certificate', 'empty.');
    const number = (c: Column, min: number): number | undefined => {
      const v = cell(c);
      if (v === undefined) return undefined;
      const n = Number(v);
      return Number.isFinite(n) && n >= min ? n : bad(row, c, `"${v}" is not a number of at least ${min}.`);
    };
    const occupation = cell('intendedOccupation');
    if (occupation !== undefined && !/^[0-9]{4}$/.test(occupation))
      bad(row, 'intendedOccupation', `"${occupation}" is not an ISCO-08 unit group (4 digits).`);
    const permit = cell('permitCategory');
    if (permit !== undefined && !/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(permit))
      bad(row, 'permitCategory', `"${permit}" is not a permit category code.`);
    const years = number('yearsOfExperience', 0);
    const amount = number('salaryAmount', 0);
    const currency = cell('salaryCurrency')?.toUpperCase();
    if ((amount === undefined) !== (currency === undefined))
      bad(
        row,
        amount === undefined ? 'salaryAmount' : 'salaryCurrency',
        'salaryAmount and salaryCurrency go together.',
      );
    if (currency !== undefined && !/^[A-Z]{3}$/.test(currency))
      bad(row, 'salaryCurrency', `"${currency}" is not an ISO 4217 currency code.`);
    const facts = {
      ...(years !== undefined ? { yearsOfExperience: years } : {}),
      ...(amount !== undefined && currency ? { offeredMonthlySalary: { amount, currency } } : {}),
    };
    const ref = cell('ref');
    return {
      certificate,
      ...(ref ? { ref } : {}),
      ...(occupation ? { intendedOccupation: occupation } : {}),
      ...(permit ? { permitCategory: permit } : {}),
      ...(Object.keys(facts).length ? { facts } : {}),
    };
  });
}

export const CSV_OUTPUT_COLUMNS = [
  'row',
  'ref',
  'certificate',
  'holder',
  'qualification',
  'aqrfLevel',
  'certifiedIn',
  'destination',
  'verification',
  'decision',
  'code',
  'agreement',
  'agreementVersion',
  'illustrative',
  'equivalentQualification',
  'equivalentLevel',
  'permitCategory',
  'conditionsToMeet',
  'conditionsMet',
  'message',
  'receipt',
] as const;

const conditions = (list: readonly ConditionResult[]): string =>
  list.map((c) => `${c.code}${c.deadline ? ` (by ${c.deadline})` : ''}: ${c.message}`).join(' | ');

/** One row per decision, in request order; an item that could not be checked says why. */
export function decisionsCsv(
  csv: Pick<CsvCodec, 'document'>,
  destination: string,
  items: readonly BulkItem[],
): string {
  const rows = items.map((r): unknown[] => {
    if ('error' in r)
      return [
        r.index + 1,
        r.ref,
        '',
        '',
        '',
        '',
        '',
        destination,
        '',
        'error',
        r.error.code,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        r.error.message,
        '',
      ];
    const c = r.certificate;
    return [
      r.index + 1,
      r.ref,
      c?.id,
      c?.holderName,
      c?.qualification,
      c?.aqrfLevel,
      c?.originCountry,
      r.query.destination,
      r.verification.outcome,
      r.decision,
      r.code,
      r.agreement?.id,
      r.agreement?.version,
      r.agreement ? String(r.agreement.illustrative) : '',
      r.equivalent?.qualification,
      r.equivalent?.level !== undefined ? `${r.equivalent.framework} ${r.equivalent.level}` : '',
      r.permitCategory?.code,
      conditions(r.conditions.toMeet),
      conditions(r.conditions.met),
      r.message,
      r.receipt?.id,
    ];
  });
  return csv.document([[...CSV_OUTPUT_COLUMNS], ...rows]);
}
