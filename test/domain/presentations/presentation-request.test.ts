import { describe, expect, it } from 'vitest';
import { requestState, requestTimes } from '../../../src/domain/presentations/presentation-request.js';

describe('a presentation request over time', () => {
  it('lives 10 minutes, and its answer is kept an hour after that', () => {
    expect(requestTimes('2026-11-20T10:00:00Z')).toEqual({
      expiresAt: '2026-11-20T10:10:00Z',
      purgeAfter: '2026-11-20T11:10:00Z',
    });
  });

  it('is pending until it expires, answered once answered (even after its expiry)', () => {
    const r = { expiresAt: '2026-11-20T10:10:00Z' };
    expect(requestState(r, '2026-11-20T10:09:59Z')).toBe('pending');
    expect(requestState(r, '2026-11-20T10:10:00Z')).toBe('expired');
    expect(requestState({ ...r, answeredAt: '2026-11-20T10:05:00Z' }, '2026-11-20T10:30:00Z')).toBe(
      'answered',
    );
  });
});
