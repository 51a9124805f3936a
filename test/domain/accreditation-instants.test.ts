import { describe, expect, it } from 'vitest';
import { accreditationCovering, accreditationOn } from '../../src/domain/accreditation.js';
import { checkAccreditation } from '../../src/domain/checks/accreditation-check.js';
import { registryProblems } from '../../src/domain/certify-rules.js';
import type { AccreditationEvent } from '../../src/domain/types.js';
import { accreditation, brick, spoke, thTpqf } from './fixtures.js';

/**
 * Accreditation changes take effect at an instant, not a day (README, "Accreditation changes"):
 * each rule exactly at its effectiveFrom, one millisecond before and after.
 */
const event = (
  kind: AccreditationEvent['kind'],
  effectiveFrom: string,
  extra: Partial<AccreditationEvent> = {},
): AccreditationEvent => ({
  kind,
  effectiveFrom,
  reason: 'test',
  recordedAt: '2026-01-01T00:00:00Z',
  ...extra,
});

const AT = '2026-03-02T15:00:00Z';
const BEFORE = '2026-03-02T14:59:59.999Z';
const AFTER = '2026-03-02T15:00:00.001Z';

describe('accreditation changes at an instant', () => {
  it('suspended: not in force one ms before; in force exactly at the instant and after', () => {
    const a = accreditation({ events: [event('suspended', AT)] });
    expect(accreditationCovering([a], 'TH-BRICK-1', BEFORE)).toBe(a);
    expect(accreditationOn([a], 'TH-BRICK-1', AT)).toMatchObject({ covered: false, reason: 'suspended' });
    expect(accreditationOn([a], 'TH-BRICK-1', AFTER)).toMatchObject({ covered: false, reason: 'suspended' });
  });

  it('the 09:00 / 15:00 / 16:00 story: a same-day suspension from 15:00 leaves 09:00 covered and refuses 16:00', () => {
    const a = accreditation({ events: [event('suspended', AT)] });
    expect(accreditationCovering([a], 'TH-BRICK-1', '2026-03-02T09:00:00Z')).toBe(a);
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-03-02T16:00:00Z')).toMatchObject({
      covered: false,
      reason: 'suspended',
    });
  });

  it('reinstated: the suspension holds one ms before; ends exactly at the instant', () => {
    const a = accreditation({ events: [event('suspended', '2026-03-01'), event('reinstated', AT)] });
    expect(accreditationOn([a], 'TH-BRICK-1', BEFORE)).toMatchObject({ covered: false, reason: 'suspended' });
    expect(accreditationCovering([a], 'TH-BRICK-1', AT)).toBe(a);
    expect(accreditationCovering([a], 'TH-BRICK-1', AFTER)).toBe(a);
  });

  it('amended (add): the added qualification is covered exactly from the instant', () => {
    const a = accreditation({ events: [event('amended', AT, { add: ['TH-WIRING-1'] })] });
    expect(accreditationOn([a], 'TH-WIRING-1', BEFORE)).toMatchObject({
      covered: false,
      reason: 'not-covered',
    });
    expect(accreditationCovering([a], 'TH-WIRING-1', AT)).toBe(a);
    expect(accreditationCovering([a], 'TH-WIRING-1', AFTER)).toBe(a);
  });

  it('amended (remove): the removed qualification is covered until one ms before the instant', () => {
    const a = accreditation({ events: [event('amended', AT, { remove: ['TH-BRICK-1'] })] });
    expect(accreditationCovering([a], 'TH-BRICK-1', BEFORE)).toBe(a);
    expect(accreditationOn([a], 'TH-BRICK-1', AT)).toMatchObject({ covered: false, reason: 'not-covered' });
    expect(accreditationOn([a], 'TH-BRICK-1', AFTER)).toMatchObject({
      covered: false,
      reason: 'not-covered',
    });
  });

  it('withdrawn: covered one ms before, withdrawn exactly at the instant and for good', () => {
    const a = accreditation({
      events: [event('withdrawn', AT), event('reinstated', '2026-04-01T00:00:00Z')],
    });
    expect(accreditationCovering([a], 'TH-BRICK-1', BEFORE)).toBe(a);
    expect(accreditationOn([a], 'TH-BRICK-1', AT)).toMatchObject({ covered: false, reason: 'withdrawn' });
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-05-01T00:00:00Z')).toMatchObject({
      covered: false,
      reason: 'withdrawn',
    });
  });

  it('a plain date is the start of that day, UTC: the whole day is judged with the change', () => {
    const a = accreditation({ events: [event('suspended', '2026-03-02')] });
    expect(accreditationCovering([a], 'TH-BRICK-1', '2026-03-01T23:59:59.999Z')).toBe(a);
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-03-02T00:00:00Z')).toMatchObject({
      covered: false,
      reason: 'suspended',
    });
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-03-02T09:00:00Z')).toMatchObject({
      covered: false,
      reason: 'suspended',
    });
  });

  it('compares instants, not text: an effectiveFrom with a time zone offset is the same instant in UTC', () => {
    // 22:00 in Bangkok (+07:00) is 15:00 UTC
    const a = accreditation({ events: [event('suspended', '2026-03-02T22:00:00+07:00')] });
    expect(accreditationCovering([a], 'TH-BRICK-1', BEFORE)).toBe(a);
    expect(accreditationOn([a], 'TH-BRICK-1', AT)).toMatchObject({ covered: false, reason: 'suspended' });
  });

  it('orders changes by instant, not by text or recording order, and keeps recording order at the same instant', () => {
    // recorded as a date then a same-day time: the date (00:00) takes effect first, whatever the text says
    const a = accreditation({
      events: [event('reinstated', '2026-03-02T15:00:00Z'), event('suspended', '2026-03-02')],
    });
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-03-02T12:00:00Z')).toMatchObject({
      covered: false,
      reason: 'suspended',
    });
    expect(accreditationCovering([a], 'TH-BRICK-1', '2026-03-02T15:00:00Z')).toBe(a);
    const tie = accreditation({
      events: [event('suspended', '2026-03-02T15:00:00Z'), event('reinstated', '2026-03-02T22:00:00+07:00')],
    });
    expect(accreditationCovering([tie], 'TH-BRICK-1', AT)).toBe(tie);
  });

  it('the accreditation period stays whole days, inclusive: its last day is covered to 23:59:59.999 UTC', () => {
    const a = accreditation({ validFrom: '2026-01-01', validUntil: '2026-03-02' });
    expect(accreditationOn([a], 'TH-BRICK-1', '2025-12-31T23:59:59.999Z')).toMatchObject({
      covered: false,
      reason: 'outside-period',
    });
    expect(accreditationCovering([a], 'TH-BRICK-1', '2026-01-01T00:00:00Z')).toBe(a);
    expect(accreditationCovering([a], 'TH-BRICK-1', '2026-03-02T23:59:59.999Z')).toBe(a);
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-03-03T00:00:00Z')).toMatchObject({
      covered: false,
      reason: 'outside-period',
    });
  });

  it('an issuance instant that cannot be read is not covered', () => {
    expect(accreditationCovering([accreditation()], 'TH-BRICK-1', 'yesterday')).toBeUndefined();
  });
});

describe('the accreditation check and the certify rules judge the instant', () => {
  const suspended = accreditation({ events: [event('suspended', AT)] });

  it('checkAccreditation: valid one ms before the suspension, accreditation-suspended exactly at it', () => {
    expect(checkAccreditation(spoke, brick, [suspended], BEFORE).outcome).toBe('valid');
    expect(checkAccreditation(spoke, brick, [suspended], AT)).toMatchObject({
      outcome: 'invalid',
      code: 'accreditation-suspended',
    });
  });

  it('registryProblems: issuance allowed one ms before the suspension, refused exactly at it', () => {
    const facts = { spoke, qualification: brick, framework: thTpqf, accreditations: [suspended] };
    expect(registryProblems('TH-BRICK-1', facts, BEFORE).problems).toEqual([]);
    expect(registryProblems('TH-BRICK-1', facts, AT).problems).toMatchObject([
      { rule: 'not-accredited', code: 'not-accredited', details: { reason: 'suspended' } },
    ]);
  });
});
