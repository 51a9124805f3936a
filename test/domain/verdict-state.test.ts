import { describe, expect, it } from 'vitest';
import { checklist, verdictState } from '../../src/domain/verdict-state.js';
import type { CheckResult } from '../../src/domain/verification-result.js';
import { CHECK_IDS, fail, pass, skip, unsure } from '../../src/domain/verification-result.js';

/** All seven checks passed, with the given ones replaced. */
const checks = (...changed: CheckResult[]): { checks: CheckResult[] } => ({
  checks: CHECK_IDS.map((id) => changed.find((c) => c.id === id) ?? pass(id)),
});

describe('verdictState: one state per situation, from the checks alone', () => {
  it.each([
    ['valid', checks()],
    ['revoked', checks(fail('status', 'revoked', 'r'))],
    ['suspended', checks(fail('status', 'suspended', 's'))],
    ['expired', checks(fail('validity', 'expired', 'e'))],
    ['not-yet-valid', checks(fail('validity', 'not-yet-valid', 'n'))],
    ['altered', checks(fail('proof', 'bad-signature', 'b'))],
    ['unknown-issuer', checks(fail('issuer', 'issuer-not-registered', 'i'))],
    ['unknown-issuer', checks(fail('issuer', 'key-not-registered', 'k'))],
    ['not-found', { checks: [fail('well-formed', 'unknown-certificate', 'u')] }],
    ['invalid', checks(fail('accreditation', 'not-accredited', 'a'))],
    ['invalid', checks(fail('issuer', 'key-compromised', 'c'))],
    ['invalid', { checks: [fail('well-formed', 'malformed-jwt', 'm')] }],
    ['unchecked', checks(unsure('status', 'status-unavailable', 'x'))],
    ['unchecked', checks(unsure('proof', 'did-not-resolvable', 'x'))],
  ] as const)('%s', (state, result) => {
    expect(verdictState(result)).toBe(state);
  });

  it('a broken signature wins over everything the credential claims (revoked, expired)', () => {
    expect(
      verdictState(
        checks(
          fail('proof', 'bad-signature', 'b'),
          fail('status', 'revoked', 'r'),
          fail('validity', 'expired', 'e'),
        ),
      ),
    ).toBe('altered');
  });

  it('an unknown signer whose DID cannot be resolved is an unknown issuer, not "could not be checked"', () => {
    expect(
      verdictState(
        checks(unsure('proof', 'did-not-resolvable', 'd'), fail('issuer', 'issuer-not-registered', 'i')),
      ),
    ).toBe('unknown-issuer');
  });

  it('revoked (final) wins over suspended and expired; suspended over expired; expired over a bad level', () => {
    expect(verdictState(checks(fail('status', 'revoked', 'r'), fail('validity', 'expired', 'e')))).toBe(
      'revoked',
    );
    expect(verdictState(checks(fail('status', 'suspended', 's'), fail('validity', 'expired', 'e')))).toBe(
      'suspended',
    );
    expect(verdictState(checks(fail('validity', 'expired', 'e'), fail('level', 'level-mismatch', 'l')))).toBe(
      'expired',
    );
  });

  it('a failure wins over a check that could not be judged', () => {
    expect(
      verdictState(checks(unsure('status', 'status-unavailable', 'x'), fail('level', 'level-mismatch', 'l'))),
    ).toBe('invalid');
  });
});

describe('checklist: what was checked, each line passed, failed or not checked', () => {
  const marks = (result: { checks: CheckResult[] }) =>
    Object.fromEntries(checklist(result).map(({ item, mark }) => [item, mark]));

  it('all passed', () => {
    expect(marks(checks())).toEqual({
      unaltered: 'passed',
      issuer: 'passed',
      level: 'passed',
      dates: 'passed',
      status: 'passed',
    });
  });

  it('the accredited-centre line fails with either its issuer or its accreditation check', () => {
    expect(marks(checks(fail('accreditation', 'not-accredited', 'a'))).issuer).toBe('failed');
    expect(marks(checks(fail('issuer', 'key-rotated-out', 'k'))).issuer).toBe('failed');
  });

  it('skipped and indeterminate checks are "not checked", never "passed"', () => {
    const m = marks(
      checks(
        skip('status', 'no status entry'),
        unsure('proof', 'unsupported-proof', 'u'),
        skip('level', 'n/a'),
      ),
    );
    expect(m).toMatchObject({ unaltered: 'not-checked', level: 'not-checked', status: 'not-checked' });
    expect(m.dates).toBe('passed');
  });

  it('revoked and expired fail their lines', () => {
    const m = marks(checks(fail('status', 'revoked', 'r'), fail('validity', 'expired', 'e')));
    expect(m).toMatchObject({ status: 'failed', dates: 'failed', unaltered: 'passed' });
  });

  it('an altered credential: only its signature is judged (failed); the rest are its forged claims, not checked', () => {
    expect(marks(checks(fail('proof', 'bad-signature', 'b')))).toEqual({
      unaltered: 'failed',
      issuer: 'not-checked',
      level: 'not-checked',
      dates: 'not-checked',
      status: 'not-checked',
    });
  });

  it('nothing is checked when the credential could not be read or was not found', () => {
    expect(Object.values(marks({ checks: [fail('well-formed', 'unknown-certificate', 'u')] }))).toEqual(
      Array(5).fill('not-checked'),
    );
  });
});
