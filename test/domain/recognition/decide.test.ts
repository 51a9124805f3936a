import { describe, expect, it } from 'vitest';
import {
  compareFavourability,
  considerAgreement,
  decideRecognition,
  type RecognitionInput,
} from '../../../src/domain/recognition/decide.js';
import { brickCert, mrs, sgR1, VALID, validChecks } from './fixtures.js';

const TODAY = '2026-11-20';
const decide = (over: Partial<RecognitionInput> = {}) =>
  decideRecognition({
    verification: VALID,
    certificate: brickCert(),
    query: { destination: 'TH' },
    agreements: [mrs()],
    today: TODAY,
    ...over,
  });
const reasonCodes = (r: ReturnType<typeof decide>, id: string) =>
  r.agreements.find((a) => a.agreement.id === id)?.reasons.map((x) => x.code);

describe('decideRecognition', () => {
  describe('verification first', () => {
    it('a certificate that failed verification is never recognised, whatever the agreements say', () => {
      const checks = validChecks.map((c) =>
        c.id === 'status'
          ? { ...c, outcome: 'invalid' as const, code: 'revoked' as const, message: 'Revoked.' }
          : c,
      );
      const r = decide({ verification: { outcome: 'invalid', checks } });
      expect(r).toMatchObject({
        decision: 'not-recognised',
        code: 'verification-failed',
        agreements: [],
        conditions: { toMeet: [], met: [] },
      });
      expect(r.message).toContain('status: Revoked.');
      expect(r.agreement).toBeUndefined();
    });
    it('an indeterminate verification gives an indeterminate decision', () => {
      const checks = validChecks.map((c) =>
        c.id === 'status'
          ? {
              ...c,
              outcome: 'indeterminate' as const,
              code: 'status-unavailable' as const,
              message: 'List unreadable.',
            }
          : c,
      );
      expect(decide({ verification: { outcome: 'indeterminate', checks } })).toMatchObject({
        decision: 'indeterminate',
        code: 'verification-indeterminate',
        agreements: [],
      });
    });
    it('a verified certificate without a readable qualification is indeterminate', () => {
      expect(decide({ certificate: undefined })).toMatchObject({
        decision: 'indeterminate',
        code: 'certificate-unreadable',
      });
    });
  });

  it('recognises under an agreement whose every condition the certificate meets, and says what it counts as', () => {
    const r = decide();
    expect(r).toMatchObject({
      decision: 'recognised',
      code: 'recognised',
      checkedOn: TODAY,
      agreement: { id: 'kh-th-mrs', version: 1, kind: 'mutual-recognition-of-skills', illustrative: true },
      choice: { code: 'only-applicable-agreement' },
      equivalent: { qualification: 'TH-BRICK-1', framework: 'TH-TPQF', level: 1 },
      conditions: { toMeet: [] },
    });
    expect(r.conditions.met.map((c) => c.code)).toEqual([
      'assessment-language-accepted',
      'accredited-centre',
    ]);
    expect(reasonCodes(r, 'kh-th-mrs')).toEqual([
      'in-force',
      'destination-party',
      'origin-party',
      'qualification-covered',
      'level-covered',
    ]);
    expect(r.message).toBe(
      'Recognised in TH (as TH-BRICK-1, at TH-TPQF level 1) under KH to TH bricklaying (kh-th-mrs v1).',
    );
  });

  it('is not recognised when the certificate fails a condition (assessment language)', () => {
    const r = decide({ certificate: brickCert({ assessmentLanguage: 'en' }) });
    expect(r).toMatchObject({
      decision: 'not-recognised',
      code: 'conditions-not-met',
      agreement: { id: 'kh-th-mrs' },
    });
    expect(r.conditions.toMeet.map((c) => c.code)).toEqual(['assessment-language-not-accepted']);
  });

  describe('an agreement never applies outside its countries or its validity period', () => {
    it.each([
      ['another destination', { query: { destination: 'SG' } }, 'other-destination'],
      ['another origin', { certificate: brickCert({ originCountry: 'LA' }) }, 'origin-not-party'],
      ['an unknown origin', { certificate: brickCert({ originCountry: undefined }) }, 'origin-not-party'],
    ])('%s', (_name, over, code) => {
      const r = decide(over as Partial<RecognitionInput>);
      expect(r).toMatchObject({ decision: 'not-recognised', code: 'no-applicable-agreement' });
      expect(reasonCodes(r, 'kh-th-mrs')).toContain(code);
      expect(r.agreements[0]).toMatchObject({ outcome: 'not-applicable', conditions: [] });
    });

    it.each([
      ['the day before it starts', '2024-12-31', 'not-recognised', 'agreement-not-yet-in-force'],
      ['its first day', '2025-01-01', 'recognised', 'in-force'],
      ['its last day', '2029-12-31', 'recognised', 'in-force'],
      ['the day after it ends', '2030-01-01', 'not-recognised', 'agreement-expired'],
    ])('judged on the check date: %s (%s)', (_name, today, decision, code) => {
      const r = decide({ today });
      expect(r.decision).toBe(decision);
      expect(reasonCodes(r, 'kh-th-mrs')?.[0]).toBe(code);
    });

    it("the certificate's issuance date does not matter: only the check date is compared with the agreement", () => {
      // the facts carry no issuance date at all: an agreement signed after the assessment still recognises it
      const r = decide({ agreements: [mrs({ validFrom: '2026-11-20' })] });
      expect(r.decision).toBe('recognised');
    });
  });

  describe('coverage and purpose', () => {
    it('names every criterion that failed', () => {
      const r = decide({
        certificate: brickCert({ qualification: 'TH-WIRING-1', aqrfLevel: 2 }),
        query: { destination: 'SG' },
      });
      expect(reasonCodes(r, 'kh-th-mrs')).toEqual([
        'other-destination',
        'qualification-not-covered',
        'level-not-covered',
      ]);
    });
    it('ISCO-08 coverage is hierarchical: 71 covers 7112', () => {
      const a = mrs({ coverage: { occupations: ['71'] } });
      expect(decide({ agreements: [a] }).decision).toBe('recognised');
      expect(
        decide({ agreements: [a], certificate: brickCert({ isco08: '5120' }) }).agreements[0]?.reasons.map(
          (x) => x.code,
        ),
      ).toContain('occupation-not-covered');
    });
    it("an intended occupation other than the certificate's does not match", () => {
      expect(
        reasonCodes(decide({ query: { destination: 'TH', intendedOccupation: '7112' } }), 'kh-th-mrs'),
      ).toContain('intended-occupation-matches');
      const r = decide({ query: { destination: 'TH', intendedOccupation: '5120' } });
      expect(r.decision).toBe('not-recognised');
      expect(reasonCodes(r, 'kh-th-mrs')).toContain('occupation-mismatch');
    });
    it('a permit category asked for must be the one the agreement gives', () => {
      const r = decide({ query: { destination: 'TH', permitCategory: 'SG-WP-R1' } });
      expect(reasonCodes(r, 'kh-th-mrs')).toContain('purpose-not-covered');
      const sg = decide({ agreements: [sgR1()], query: { destination: 'SG', permitCategory: 'SG-WP-R1' } });
      expect(sg.decision).toBe('recognised-with-conditions');
      expect(sg.permitCategory).toEqual({ code: 'SG-WP-R1', name: 'Work Permit R1' });
    });
  });

  describe('a rule with salary, experience and a follow-up (R1 style)', () => {
    const sg = (facts?: RecognitionInput['query']['facts']) =>
      decide({ agreements: [sgR1()], query: { destination: 'SG', ...(facts ? { facts } : {}) } });
    it('without facts: recognised with conditions, experience and salary still to show, the follow-up to do', () => {
      const r = sg();
      expect(r.decision).toBe('recognised-with-conditions');
      expect(r.conditions.toMeet.map((c) => [c.code, c.status])).toEqual([
        ['experience-not-stated', 'unknown'],
        ['salary-not-stated', 'unknown'],
        ['follow-up-required', 'obligation'],
      ]);
      expect(r.conditions.met.map((c) => c.code)).toEqual(['accredited-centre']);
    });
    it('with facts that meet them: only the follow-up remains, with its deadline two years on', () => {
      const r = sg({ yearsOfExperience: 6, offeredMonthlySalary: { amount: 1600, currency: 'SGD' } });
      expect(r.decision).toBe('recognised-with-conditions');
      expect(r.conditions.toMeet).toEqual([
        expect.objectContaining({ code: 'follow-up-required', deadline: '2028-11-20' }),
      ]);
      expect(r.conditions.met.map((c) => c.code)).toEqual([
        'accredited-centre',
        'experience-sufficient',
        'salary-sufficient',
      ]);
    });
    it('with a fact that falls short: not recognised, and it says which', () => {
      const r = sg({ yearsOfExperience: 5, offeredMonthlySalary: { amount: 1600, currency: 'SGD' } });
      expect(r).toMatchObject({
        decision: 'not-recognised',
        code: 'conditions-not-met',
        agreement: { id: 'sg-r1' },
      });
      expect(r.message).toContain('5 years of experience stated; at least 6 required.');
    });
  });

  describe('overlapping agreements: the most favourable applicable one wins, and the answer says why', () => {
    const plain = mrs({ id: 'a-plain', conditions: {} });
    const conditional = mrs({ id: 'b-conditional', conditions: { minYearsExperience: 2 } });

    it('recognised beats recognised-with-conditions', () => {
      const r = decide({ agreements: [conditional, plain] });
      expect(r).toMatchObject({
        decision: 'recognised',
        agreement: { id: 'a-plain' },
        choice: { code: 'better-outcome' },
      });
      expect(r.agreements.map((a) => [a.agreement.id, a.outcome])).toEqual([
        ['a-plain', 'recognised'],
        ['b-conditional', 'recognised-with-conditions'],
      ]);
    });
    it('recognised-with-conditions beats not-recognised (a condition not met)', () => {
      const failing = mrs({ id: 'a-failing', conditions: { assessmentLanguages: ['th'] } });
      expect(decide({ agreements: [failing, conditional] })).toMatchObject({
        decision: 'recognised-with-conditions',
        agreement: { id: 'b-conditional' },
        choice: { code: 'better-outcome' },
      });
    });
    it('then fewer conditions still to meet', () => {
      const more = mrs({
        id: 'a-more',
        conditions: { minYearsExperience: 2, recertificationRequired: true },
      });
      const r = decide({ agreements: [more, conditional] });
      expect(r).toMatchObject({
        agreement: { id: 'b-conditional' },
        choice: { code: 'fewer-conditions-to-meet' },
      });
      expect(r.choice?.message).toContain('1 condition(s) still to meet, against 2');
    });
    it('then the higher equivalent level in the same framework', () => {
      const low = mrs({ id: 'a-low', grants: { equivalentLevel: { framework: 'TH-TPQF', level: 1 } } });
      const high = mrs({ id: 'b-high', grants: { equivalentLevel: { framework: 'TH-TPQF', level: 2 } } });
      expect(decide({ agreements: [low, high] })).toMatchObject({
        agreement: { id: 'b-high' },
        equivalent: { level: 2 },
        choice: { code: 'higher-equivalent-level' },
      });
    });
    it('levels in different frameworks are not compared; equal agreements fall to the newer, then to the id', () => {
      const older = mrs({
        id: 'b-older',
        validFrom: '2025-01-01',
        grants: { equivalentLevel: { framework: 'AQRF', level: 3 } },
      });
      const newer = mrs({
        id: 'c-newer',
        validFrom: '2026-01-01',
        grants: { equivalentLevel: { framework: 'TH-TPQF', level: 1 } },
      });
      expect(decide({ agreements: [older, newer] })).toMatchObject({
        agreement: { id: 'c-newer' },
        choice: { code: 'newer-agreement' },
      });
      const twin = mrs({
        id: 'a-twin',
        validFrom: '2026-01-01',
        grants: { equivalentLevel: { framework: 'TH-TPQF', level: 1 } },
      });
      expect(decide({ agreements: [newer, twin] })).toMatchObject({
        agreement: { id: 'a-twin' },
        choice: { code: 'equally-favourable' },
      });
    });
    it('a more favourable agreement that has expired never wins over one in force', () => {
      const expired = mrs({ id: 'a-expired', conditions: {}, validUntil: '2026-11-19' });
      const r = decide({ agreements: [expired, conditional] });
      expect(r).toMatchObject({
        decision: 'recognised-with-conditions',
        agreement: { id: 'b-conditional' },
        choice: { code: 'only-applicable-agreement' },
      });
      expect(reasonCodes(r, 'a-expired')).toEqual(['agreement-expired']);
    });
    it('the ordering is a total order (sorting twice gives the same answer whatever the input order)', () => {
      const list = [
        conditional,
        plain,
        mrs({ id: 'c-third', conditions: { minYearsExperience: 1, recertificationRequired: true } }),
      ];
      const a = decide({ agreements: list }).agreements.map((x) => x.agreement.id);
      const b = decide({ agreements: [...list].reverse() }).agreements.map((x) => x.agreement.id);
      expect(a).toEqual(b);
      const considered = list.map((x) => considerAgreement(x, brickCert(), { destination: 'TH' }, TODAY));
      expect(compareFavourability(considered[0]!, considered[0]!)).toBe(0);
    });
  });
});
