import { describe, expect, it } from 'vitest';
import { checkValidity } from '../../../src/domain/checks/validity-check.js';
import { readBrick } from '../fixtures.js';

const c = readBrick({ validFrom: '2026-11-20T10:00:00Z', validUntil: '2031-11-20T23:59:59Z' });

describe('checkValidity', () => {
  it('passes inside the validity period', () => {
    expect(checkValidity(c, '2028-01-01T00:00:00Z')).toMatchObject({ id: 'validity', outcome: 'valid' });
  });

  it('fails as expired one second after validUntil', () => {
    const r = checkValidity(c, '2031-11-21T00:00:00Z');
    expect(r).toMatchObject({
      outcome: 'invalid',
      code: 'expired',
      details: { validUntil: '2031-11-20T23:59:59Z' },
    });
  });

  it('still passes at exactly validUntil', () => {
    expect(checkValidity(c, '2031-11-20T23:59:59Z').outcome).toBe('valid');
  });

  it('fails as not yet valid well before validFrom', () => {
    const r = checkValidity(c, '2026-11-19T10:00:00Z');
    expect(r).toMatchObject({
      outcome: 'invalid',
      code: 'not-yet-valid',
      details: { validFrom: '2026-11-20T10:00:00Z' },
    });
  });

  it('tolerates the default 300 s clock skew before validFrom, inclusive', () => {
    expect(checkValidity(c, '2026-11-20T09:55:00Z').outcome).toBe('valid');
  });

  it('fails one second beyond the tolerated skew', () => {
    expect(checkValidity(c, '2026-11-20T09:54:59Z').code).toBe('not-yet-valid');
  });

  it('honours a custom skew of zero', () => {
    expect(checkValidity(c, '2026-11-20T09:59:59Z', 0).code).toBe('not-yet-valid');
    expect(checkValidity(c, '2026-11-20T10:00:00Z', 0).outcome).toBe('valid');
  });

  it('gives no skew at the end: a few seconds after validUntil is expired', () => {
    expect(checkValidity(c, '2031-11-21T00:00:05Z').code).toBe('expired');
  });

  it('passes a credential with no validUntil at any later time', () => {
    const open = readBrick({ validUntil: undefined });
    delete open.validUntil;
    expect(checkValidity(open, '2099-01-01T00:00:00Z')).toMatchObject({
      outcome: 'valid',
      message: 'Valid, with no end date.',
    });
  });
});
