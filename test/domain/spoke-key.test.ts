import { describe, expect, it } from 'vitest';
import { keyValidAt } from '../../src/domain/spoke-key.js';
import { key } from './fixtures.js';

describe('keyValidAt', () => {
  it('accepts a current key from its validFrom instant onwards', () => {
    expect(keyValidAt(key(), '2025-01-01T00:00:00Z')).toEqual({ ok: true });
    expect(keyValidAt(key(), '2030-01-01T00:00:00Z')).toEqual({ ok: true });
  });

  it('rejects an instant before the key came into use', () => {
    const v = keyValidAt(key(), '2024-12-31T23:59:59Z');
    expect(v).toMatchObject({ ok: false, code: 'key-not-yet-valid' });
  });

  // the rotation instant belongs to both keys: what the hub signed with the old key at that very
  // instant, before the rotation took its turn, stays valid (README, "Key rotation")
  it('accepts a rotated-out key at exactly its validUntil, the rotation instant', () => {
    const rotated = key({ validUntil: '2026-06-01T12:00:00.700Z' });
    expect(keyValidAt(rotated, '2026-06-01T12:00:00.700Z')).toEqual({ ok: true });
  });

  it('rejects a rotated-out key one millisecond after its validUntil', () => {
    const rotated = key({ validUntil: '2026-06-01T12:00:00.700Z' });
    expect(keyValidAt(rotated, '2026-06-01T12:00:00.701Z')).toMatchObject({
      ok: false,
      code: 'key-rotated-out',
    });
    expect(keyValidAt(key({ validUntil: '2026-06-01T12:00:00Z' }), '2026-06-01T12:00:00.001Z')).toMatchObject(
      { ok: false, code: 'key-rotated-out' },
    );
  });

  it('decides within a second: signed at .400 with a key rotated out at .700 is valid, at .900 it is not', () => {
    const old = key({ validUntil: '2026-06-01T10:00:00.700Z' });
    const current = key({
      id: `${key().id.replace(/#key-1$/, '#key-2')}`,
      validFrom: '2026-06-01T10:00:00.700Z',
    });
    expect(keyValidAt(old, '2026-06-01T10:00:00.400Z')).toEqual({ ok: true });
    expect(keyValidAt(old, '2026-06-01T10:00:00.900Z')).toMatchObject({ ok: false, code: 'key-rotated-out' });
    expect(keyValidAt(current, '2026-06-01T10:00:00.400Z')).toMatchObject({
      ok: false,
      code: 'key-not-yet-valid',
    });
    expect(keyValidAt(current, '2026-06-01T10:00:00.699Z')).toMatchObject({
      ok: false,
      code: 'key-not-yet-valid',
    });
    expect(keyValidAt(current, '2026-06-01T10:00:00.700Z')).toEqual({ ok: true });
    // an offset time-zone with a fraction is the same instant
    expect(keyValidAt(old, '2026-06-01T17:00:00.700+07:00')).toEqual({ ok: true });
    expect(keyValidAt(old, '2026-06-01T17:00:00.701+07:00')).toMatchObject({
      ok: false,
      code: 'key-rotated-out',
    });
  });

  it('still accepts a rotated-out key one millisecond before its validUntil', () => {
    const rotated = key({ validUntil: '2026-06-01T12:00:00Z' });
    expect(keyValidAt(rotated, '2026-06-01T11:59:59.999Z')).toEqual({ ok: true });
  });

  it('rejects a compromised key from the compromise instant on', () => {
    const compromised = key({ compromisedFrom: '2026-03-01T00:00:00Z' });
    expect(keyValidAt(compromised, '2026-03-01T00:00:00Z')).toMatchObject({
      ok: false,
      code: 'key-compromised',
    });
    expect(keyValidAt(compromised, '2027-01-01T00:00:00Z')).toMatchObject({
      ok: false,
      code: 'key-compromised',
    });
  });

  it('accepts a compromised key for signatures made before the compromise', () => {
    const compromised = key({ compromisedFrom: '2026-03-01T00:00:00Z' });
    expect(keyValidAt(compromised, '2026-02-28T23:59:59Z')).toEqual({ ok: true });
  });

  it('reports compromise rather than rotation when both apply', () => {
    const both = key({ validUntil: '2026-01-01T00:00:00Z', compromisedFrom: '2026-02-01T00:00:00Z' });
    expect(keyValidAt(both, '2026-03-01T00:00:00Z')).toMatchObject({ ok: false, code: 'key-compromised' });
  });

  it('compares instants, not strings: an offset time before validFrom in UTC is rejected', () => {
    // 2025-01-01T06:00:00+07:00 is 2024-12-31T23:00:00Z
    expect(keyValidAt(key(), '2025-01-01T06:00:00+07:00')).toMatchObject({
      ok: false,
      code: 'key-not-yet-valid',
    });
  });

  // BUG (src/domain/spoke-key.ts, keyValidAt): an unparsable instant gives t = NaN, every
  // comparison with NaN is false, so the function falls through to { ok: true } (fails open).
  it('does not accept a key at an instant it cannot parse', () => {
    expect(keyValidAt(key({ compromisedFrom: '2026-03-01T00:00:00Z' }), 'not-a-date').ok).toBe(false);
  });
});
