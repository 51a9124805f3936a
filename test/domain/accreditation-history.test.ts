import { describe, expect, it } from 'vitest';
import { accreditationCovering, accreditationOn } from '../../src/domain/accreditation.js';
import type { AccreditationEvent } from '../../src/domain/types.js';
import { accreditation } from './fixtures.js';

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

describe('accreditation history (events judged on the issuance day)', () => {
  it('a suspension does not reach back: the day before it the centre is still covered', () => {
    const a = accreditation({ events: [event('suspended', '2026-03-01')] });
    expect(accreditationCovering([a], 'TH-BRICK-1', '2026-02-28')).toBe(a);
  });

  it('a suspension applies from its effective day itself', () => {
    const a = accreditation({ events: [event('suspended', '2026-03-01')] });
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-03-01')).toMatchObject({
      covered: false,
      reason: 'suspended',
    });
  });

  it('a reinstatement ends the suspension from its effective day', () => {
    const a = accreditation({
      events: [event('suspended', '2026-03-01'), event('reinstated', '2026-04-01')],
    });
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-03-31').covered).toBe(false);
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-04-01').covered).toBe(true);
  });

  it('orders events by effective day, not by the order they were recorded', () => {
    // reinstatement recorded first but effective later than the suspension
    const a = accreditation({
      events: [event('reinstated', '2026-04-01'), event('suspended', '2026-03-01')],
    });
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-04-15').covered).toBe(true);
  });

  it('keeps recording order for events effective on the same day', () => {
    const a = accreditation({
      events: [event('suspended', '2026-03-01'), event('reinstated', '2026-03-01')],
    });
    const b = accreditation({
      events: [event('reinstated', '2026-03-01'), event('suspended', '2026-03-01')],
    });
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-03-01').covered).toBe(true);
    expect(accreditationOn([b], 'TH-BRICK-1', '2026-03-01')).toMatchObject({
      covered: false,
      reason: 'suspended',
    });
  });

  it('a withdrawal is final: a later reinstatement does not restore it', () => {
    const a = accreditation({
      events: [event('withdrawn', '2026-03-01'), event('reinstated', '2026-04-01')],
    });
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-05-01')).toMatchObject({
      covered: false,
      reason: 'withdrawn',
    });
  });

  it('an amendment adds a qualification from its effective day only', () => {
    const a = accreditation({ events: [event('amended', '2026-03-01', { add: ['TH-WIRING-1'] })] });
    expect(accreditationOn([a], 'TH-WIRING-1', '2026-02-28')).toMatchObject({
      covered: false,
      reason: 'not-covered',
    });
    expect(accreditationOn([a], 'TH-WIRING-1', '2026-03-01').covered).toBe(true);
  });

  it('an amendment removes a qualification from its effective day only', () => {
    const a = accreditation({ events: [event('amended', '2026-03-01', { remove: ['TH-BRICK-1'] })] });
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-02-28').covered).toBe(true);
    expect(accreditationOn([a], 'TH-BRICK-1', '2026-03-01')).toMatchObject({
      covered: false,
      reason: 'not-covered',
    });
  });

  it('events do not extend the validity period', () => {
    const a = accreditation({ validUntil: '2026-12-31', events: [event('reinstated', '2026-06-01')] });
    expect(accreditationOn([a], 'TH-BRICK-1', '2027-01-01')).toMatchObject({
      covered: false,
      reason: 'outside-period',
    });
  });

  it('covered by another accreditation wins over a suspended one', () => {
    const suspended = accreditation({ id: 'old', events: [event('suspended', '2026-03-01')] });
    const other = accreditation({ id: 'new', validFrom: '2026-01-01', validUntil: '2029-12-31' });
    expect(accreditationCovering([suspended, other], 'TH-BRICK-1', '2026-05-01')?.id).toBe('new');
  });

  it('with no accreditations the reason is none', () => {
    expect(accreditationOn([], 'TH-BRICK-1', '2026-05-01')).toEqual({ covered: false, reason: 'none' });
  });

  // BUG (src/domain/accreditation.ts, accreditationStateOn): the withdrawn/suspended events
  // are applied before the qualification is looked at, and accreditationOn ranks "withdrawn"
  // highest. So a centre whose BRICK-only accreditation was withdrawn is reported as
  // "withdrawn" for TH-WIRING-1, a qualification that accreditation never covered; the
  // accreditation check then says code accreditation-withdrawn instead of not-accredited.
  it('reports not-covered, not withdrawn, for a qualification the withdrawn accreditation never listed', () => {
    const a = accreditation({ qualifications: ['TH-BRICK-1'], events: [event('withdrawn', '2026-03-01')] });
    expect(accreditationOn([a], 'TH-WIRING-1', '2026-05-01')).toMatchObject({
      covered: false,
      reason: 'not-covered',
    });
  });
});
