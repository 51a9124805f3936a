import { describe, expect, it } from 'vitest';
import {
  corridorOf,
  quarterDays,
  quarterOf,
  rate,
  windowQuarter,
} from '../../../src/domain/outcomes/statistics-definitions.js';
import { costProblem } from '../../../src/domain/outcomes/programme-cost.js';
import { statisticsCsv } from '../../../src/domain/outcomes/statistics-csv.js';
import { suppressLattice } from '../../../src/domain/outcomes/statistics-cube.js';
import { statisticsReport } from '../../../src/domain/outcomes/statistics-report.js';

describe('statistics definitions', () => {
  it('a corridor runs from origin to destination; an anonymous check has an unknown destination', () => {
    expect(corridorOf('KH', 'TH')).toBe('KH-TH');
    expect(corridorOf('KH', null)).toBe('KH-unknown');
    expect(corridorOf('KH', '')).toBe('KH-unknown');
  });

  it('calendar quarters, from a day or an instant, and their first and next days', () => {
    expect(
      ['2026-01-01', '2026-03-31T23:59:59Z', '2026-04-01', '2026-09-30', '2026-12-31'].map(quarterOf),
    ).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(quarterDays('2026-Q4')).toEqual({ first: '2026-10-01', next: '2027-01-01' });
    expect(quarterDays('2026-Q2')).toEqual({ first: '2026-04-01', next: '2026-07-01' });
  });

  it('a window bound is a quarter, or a real day read as its quarter', () => {
    expect(windowQuarter('2026-Q2')).toBe('2026-Q2');
    expect(windowQuarter('2026-05-17')).toBe('2026-Q2');
    expect(windowQuarter('2026-Q5')).toBeUndefined();
    expect(windowQuarter('2026-02-30')).toBeUndefined();
  });

  it('a rate needs both counts published and a base above 0', () => {
    expect(rate(3, 4)).toBe(0.75);
    expect(rate(null, 4)).toBeNull();
    expect(rate(3, null)).toBeNull();
    expect(rate(0, 0)).toBeNull();
  });

  it('programme costs: a quarter, an amount above 0, a real currency', () => {
    const ok = { quarter: '2026-Q1', amount: 10, currency: 'USD' };
    expect(costProblem(ok)).toBeUndefined();
    expect(costProblem({ ...ok, quarter: '2026-01' })?.field).toBe('quarter');
    expect(costProblem({ ...ok, amount: 0 })?.field).toBe('amount');
    expect(costProblem({ ...ok, amount: Number.POSITIVE_INFINITY })?.field).toBe('amount');
    expect(costProblem({ ...ok, currency: 'ABC' })?.field).toBe('currency');
  });
});

describe('statistics as CSV', () => {
  const key = (corridor: string) => ({
    corridor,
    qualification: 'TH-BRICK-1',
    aqrfLevel: '1',
    centre: 'kh-ntti',
    quarter: '2026-Q1',
  });
  const report = statisticsReport(
    suppressLattice([
      { key: key('KH-TH'), measure: 'certified', count: 12 },
      { key: key('=cmd|x'), measure: 'certified', count: 7 },
      { key: key('KH-MY'), measure: 'certified', count: 2 },
    ]),
    { groupBy: ['corridor'] },
    [{ key: { corridor: 'KH-TH' }, currency: 'THB', measure: 'atPlacement', median: 12000, workers: 9 }],
    [],
  );
  const lines = statisticsCsv(report)
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  it('one line per row, a withheld figure an empty cell, one wage column per currency', () => {
    expect(lines[0]).toBe(
      'corridor,certified,verified,recognised,recognisedWithConditions,notRecognised,recognitionIndeterminate,placed,followedUp6,retained6,followedUp12,retained12,placementRate,retentionRate6,retentionRate12,medianWageAtPlacement THB,medianWageAtFollowUp THB,medianWageChange THB',
    );
    expect(lines.find((l) => l.startsWith('KH-MY'))).toMatch(/^KH-MY,,0,/);
    expect(lines.find((l) => l.startsWith('KH-TH'))).toMatch(/^KH-TH,12,.*,12000,,$/);
  });
  it('a cell a spreadsheet would run as a formula is written as text', () => {
    expect(lines.some((l) => l.startsWith("'=cmd|x,"))).toBe(true);
  });
});
