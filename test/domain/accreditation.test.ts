import { describe, expect, it } from 'vitest';
import { accreditationCovering } from '../../src/domain/accreditation.js';
import { accreditation } from './fixtures.js';

const acc = accreditation({ validFrom: '2025-01-01', validUntil: '2026-12-31' });

describe('accreditationCovering', () => {
  it('covers the first day of the accreditation (inclusive start)', () => {
    expect(accreditationCovering([acc], 'TH-BRICK-1', '2025-01-01')).toBe(acc);
  });

  it('covers the last day of the accreditation (inclusive end)', () => {
    expect(accreditationCovering([acc], 'TH-BRICK-1', '2026-12-31')).toBe(acc);
  });

  it('does not cover the day before it starts', () => {
    expect(accreditationCovering([acc], 'TH-BRICK-1', '2024-12-31')).toBeUndefined();
  });

  it('does not cover the day after it ends', () => {
    expect(accreditationCovering([acc], 'TH-BRICK-1', '2027-01-01')).toBeUndefined();
  });

  it('does not cover a qualification the accreditation does not list', () => {
    expect(accreditationCovering([acc], 'TH-WIRING-1', '2025-06-01')).toBeUndefined();
  });

  it('finds, among several accreditations, the one that covers the day', () => {
    const first = accreditation({ id: 'first', validFrom: '2025-01-01', validUntil: '2025-12-31' });
    const renewal = accreditation({ id: 'renewal', validFrom: '2026-03-01', validUntil: '2027-12-31' });
    expect(accreditationCovering([first, renewal], 'TH-BRICK-1', '2025-12-31')?.id).toBe('first');
    expect(accreditationCovering([first, renewal], 'TH-BRICK-1', '2026-03-01')?.id).toBe('renewal');
  });

  it('leaves a gap between two accreditations uncovered', () => {
    const first = accreditation({ id: 'first', validFrom: '2025-01-01', validUntil: '2025-12-31' });
    const renewal = accreditation({ id: 'renewal', validFrom: '2026-03-01', validUntil: '2027-12-31' });
    expect(accreditationCovering([first, renewal], 'TH-BRICK-1', '2026-02-15')).toBeUndefined();
  });

  it('uses the accreditation that lists the qualification when several cover the day', () => {
    const sewing = accreditation({ id: 'sewing', qualifications: ['KH-SEW-2'] });
    const building = accreditation({ id: 'building', qualifications: ['TH-BRICK-1'] });
    expect(accreditationCovering([sewing, building], 'TH-BRICK-1', '2026-01-01')?.id).toBe('building');
    expect(accreditationCovering([sewing, building], 'KH-SEW-2', '2026-01-01')?.id).toBe('sewing');
  });
});
