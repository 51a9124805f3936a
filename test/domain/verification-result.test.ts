import { describe, expect, it } from 'vitest';
import {
  HUB_TRUST_CHECKS,
  fail,
  overallOutcome,
  pass,
  skip,
  unsure,
  type CheckId,
} from '../../src/domain/verification-result.js';

describe('overallOutcome', () => {
  it('is valid when every check passed or was skipped', () => {
    expect(overallOutcome([pass('well-formed'), pass('proof'), skip('status', 'none')])).toBe('valid');
  });

  it('is invalid when any check failed, even if another is indeterminate', () => {
    expect(
      overallOutcome([
        unsure('proof', 'did-not-resolvable', 'x'),
        fail('validity', 'expired', 'x'),
        pass('issuer'),
      ]),
    ).toBe('invalid');
  });

  it('is indeterminate when a check is unsure and none failed', () => {
    expect(
      overallOutcome([
        pass('well-formed'),
        unsure('proof', 'did-not-resolvable', 'x'),
        skip('status', 'none'),
      ]),
    ).toBe('indeterminate');
  });

  it('ignores checks that are not counted (the VC API leaves hub-trust checks out)', () => {
    const checks = [
      pass('well-formed'),
      pass('proof'),
      fail('issuer', 'issuer-not-registered', 'x'),
      fail('level', 'level-mismatch', 'x'),
      pass('validity'),
    ];
    const notHubTrust = (id: CheckId) => !HUB_TRUST_CHECKS.includes(id);
    expect(overallOutcome(checks)).toBe('invalid');
    expect(overallOutcome(checks, notHubTrust)).toBe('valid');
  });

  it('is still invalid when a check the filter keeps has failed', () => {
    const notHubTrust = (id: CheckId) => !HUB_TRUST_CHECKS.includes(id);
    expect(overallOutcome([pass('issuer'), fail('validity', 'expired', 'x')], notHubTrust)).toBe('invalid');
  });
});

describe('check result builders', () => {
  it('omit message and details when not given, and carry them when given', () => {
    expect(pass('proof')).toEqual({ id: 'proof', outcome: 'valid' });
    expect(fail('level', 'level-mismatch', 'm', { stated: 2 })).toEqual({
      id: 'level',
      outcome: 'invalid',
      code: 'level-mismatch',
      message: 'm',
      details: { stated: 2 },
    });
  });
});
