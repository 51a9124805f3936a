import { describe, expect, it } from 'vitest';
import {
  checkItemsFromCsv,
  CSV_OUTPUT_COLUMNS,
  decisionsCsv,
} from '../../../src/services/recognition/recognition-csv.js';
import type { BulkItem } from '../../../src/services/recognition/recognition-service.js';
import { MAX_BULK_CERTIFICATES } from '../../../src/services/recognition/recognition-service.js';
import { readCsv } from '../../../src/adapters/csv/csv-input.js';
import { csvDocument } from '../../../src/domain/csv-text.js';
import { isSkillPassError, type SkillPassError } from '../../../src/domain/errors.js';

/** Bulk recognition over CSV (src/services/recognition/recognition-csv.ts), with the hub's CSV codec. */
const csv = { read: readCsv, document: csvDocument };
const items = (text: string) => checkItemsFromCsv(csv, Buffer.from(text));
const refusal = (text: string): SkillPassError => {
  try {
    items(text);
  } catch (err) {
    if (isSkillPassError(err)) return err;
    throw err;
  }
  throw new Error('expected a refusal');
};

describe('recognition CSV in', () => {
  it('reads each row as a check item, columns in any order and case, empty cells left out', () => {
    expect(
      items(
        'REF,Certificate,intendedOccupation,permitCategory,yearsOfExperience,salaryAmount,salaryCurrency\n' +
          'r1,urn:uuid:1,7112,R1,3,15000,thb\n' +
          ',https://hub/v/2,,,,,\n',
      ),
    ).toEqual([
      {
        certificate: 'urn:uuid:1',
        ref: 'r1',
        intendedOccupation: '7112',
        permitCategory: 'R1',
        facts: { yearsOfExperience: 3, offeredMonthlySalary: { amount: 15000, currency: 'THB' } },
      },
      { certificate: 'https://hub/v/2' },
    ]);
  });

  it('refuses an unknown column, a missing certificate column and a file of no certificates', () => {
    expect(refusal('certificate,colour\nx,blue\n')).toMatchObject({
      code: 'validation-failed',
      details: { field: 'colour' },
    });
    expect(refusal('ref\nr1\n')).toMatchObject({
      code: 'validation-failed',
      details: { field: 'certificate' },
    });
    expect(refusal('certificate\n')).toMatchObject({
      code: 'validation-failed',
      details: { field: 'certificate' },
    });
    expect(refusal('')).toMatchObject({ code: 'validation-failed', details: { field: 'body' } });
  });

  it('names the row and column of a bad cell', () => {
    const cases: [string, string][] = [
      ['certificate,ref\n,r1\n', 'certificate'],
      ['certificate,intendedOccupation\nx,711\n', 'intendedOccupation'],
      ['certificate,permitCategory\nx,r 1\n', 'permitCategory'],
      ['certificate,yearsOfExperience\nx,-1\n', 'yearsOfExperience'],
      ['certificate,yearsOfExperience\nx,three\n', 'yearsOfExperience'],
      ['certificate,salaryAmount\nx,100\n', 'salaryCurrency'],
      ['certificate,salaryCurrency\nx,THB\n', 'salaryAmount'],
      ['certificate,salaryAmount,salaryCurrency\nx,100,BAHT\n', 'salaryCurrency'],
    ];
    for (const [text, field] of cases) {
      const err = refusal(text);
      expect(err.code, text).toBe('validation-failed');
      expect(err.details, text).toEqual({ field, row: 2 }); // the file's line: the header is line 1
      expect(err.message, text).toMatch(new RegExp(`^Row 2, column ${field}:`));
    }
  });

  it(`takes at most ${MAX_BULK_CERTIFICATES} certificates`, () => {
    const rows = Array.from({ length: MAX_BULK_CERTIFICATES + 1 }, (_, i) => `c${i}`).join('\n');
    expect(refusal(`certificate\n${rows}\n`).code).toBe('validation-failed');
    expect(items(`certificate\n${rows.split('\n').slice(1).join('\n')}\n`)).toHaveLength(
      MAX_BULK_CERTIFICATES,
    );
  });
});

describe('recognition CSV out', () => {
  it('one row per item in request order, an error row saying why; cells neutralised against formulas', () => {
    const decided = {
      index: 0,
      ref: '=HYPERLINK("x")',
      certificate: {
        id: 'urn:uuid:1',
        issuer: 'did:web:h',
        holderName: 'Sok Dara',
        qualification: 'TH-BRICK-1',
        aqrfLevel: 1,
        originCountry: 'KH',
      },
      query: { destination: 'TH' },
      verification: { outcome: 'valid' },
      decision: 'recognised-with-conditions',
      code: 'recognised-with-conditions',
      message: 'ok',
      agreement: { id: 'kh-th', version: 2, illustrative: true },
      equivalent: { qualification: 'TH-BRICK-1', framework: 'TH-TPQF', level: 1 },
      conditions: {
        toMeet: [{ code: 'language', message: 'Thai test', deadline: '2027-01-01' }],
        met: [{ code: 'accredited', message: 'yes' }],
      },
    } as unknown as BulkItem;
    const failed: BulkItem = {
      index: 1,
      ref: 'r2',
      error: { code: 'not-found', message: 'No certificate x.' },
    };
    const text = decisionsCsv(csv, 'TH', [decided, failed]).replace(/^\uFEFF/, '');
    const [header, first, second] = text.trim().split(/\r?\n/);
    expect(header).toBe(CSV_OUTPUT_COLUMNS.join(','));
    const cells = (line: string) =>
      (
        csv.read(Buffer.from(`${header}\n${line}\n`), 10) as {
          ok: true;
          table: { records: { cells: string[] }[] };
        }
      ).table.records[0]!.cells;
    const col = (line: string, name: (typeof CSV_OUTPUT_COLUMNS)[number]) =>
      cells(line)[CSV_OUTPUT_COLUMNS.indexOf(name)];
    expect(col(first!, 'row')).toBe('1');
    expect(col(first!, 'ref')).not.toMatch(/^=/);
    expect(col(first!, 'decision')).toBe('recognised-with-conditions');
    expect(col(first!, 'agreementVersion')).toBe('2');
    expect(col(first!, 'illustrative')).toBe('true');
    expect(col(first!, 'equivalentLevel')).toBe('TH-TPQF 1');
    expect(col(first!, 'conditionsToMeet')).toBe('language (by 2027-01-01): Thai test');
    expect(col(first!, 'conditionsMet')).toBe('accredited: yes');
    expect(col(second!, 'row')).toBe('2');
    expect(col(second!, 'decision')).toBe('error');
    expect(col(second!, 'code')).toBe('not-found');
    expect(col(second!, 'destination')).toBe('TH');
    expect(col(second!, 'message')).toBe('No certificate x.');
  });
});
