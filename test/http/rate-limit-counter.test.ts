import { describe, expect, it } from 'vitest';
import { FixedWindowCounter } from '../../src/http/plugins/rate-limits.js';

/** The rate limiter's counter: fixed windows per key, bounded however many keys arrive. */
describe('FixedWindowCounter', () => {
  it('allows max hits in a window, then tells how long to wait, and starts again in the next window', () => {
    const c = new FixedWindowCounter(3, 60_000);
    const t0 = 1_000_000;
    expect([1, 2, 3].map((i) => c.hit('a', t0 + i).over)).toEqual([false, false, false]);
    expect(c.hit('a', t0 + 10)).toEqual({ over: true, retryAfterSeconds: 60, remaining: 0 });
    expect(c.hit('b', t0 + 10).over).toBe(false);
    expect(c.hit('a', t0 + 30_500).retryAfterSeconds).toBe(30);
    expect(c.hit('a', t0 + 60_001)).toMatchObject({ over: false, remaining: 2 });
  });

  it('never holds more keys than its capacity, and keeps counting an active key while a flood of new ones passes', () => {
    const c = new FixedWindowCounter(5, 60_000, 100);
    const t0 = 5_000_000;
    for (let i = 0; i < 5; i++) c.hit('busy', t0);
    for (let i = 0; i < 10_000; i++) {
      c.hit(`flood-${i}`, t0 + 1);
      if (i % 20 === 0) expect(c.hit('busy', t0 + 1).over, `after ${i}`).toBe(true); // its count is not forgotten
      expect(c.size).toBeLessThanOrEqual(100);
    }
    expect(c.size).toBeGreaterThanOrEqual(50);
  });
});
