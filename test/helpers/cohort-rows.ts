import type { UploadedRow } from '../../src/services/cohorts/batches.js';

/** Cohort rows as the upload hands them to the service (test/services/cohorts): one worker each. */
export const cohortRow = (
  row: number,
  holderName: string,
  overrides: Record<string, string> = {},
): UploadedRow => ({
  row,
  line: row + 1,
  cells: {
    qualification: 'TH-BRICK-1',
    holderName,
    holderBirthDate: `1990-01-${String((row % 28) + 1).padStart(2, '0')}`,
    holderDocumentNumber: '',
    assessmentDate: '2026-11-18',
    assessmentLanguage: 'km',
    result: 'competent',
    ...overrides,
  },
});

export const cohortRows = (n: number, prefix = 'Worker'): UploadedRow[] =>
  Array.from({ length: n }, (_, i) => cohortRow(i + 1, `${prefix} ${i + 1}`));
