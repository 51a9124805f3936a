import { describe, expect, it } from 'vitest';
import { ProofCache } from '../../src/adapters/crypto/workers/proof-cache.js';

/** The proof-result cache: bounded, keeps what is asked for again, and keys on key and bytes together. */
describe('ProofCache', () => {
  const ok = { ok: true } as const;

  it('never holds more than its bound, however many distinct results arrive', () => {
    const cache = new ProofCache(100);
    for (let i = 0; i < 10_000; i++) {
      cache.set(`k${i}`, ok);
      expect(cache.size).toBeLessThanOrEqual(100);
    }
    expect(cache.size).toBeGreaterThanOrEqual(50);
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k9999')).toBe(ok);
  });

  it('keeps a result that is asked for again (a rescanned certificate) while distinct ones stream past', () => {
    const cache = new ProofCache(100);
    cache.set('rescanned', ok);
    for (let i = 0; i < 5_000; i++) {
      cache.set(`distinct-${i}`, { ok: false, error: 'x' });
      if (i % 40 === 0) expect(cache.get('rescanned'), `after ${i}`).toBe(ok);
    }
  });

  it('keys on the public key and the bytes together', () => {
    expect(ProofCache.key('abc', 'z6Mk1')).not.toBe(ProofCache.key('abc', 'z6Mk2'));
    expect(ProofCache.key('abc', 'z6Mk1')).not.toBe(ProofCache.key('abd', 'z6Mk1'));
    expect(ProofCache.key('a\nb', 'c')).not.toBe(ProofCache.key('b', 'c\na'));
    expect(ProofCache.key('abc', 'z6Mk1')).toBe(ProofCache.key('abc', 'z6Mk1'));
  });
});
