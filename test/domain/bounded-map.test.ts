import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/domain/bounded-map.js';

describe('BoundedMap', () => {
  it('holds between max/2 and max keys however many arrive, and keeps a key that is read again', () => {
    const m = new BoundedMap<string, number>(10);
    m.set('kept', 1);
    for (let i = 0; i < 1_000; i++) {
      m.set(`k${i}`, i);
      expect(m.get('kept'), `after ${i}`).toBe(1);
      expect(m.size).toBeLessThanOrEqual(10);
    }
    expect(m.size).toBeGreaterThanOrEqual(5);
    expect(m.get('k0')).toBeUndefined();
    expect(m.get('k999')).toBe(999);
  });

  it('setting a key it already holds replaces the value without a turnover', () => {
    const m = new BoundedMap<string, number>(4);
    m.set('a', 1);
    m.set('b', 2);
    m.set('b', 3);
    expect([m.get('a'), m.get('b'), m.size]).toEqual([1, 3, 2]);
  });
});
